import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../renderer/api';
import { ExchangePage } from '../../../renderer/features/exchange/ExchangePage';
import { ExchangeServicesProvider, type ExchangeServices } from '../../../renderer/features/exchange/exchangeServices';
import { describeBundleRefusal } from '../../../shared/bundle/messages';
import { cleanup, click, getByLabel, getByRole, queryByRole, render, textOf, type, waitFor } from '../dom';
import { createFakeApi } from '../fakes';
import { fakeFileChannels, newMedium, type FakeMedium } from '../fakeFiles';
import { office, unitWithLedger, type Office } from './harness';

/**
 * 数据交换 on real encrypted stores, driven by visible Chinese labels; the shell's file channels
 * are an in-memory removable medium shared by the unit and the bureau (the disc carried between).
 */
afterEach(cleanup);

function apiOver(medium: FakeMedium): Api & { failNextCommit: boolean } {
  const files = fakeFileChannels(medium);
  const api = { ...createFakeApi(), ...files, failNextCommit: false };
  api.fileSaveCommit = async (req) => {
    if (api.failNextCommit) {
      api.failNextCommit = false;
      await files.fileSaveAbort(req);
      return { ok: false, code: 'WRITE_FAILED', reason: 'EIO' };
    }
    return files.fileSaveCommit(req);
  };
  return api;
}

async function page(o: Office, api: Api): Promise<HTMLElement> {
  await cleanup();
  const services: ExchangeServices = { exchange: o.exchange, bureau: o.bureau, api };
  const c = await render(
    <ExchangeServicesProvider services={services}>
      <ExchangePage />
    </ExchangeServicesProvider>,
  );
  await waitFor(() => expect(queryByRole(c, 'heading', { name: /签名密钥|所辖单位|上报数据包/ })).not.toBeNull());
  return c;
}

async function tab(c: HTMLElement, name: string) {
  await click(getByRole(c, 'button', { name }));
}

async function select(c: HTMLElement, label: string, optionText: string) {
  const l = [...c.querySelectorAll('label')].find((x) => textOf(x) === label);
  const el = l ? document.getElementById(l.htmlFor) : null;
  if (!(el instanceof HTMLSelectElement)) throw new Error(`no select ${label}`);
  const option = [...el.options].find((o) => o.text === optionText);
  if (!option) throw new Error(`no option ${optionText}`);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(el, option.value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('数据交换 screens', () => {
  it('unit: makes the key, saves the public key, writes bundles; a file that cannot be finished is offered again', async () => {
    const medium = newMedium();
    const api = apiOver(medium);
    const unit = await unitWithLedger();
    let c = await page(unit, api);
    // Without a key the page opens on 签名密钥.
    expect(textOf(c)).toContain('本单位尚未生成签名密钥');
    await select(c, '签名算法', 'SM2/SM3（国密）');
    await click(getByRole(c, 'button', { name: '生成签名密钥' }));
    await waitFor(() => expect(textOf(getByRole(c, 'status', { name: /签名密钥已生成/ }))).toBeTruthy());
    expect(textOf(c)).toContain('SM2/SM3（国密）');
    await click(getByRole(c, 'button', { name: '保存公钥文件（PEM）' }));
    await waitFor(() => expect(medium.files.get('/media/usb/BM-01-public-key.pem')).toBeDefined());

    await tab(c, '上报数据包');
    await click(getByRole(c, 'button', { name: '生成并保存数据包' }));
    await waitFor(() => expect(textOf(c)).toContain('第 1 号数据包已保存：/media/usb/unit-BM-01-0001.ledgerbundle'));
    expect(medium.files.has('/media/usb/unit-BM-01-0001.ledgerbundle')).toBe(true);

    api.failNextCommit = true;
    await click(getByRole(c, 'button', { name: '生成并保存数据包' }));
    await waitFor(() => expect(getByRole(c, 'button', { name: '重新保存第 2 号数据包…' })).toBeTruthy());
    expect(medium.files.has('/media/usb/unit-BM-01-0002.ledgerbundle')).toBe(false);
    await click(getByRole(c, 'button', { name: '重新保存第 2 号数据包…' }));
    await waitFor(() => expect(textOf(c)).toContain('第 2 号数据包已保存：/media/usb/unit-BM-01-0002.ledgerbundle'));

    c = await page(unit, api);
    await tab(c, '交换记录');
    expect(queryByRole(c, 'button', { name: '打印第 2 号数据包的交接回执' })).not.toBeNull();
  });

  it('bureau: registers the unit from its PEM, imports its bundle, again changes nothing, a changed byte is refused with its sentence', async () => {
    const medium = newMedium();
    const api = apiOver(medium);
    const unit = await unitWithLedger();
    await unit.exchange.createKey('ed25519');
    let c = await page(unit, api);
    await tab(c, '签名密钥');
    await click(getByRole(c, 'button', { name: '保存公钥文件（PEM）' }));
    await tab(c, '上报数据包');
    await click(getByRole(c, 'button', { name: '生成并保存数据包' }));
    await waitFor(() => expect(medium.files.has('/media/usb/unit-BM-01-0001.ledgerbundle')).toBe(true));

    const bureau = await office('bureau', 9);
    c = await page(bureau, api);
    expect(textOf(c)).toContain('尚未登记任何单位');
    await tab(c, '登记单位');
    await type(getByLabel(c, '单位代码'), 'BM-01');
    await type(getByLabel(c, '单位名称'), '某市保密测试单位');
    medium.openNext = '/media/usb/BM-01-public-key.pem';
    await click(getByRole(c, 'button', { name: '选择公钥文件（PEM）…' }));
    await waitFor(() => expect(getByRole(c, 'button', { name: '核对无误，登记该单位' })).toBeTruthy());
    await click(getByRole(c, 'button', { name: '核对无误，登记该单位' }));
    await waitFor(() => expect(textOf(c)).toContain('已登记 某市保密测试单位（BM-01）。'));

    await tab(c, '导入数据包');
    medium.openNext = '/media/usb/unit-BM-01-0001.ledgerbundle';
    await click(getByRole(c, 'button', { name: '选择数据包并导入…' }));
    await waitFor(() => expect(textOf(c)).toContain('已导入 某市保密测试单位（BM-01）第 1 号数据包。'));
    await click(getByRole(c, 'button', { name: '选择数据包并导入…' }));
    await waitFor(() => expect(textOf(c)).toContain('某市保密测试单位 第 1 号数据包此前已导入，本次未作任何改动。'));

    const changed = Uint8Array.from(medium.files.get('/media/usb/unit-BM-01-0001.ledgerbundle') ?? []);
    changed[100] = (changed[100] as number) ^ 0x01; // inside the first header's name: its checksum no longer matches
    medium.files.set('/media/usb/changed.ledgerbundle', changed);
    medium.openNext = '/media/usb/changed.ledgerbundle';
    await click(getByRole(c, 'button', { name: '选择数据包并导入…' }));
    await waitFor(() => expect(queryByRole(c, 'alert')).not.toBeNull());
    expect(textOf(getByRole(c, 'alert'))).toBe(describeBundleRefusal({ code: 'BUNDLE_CORRUPT', params: { reason: 'checksum', offset: 0 } }, 'zh-CN'));
    // …and says what to do next, not only what did not happen.
    expect(textOf(c)).toContain('该数据包未导入，未写入任何数据。请按上面的原因处理；数据包损坏、被改动或签名不符的，请勿再用，向报送单位核实后请其重新生成并报送。');

    await tab(c, '各单位情况');
    await waitFor(() => expect(queryByRole(c, 'button', { name: '查看：某市保密测试单位' })).not.toBeNull());
    expect(c.querySelectorAll('svg[role="img"]')).toHaveLength(3);
    await click(getByRole(c, 'button', { name: '查看：某市保密测试单位' }));
    await waitFor(() => expect(textOf(c)).toContain('超期未还的载体（0）'));
    expect(textOf(c)).toContain('载体台账（3）');
  });
});
