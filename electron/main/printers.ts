import type { PrinterRefusal } from '../../shared/ipc/printContract';

/**
 * Which printers the app may print on: local ones only (SPEC §6 — a classified PC's printer is
 * attached to it; a network printer would put the page's data on a wire). The app never searches
 * for printers; it only filters what the system already has configured, default-deny.
 *
 * How a network printer is recognised, from what Electron's `getPrintersAsync()` gives
 * (`name`, `displayName`, and on CUPS systems — Linux, UOS, Kylin, macOS — the queue's attributes
 * in `options`):
 * - a Windows shared printer is named by its share path, `\\server\printer`;
 * - CUPS `printer-type` has the REMOTE (0x2), IMPLICIT (0x10000) or DISCOVERED (0x1000000) bit:
 *   a queue on another host, or one found on the network; a CLASS (0x1) may pool network printers
 *   and is refused as unknown;
 * - CUPS `device-uri` names how the queue reaches the device: usb, parallel, serial, a device file
 *   (`file:`), HPLIP's `hp:/usb/`, or the local CUPS-PDF writer are local; ipp, ipps, http(s),
 *   socket (JetDirect), lpd, smb, dnssd/mdns and HPLIP's `hp:/net/` reach over a network, except
 *   to this machine itself (localhost — IPP-over-USB appears that way); any other scheme is unknown
 *   and refused;
 * - CUPS `printer-uri-supported` on another host is a queue served by another machine.
 * On CUPS systems a printer without a `device-uri` is refused (nothing says it is local). Windows
 * gives no port or connection attribute through Electron: there, only the share path can be seen,
 * and a printer installed on a TCP/IP port looks local — the unit's configuration of the PC must
 * rule that out (docs/decisions.md).
 */
export interface PrinterLike {
  name: string;
  displayName?: string;
  options?: Record<string, string> | object;
}

export type PrinterVerdict = { local: true } | { local: false; reason: PrinterRefusal };

const CUPS_PRINTER_CLASS = 0x1;
const CUPS_REMOTE_BITS = 0x2 | 0x10000 | 0x1000000;

const LOCAL_SCHEMES = new Set(['usb', 'parallel', 'serial', 'file', 'cups-pdf']);
const NETWORK_SCHEMES = new Set(['ipp', 'ipps', 'http', 'https', 'socket', 'lpd', 'smb', 'dnssd', 'mdns', 'beh', 'implicitclass']);

function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h.endsWith('.localhost');
}

function option(p: PrinterLike, key: string): string | undefined {
  const v = (p.options as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
}

function uriParts(uri: string): { scheme: string; host: string; path: string } | null {
  const m = /^([a-z][a-z0-9+.-]*):(\/\/([^/?#]*))?([^?#]*)/i.exec(uri.trim());
  if (!m) return null;
  const authority = m[3] ?? '';
  const host = authority.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
  return { scheme: (m[1] as string).toLowerCase(), host, path: m[4] ?? '' };
}

function deviceVerdict(uri: string): PrinterVerdict {
  const parts = uriParts(uri);
  if (!parts) return { local: false, reason: 'unknown-connection' };
  const { scheme, host, path } = parts;
  if (scheme === 'hp' || scheme === 'hpfax') {
    // HPLIP: hp:/usb/Model?serial=…, hp:/par/…, hp:/net/Model?ip=… (the path carries the bus).
    const bus = /^\/?(usb|par|net)\//i.exec(path)?.[1]?.toLowerCase();
    if (bus === 'usb' || bus === 'par') return { local: true };
    return { local: false, reason: bus === 'net' ? 'network-uri' : 'unknown-connection' };
  }
  if (LOCAL_SCHEMES.has(scheme)) return { local: true };
  if (NETWORK_SCHEMES.has(scheme)) {
    if (scheme !== 'dnssd' && scheme !== 'mdns' && host !== '' && isLoopbackHost(host)) return { local: true };
    return { local: false, reason: 'network-uri' };
  }
  return { local: false, reason: 'unknown-connection' };
}

export function classifyPrinter(p: PrinterLike, platform: string): PrinterVerdict {
  for (const n of [p.name, p.displayName ?? '']) {
    if (n.startsWith('\\\\') || n.startsWith('//')) return { local: false, reason: 'network-share' };
  }
  const type = option(p, 'printer-type');
  if (type !== undefined && /^\d+$/.test(type)) {
    const bits = Number(type);
    if (bits & CUPS_REMOTE_BITS) return { local: false, reason: 'remote-queue' };
    if (bits & CUPS_PRINTER_CLASS) return { local: false, reason: 'unknown-connection' };
  }
  const queue = option(p, 'printer-uri-supported');
  if (queue !== undefined) {
    const parts = uriParts(queue);
    if (parts && parts.host !== '' && !isLoopbackHost(parts.host)) return { local: false, reason: 'remote-queue' };
  }
  const device = option(p, 'device-uri');
  if (device !== undefined) return deviceVerdict(device);
  if (platform === 'win32') return { local: true };
  return { local: false, reason: 'unknown-connection' };
}

/** Splits the system's printers into those offered and those refused, with the reason. */
export function localPrinters(printers: readonly PrinterLike[], platform: string) {
  const offered: { name: string; displayName: string }[] = [];
  const refused: { name: string; reason: PrinterRefusal }[] = [];
  for (const p of printers) {
    const v = classifyPrinter(p, platform);
    if (v.local) offered.push({ name: p.name, displayName: p.displayName || p.name });
    else refused.push({ name: p.displayName || p.name, reason: v.reason });
  }
  return { printers: offered, refused };
}
