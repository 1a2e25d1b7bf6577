import { describe, expect, it } from 'vitest';
import { classifyPrinter, localPrinters } from '../../../electron/main/printers';

/** A CUPS queue as Electron reports it (options trimmed to what the rule reads). */
const cups = (name: string, deviceUri: string | undefined, extra: Record<string, string> = {}) => ({
  name,
  displayName: name.replace(/_/g, ' '),
  options: {
    ...(deviceUri !== undefined ? { 'device-uri': deviceUri } : {}),
    'printer-type': '36932',
    'printer-uri-supported': `ipp://localhost/printers/${name}`,
    ...extra,
  },
});

describe('local printers only (SPEC §6)', () => {
  it.each([
    ['a USB printer', 'usb://Zebra/LP2844?location=14200000'],
    ['a parallel-port printer', 'parallel:/dev/lp0'],
    ['a serial printer', 'serial:/dev/ttyS0?baud=9600'],
    ['a device file', 'file:/dev/usb/lp0'],
    ['an HPLIP USB printer', 'hp:/usb/HP_LaserJet_1020?serial=00000000'],
    ['an IPP-over-USB printer (served on localhost)', 'ipp://localhost:60000/ipp/print'],
    ['the local CUPS-PDF writer', 'cups-pdf:/'],
  ])('offers %s', (_name, uri) => {
    expect(classifyPrinter(cups('P', uri), 'linux')).toEqual({ local: true });
  });

  it.each([
    ['an IPP printer on the network', 'ipp://10.1.2.3/ipp/print', 'network-uri'],
    ['an IPPS printer', 'ipps://printer.example/ipp/print', 'network-uri'],
    ['a JetDirect socket', 'socket://192.168.1.20:9100', 'network-uri'],
    ['an LPD queue', 'lpd://server/queue', 'network-uri'],
    ['a Windows share over Samba', 'smb://WORKGROUP/server/printer', 'network-uri'],
    ['a printer found by DNS-SD', 'dnssd://Brother%20HL._ipp._tcp.local/?uuid=1', 'network-uri'],
    ['an HPLIP network printer', 'hp:/net/HP_LaserJet?ip=10.0.0.9', 'network-uri'],
    ['an HTTP printer', 'http://10.0.0.1:631/printers/x', 'network-uri'],
    ['an unknown backend', 'bluetooth://00:11:22:33:44:55', 'unknown-connection'],
  ] as const)('refuses %s', (_name, uri, reason) => {
    expect(classifyPrinter(cups('P', uri), 'linux')).toEqual({ local: false, reason });
  });

  it('refuses a queue CUPS marks as remote or discovered, whatever its device says', () => {
    expect(classifyPrinter(cups('P', 'usb://x', { 'printer-type': String(0x2 | 0x4) }), 'linux')).toEqual({ local: false, reason: 'remote-queue' });
    expect(classifyPrinter(cups('P', 'usb://x', { 'printer-type': String(0x1000000) }), 'linux')).toEqual({ local: false, reason: 'remote-queue' });
    expect(classifyPrinter(cups('P', 'usb://x', { 'printer-type': String(0x10000) }), 'linux')).toEqual({ local: false, reason: 'remote-queue' });
  });

  it('refuses a printer class (it may pool network printers)', () => {
    expect(classifyPrinter(cups('P', 'usb://x', { 'printer-type': '1' }), 'linux')).toEqual({ local: false, reason: 'unknown-connection' });
  });

  it('refuses a queue served by another machine', () => {
    expect(classifyPrinter(cups('P', 'usb://x', { 'printer-uri-supported': 'ipp://printserver/printers/P' }), 'linux')).toEqual({ local: false, reason: 'remote-queue' });
  });

  it('refuses a CUPS printer that does not say how it is connected', () => {
    expect(classifyPrinter(cups('P', undefined), 'linux')).toEqual({ local: false, reason: 'unknown-connection' });
  });

  it('refuses a Windows shared printer by its share path, and offers other Windows printers', () => {
    expect(classifyPrinter({ name: '\\\\server\\HP LaserJet', displayName: 'HP LaserJet on server', options: {} }, 'win32')).toEqual({ local: false, reason: 'network-share' });
    expect(classifyPrinter({ name: 'HP LaserJet M1005', displayName: 'HP LaserJet M1005', options: { 'printer-location': '' } }, 'win32')).toEqual({ local: true });
  });

  it('splits a system’s printers into offered and refused, naming the reason', () => {
    const split = localPrinters([cups('Office_USB', 'usb://HP/M1005'), cups('Floor_3', 'socket://10.0.0.5:9100')], 'linux');
    expect(split).toEqual({
      printers: [{ name: 'Office_USB', displayName: 'Office USB' }],
      refused: [{ name: 'Floor 3', reason: 'network-uri' }],
    });
  });
});
