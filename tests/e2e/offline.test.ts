import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, type TestApp } from './pages/app';

/**
 * The shell's promise measured at the socket layer: Chromium's own net-log (every DNS query,
 * connection and packet its network stack makes) is recorded while the page tries every way out it
 * has, and must show no byte sent and no name resolved. Loopback does not count (it never leaves).
 */

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: Record<string, unknown> }[];
}

/** Events that mean something was sent or looked up on the network. */
const LEAVING = [
  'TCP_CONNECT_ATTEMPT',
  'SOCKET_BYTES_SENT',
  'SSL_SOCKET_BYTES_SENT',
  'UDP_BYTES_SENT',
  'QUIC_SESSION_PACKET_SENT',
  'DNS_TRANSACTION_QUERY',
  'DNS_TRANSACTION_PLATFORM_ATTEMPT',
];

const isLoopback = (address: unknown) => typeof address === 'string' && /^(127\.|\[::1\]|::1)/.test(address);

async function readNetLog(file: string): Promise<NetLog> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as NetLog;
  } catch {
    // A log cut off by an abrupt exit lacks its closing brackets (documented net-log behaviour).
    return JSON.parse(text.replace(/,?\s*$/, '') + ']}') as NetLog;
  }
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

describe('the Chromium stand-in on the network', () => {
  it('sends nothing and resolves no name while the page tries every way out', async () => {
    const netLogFile = path.join(process.env.TMPDIR ?? '/tmp', `secrecy-ledger-netlog-${process.pid}-${Date.now()}.json`);
    app = await launchTestApp({ extraArgs: [`--log-net-log=${netLogFile}`, '--net-log-capture-mode=Everything'] });
    const { page } = app;

    await page.evaluate(async () => {
      const settle = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);
      // Resource hints are not governed by connect-src; the name must still not resolve.
      for (const rel of ['preconnect', 'dns-prefetch']) {
        const link = document.createElement('link');
        link.rel = rel;
        link.href = 'https://hint.example.org/';
        document.head.append(link);
      }
      await settle(fetch('https://example.com/'));
      await settle(fetch('http://192.0.2.1/'));
      const img = new Image();
      img.src = 'http://192.0.2.2/x.png';
      // WebRTC is outside the CSP: a STUN server given by IP address needs no DNS either.
      const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:192.0.2.3:3478' }] });
      pc.createDataChannel('probe');
      await pc.setLocalDescription(await pc.createOffer());
      window.open('https://example.net/');
    });
    await page.evaluate(() => {
      location.href = 'http://192.0.2.4/';
    });
    await page.waitForTimeout(4_000);
    await app.close();

    const log = await readNetLog(netLogFile);
    await rm(netLogFile, { force: true });
    const names = new Map(Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]));
    const leaving = log.events
      .map((e) => ({ type: names.get(e.type) ?? String(e.type), address: e.params?.address }))
      .filter((e) => LEAVING.includes(e.type) && !isLoopback(e.address));
    expect(leaving).toEqual([]);
    // Not an empty log passing by default: the page's attempts reached the network stack and died there.
    const types = new Set(log.events.map((e) => names.get(e.type)));
    expect(types).toContain('URL_REQUEST_START_JOB');
    expect(types).toContain('HOST_RESOLVER_MANAGER_REQUEST');
  });
});
