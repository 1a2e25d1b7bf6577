import { afterEach, describe, expect, it } from 'vitest';
import { UnitDetailView } from '../../../renderer/features/exchange/UnitDetailView';
import type { ExchangeServices } from '../../../renderer/features/exchange/exchangeServices';
import { sha256Hex } from '../../../shared/bundle/manifest';
import { cleanup, render, textOf, waitFor } from '../dom';
import { createFakeApi } from '../fakes';
import { BODY, bureauFor, exportOne, SCAN, TOOL, unitWithDestruction } from './destructionHarness';
import { must } from './harness';

/** The bureau's view of one unit shows its destruction batches, destroyed carriers and decommissions. */
afterEach(cleanup);

/** The table whose caption says `caption` (the screens caption every table). */
function table(c: HTMLElement, caption: string): HTMLElement | null {
  return [...c.querySelectorAll('table')].find((t) => textOf(t.querySelector('caption') ?? document.createElement('caption')) === caption) ?? null;
}

function rowsOf(table: HTMLElement | null): string[][] {
  if (!table) throw new Error('no such table');
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => textOf(td)));
}

describe('各单位情况 → 查看: destruction', () => {
  it('lists the batch (requested, decided, opinion, carriers, body, date, escorts, certificate, scan SHA-256), each destroyed carrier with its batch and escorts, and the decommission with its erasure', async () => {
    const { unit, batchId, papers, handOver } = await unitWithDestruction();
    await handOver();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    const { bureau, reg } = await bureauFor(unit);
    must(await bureau.bureau.importBundle(b1.bytes, { fileName: 'unit-BM-01-0001.ledgerbundle', path: '/media/disc/1' }));

    const services: ExchangeServices = { exchange: bureau.exchange, bureau: bureau.bureau, api: createFakeApi() };
    const c = await render(<UnitDetailView services={services} unitId={reg.id} onBack={() => undefined} />);
    await waitFor(() => expect(table(c, '销毁批次（1）')).not.toBeNull());

    const [batch] = rowsOf(table(c, '销毁批次（1）'));
    expect(batch).toHaveLength(11);
    expect(batch![0]).toBe(batchId.slice(0, 8));
    expect(batch![1]).toBe('已销毁');
    expect(batch![2]).toMatch(/^张三，/);
    expect(batch![3]).toMatch(/^周领导，/);
    expect(batch![4]).toBe('同意销毁');
    expect(batch![5]).toContain('2 件：');
    for (const p of papers) expect(batch![5]).toContain(p.registryNumber);
    expect(batch!.slice(6)).toEqual([BODY, expect.stringMatching(/^\d{4}-\d\d-\d\d$/), '赵保密、张三', 'XH-2026-0031', (sha256Hex(SCAN).match(/.{8}/g) ?? []).join(' ')]);

    const destroyed = rowsOf(table(c, '销毁记录（2）'));
    expect(destroyed.map((r) => r.slice(4))).toEqual([
      [batchId.slice(0, 8), BODY, '赵保密、张三', 'XH-2026-0031'],
      [batchId.slice(0, 8), BODY, '赵保密、张三', 'XH-2026-0031'],
    ]);

    const [device] = rowsOf(table(c, '设备停用/报废与信息消除（1）'));
    expect(device![1]).toBe('报废');
    expect(device![2]).toBe('已完成信息消除');
    expect(device![5]).toBe('同意报废');
    expect(device![6]).toMatch(new RegExp(`^张三 / ${TOOL} / \\d{4}-\\d\\d-\\d\\d$`));
  });
});
