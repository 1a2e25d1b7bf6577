import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { contract, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';

/** One implementation per channel; the composition root supplies them. */
export type Handlers = { [C in Channel]: (req: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export interface IpcLog {
  warn(message: string, detail?: Record<string, unknown>): void;
}

/** Thrown back to the renderer; the message is a stable code the UI maps to Chinese text. */
export class IpcRefusal extends Error {
  constructor(readonly code: 'IPC_UNKNOWN_CHANNEL' | 'IPC_BAD_PAYLOAD' | 'IPC_UNTRUSTED_SENDER' | 'IPC_BAD_RESPONSE') {
    super(code);
    this.name = 'IpcRefusal';
  }
}

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && (CHANNELS as readonly string[]).includes(x);
}

/**
 * The single entry point for every main-process call, used by ipcMain in Electron and by the
 * CDP binding of the Chromium stand-in: so both run exactly the same validation and handlers.
 */
export function createDispatcher(handlers: Handlers, log: IpcLog) {
  return async function dispatch(channel: unknown, payload: unknown): Promise<unknown> {
    if (!isChannel(channel)) {
      log.warn('ipc: refused unknown channel', { channel: String(channel).slice(0, 80) });
      throw new IpcRefusal('IPC_UNKNOWN_CHANNEL');
    }
    const spec = contract[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      log.warn('ipc: refused malformed payload', { channel, issues: parsed.error.issues.map((i) => i.message).join('; ') });
      throw new IpcRefusal('IPC_BAD_PAYLOAD');
    }
    const handler = handlers[channel] as (req: unknown) => unknown;
    const result = await handler(parsed.data);
    // Main's answers are checked too: a handler bug must not leak unexpected fields to the page.
    const out = spec.response.safeParse(result);
    if (!out.success) {
      log.warn('ipc: handler returned a malformed response', { channel });
      throw new IpcRefusal('IPC_BAD_RESPONSE');
    }
    return out.data;
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
