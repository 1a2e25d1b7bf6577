import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { isAppUrl } from './appProtocol';
import { IpcRefusal, type Dispatch } from './ipcDispatch';
import type { MainLog } from './log';

/** What an `ipcMain.handle` listener reads from its event; Electron's IpcMainInvokeEvent fits. */
export interface InvokeEventLike {
  /** Null once the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

/**
 * Registers one handler per channel of the contract, and no other. Each first checks that the
 * call comes from the app's own top-level page, then hands the payload to the shared dispatcher,
 * which validates it against the contract. Returns the channels registered, so a test can hold
 * the list against CHANNELS.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, opts: { appOrigin: string; log: MainLog }): Channel[] {
  const { appOrigin, log } = opts;
  const registered: Channel[] = [];
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, ...args) => {
      const frame = event.senderFrame;
      if (frame === null || frame.parent !== null || !isAppUrl(frame.url, appOrigin)) {
        log.warn('ipc: refused untrusted sender', { channel, url: (frame?.url ?? '(no frame)').slice(0, 200) });
        throw new IpcRefusal('IPC_UNTRUSTED_SENDER');
      }
      if (args.length > 1) {
        log.warn('ipc: refused extra arguments', { channel, count: args.length });
        throw new IpcRefusal('IPC_BAD_PAYLOAD');
      }
      return dispatch(channel, args[0]);
    });
    registered.push(channel);
  }
  return registered;
}
