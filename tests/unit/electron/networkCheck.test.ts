import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { exposedInterfaces } from '../../../electron/main/networkCheck';

const v4 = (address: string, internal: boolean): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:11:22:33:44:55',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string, internal: boolean): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:11:22:33:44:55',
  internal,
  cidr: `${address}/64`,
  scopeid: 0,
});

describe('exposedInterfaces', () => {
  it('reports nothing on a machine with only loopback (the expected state of a classified PC)', () => {
    expect(exposedInterfaces({ lo: [v4('127.0.0.1', true), v6('::1', true)] })).toEqual([]);
  });

  it('lists every non-internal interface with its addresses, sorted by name, leaving loopback out', () => {
    expect(
      exposedInterfaces({
        wlan0: [v4('192.168.1.20', false)],
        lo: [v4('127.0.0.1', true)],
        eth0: [v4('10.0.0.5', false), v6('fe80::1', false)],
        empty: [],
        missing: undefined,
      }),
    ).toEqual([
      { name: 'eth0', addresses: ['10.0.0.5', 'fe80::1'] },
      { name: 'wlan0', addresses: ['192.168.1.20'] },
    ]);
  });

  it('keeps only the external addresses of an interface that has both kinds', () => {
    expect(exposedInterfaces({ odd: [v4('127.0.0.2', true), v4('172.16.0.9', false)] })).toEqual([{ name: 'odd', addresses: ['172.16.0.9'] }]);
  });
});
