/**
 * Chromium command-line switches applied before `app` is ready. The renderer's own requests are
 * refused by the session policy; these switches are for the requests Chromium makes by itself,
 * which never pass through `webRequest` (component updates, dictionary downloads, field-trial
 * seeds, crash uploads, proxy auto-discovery, media-router discovery on the LAN, …).
 *
 * Several of the services named here are Chrome features Electron does not ship. The switches are
 * listed anyway, as defence in depth: an unknown switch is ignored, and a service Chromium moves
 * into the content layer later would stay off without anyone remembering to add it.
 */
export interface Switch {
  name: string;
  value?: string;
  /** Why it is here, for the reviewer and for the log at start. */
  why: string;
}

/** Chromium features switched off; passed as one `disable-features` list (a second one would replace the first). */
export const DISABLED_FEATURES = [
  'Translate',
  'MediaRouter',
  'DialMediaRouteProvider',
  'OptimizationHints',
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedV2',
  'MediaDrmPreprovisioning',
  'Reporting',
  'CrashReporting',
  'DocumentReporting',
] as const;

export const CHROMIUM_SWITCHES: readonly Switch[] = Object.freeze([
  { name: 'disable-background-networking', why: 'no background fetches (update checks, safe-browsing lists, variations seed)' },
  { name: 'disable-component-update', why: 'no component-updater downloads (CRLSets, Widevine, …)' },
  { name: 'disable-default-apps', why: 'no default apps installed on first run' },
  { name: 'disable-domain-reliability', why: 'no Domain Reliability beacons' },
  { name: 'disable-sync', why: 'no account sync' },
  { name: 'disable-breakpad', why: 'no crash dumps collected for upload' },
  { name: 'disable-crash-reporter', why: 'no crash reporter' },
  { name: 'disable-client-side-phishing-detection', why: 'no phishing-model downloads' },
  { name: 'disable-field-trial-config', why: 'no field-trial (variations) configuration' },
  { name: 'disable-speech-api', why: 'Web Speech recognition sends audio to a remote service' },
  { name: 'no-pings', why: 'no hyperlink-auditing pings' },
  { name: 'no-proxy-server', why: 'no proxy auto-discovery (WPAD) or PAC-script fetch' },
  // Name resolution fails for every host, so even a request that slipped past every other layer
  // cannot find an address. The app's own files come from the `app:` scheme and need no DNS.
  { name: 'host-resolver-rules', value: 'MAP * ~NOTFOUND', why: 'no DNS lookups at all' },
  { name: 'force-webrtc-ip-handling-policy', value: 'disable_non_proxied_udp', why: 'no WebRTC UDP (STUN) traffic' },
  { name: 'disable-features', value: DISABLED_FEATURES.join(','), why: 'Chromium features that talk to remote services' },
]);

/** The one method of `app.commandLine` this needs, so tests can pass a fake. */
export interface CommandLineLike {
  appendSwitch(name: string, value?: string): void;
}

export function applySwitches(commandLine: CommandLineLike, switches: readonly Switch[] = CHROMIUM_SWITCHES): void {
  for (const s of switches) {
    if (s.value === undefined) commandLine.appendSwitch(s.name);
    else commandLine.appendSwitch(s.name, s.value);
  }
}
