import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Refusal } from '../../../shared/result';
import { DetAlert } from '../../../renderer/features/determinations/detUi';
import { DstAlert } from '../../../renderer/features/destruction/dstUi';
import { ExchangeAlert } from '../../../renderer/features/exchange/ui';
import { RefusalAlert } from '../../../renderer/ui/RefusalAlert';
import { useSubmit } from '../../../renderer/ui/useSubmit';
import { cleanup, click, getByRole, render, type, waitFor } from '../dom';

/**
 * The walk found the focus on the page itself after a refused step (定密 拟定变更 with a wrong
 * level): the pressed button is disabled while the work runs, so the browser drops the focus, and a
 * keyboard or screen-reader user started again from the top. The refusal now takes it.
 */
afterEach(cleanup);

const REFUSED: Refusal = { code: 'SOMETHING_REFUSED' };
const ALERTS = {
  RefusalAlert: (r: Refusal | null) => <RefusalAlert refusal={r} />,
  DetAlert: (r: Refusal | null) => <DetAlert refusal={r} />,
  DstAlert: (r: Refusal | null) => <DstAlert refusal={r} />,
  ExchangeAlert: (r: Refusal | null) => <ExchangeAlert refusal={r} />,
};

function Form({ alert }: { alert: (r: Refusal | null) => React.ReactNode }) {
  const submit = useSubmit();
  const [text, setText] = useState('');
  return (
    <div>
      <input aria-label="理由" value={text} onChange={(e) => setText(e.target.value)} />
      <button
        type="button"
        disabled={submit.busy}
        onClick={(e) => {
          const pressed = e.currentTarget;
          void submit.run(async () => {
            // Chromium drops the focus of a button that becomes disabled; happy-dom does not, so the test does.
            pressed.blur();
            return { ok: false as const, error: REFUSED };
          }, () => undefined);
        }}
      >
        提交
      </button>
      {alert(submit.refusal)}
    </div>
  );
}

describe('a refusal after a pressed button', () => {
  for (const [name, alert] of Object.entries(ALERTS)) {
    it(`${name} takes the focus the disabled button dropped`, async () => {
      const c = await render(<Form alert={alert} />);
      const button = getByRole(c, 'button', { name: '提交' });
      button.focus();
      await click(button);
      const shown = await waitFor(() => getByRole(c, 'alert'));
      expect(document.activeElement).toBe(shown);
    });
  }

  it('does not take it from where the person is', async () => {
    function Typing() {
      const [r, setR] = useState<Refusal | null>(null);
      return (
        <div>
          <input aria-label="理由" onChange={() => setR(REFUSED)} />
          <RefusalAlert refusal={r} />
        </div>
      );
    }
    const c = await render(<Typing />);
    const input = c.querySelector('input') as HTMLInputElement;
    input.focus();
    await type(input, 'x');
    await waitFor(() => getByRole(c, 'alert'));
    expect(document.activeElement).toBe(input);
  });
});
