import { describe, expect, it } from 'vitest';
import { applySwitches, CHROMIUM_SWITCHES, DISABLED_FEATURES } from '../../../electron/main/switches';

function applied() {
  const calls: [string, string | undefined][] = [];
  applySwitches({ appendSwitch: (name, value) => calls.push([name, value]) });
  return calls;
}

describe('applySwitches', () => {
  it.each([
    'disable-background-networking',
    'disable-component-update',
    'disable-default-apps',
    'disable-domain-reliability',
    'disable-sync',
    'disable-breakpad',
    'disable-crash-reporter',
    'disable-field-trial-config',
    'disable-client-side-phishing-detection',
    'no-pings',
    'no-proxy-server',
  ])('turns Chromium’s own network traffic off: %s', (name) => {
    expect(applied()).toContainEqual([name, undefined]);
  });

  it('makes every host name fail to resolve', () => {
    expect(applied()).toContainEqual(['host-resolver-rules', 'MAP * ~NOTFOUND']);
  });

  it('disables translate, media-router and other remote-service features in a single disable-features list', () => {
    const lists = applied().filter(([name]) => name === 'disable-features');
    expect(lists).toHaveLength(1);
    const features = lists[0]?.[1]?.split(',') ?? [];
    expect(features).toEqual(expect.arrayContaining(['Translate', 'MediaRouter', 'OptimizationHints', 'AutofillServerCommunication']));
    expect(features).toEqual([...DISABLED_FEATURES]);
  });

  it('applies each switch once, and never one that would open a port or relax security', () => {
    const names = applied().map(([n]) => n);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(CHROMIUM_SWITCHES.length);
    for (const risky of ['remote-debugging-port', 'no-sandbox', 'disable-web-security', 'ignore-certificate-errors', 'proxy-server']) {
      expect(names).not.toContain(risky);
    }
  });
});
