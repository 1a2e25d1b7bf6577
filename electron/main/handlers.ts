import type { NetworkInterfaceInfo } from 'node:os';
import type { SaveExport } from './exportFile';
import type { FileHandlers } from './fileTransfer';
import type { Handlers } from './ipcDispatch';
import { exposedInterfaces } from './networkCheck';
import { createPrintHandlers, type PrintService } from './printService';
import type { RefusedLog } from './requestPolicy';

/** What the handlers need from the outside world, passed in so tests can fake it. */
export interface HandlerDeps {
  version: string;
  runtime: 'electron' | 'chromium';
  platform: string;
  packaged: boolean;
  userDataDir: string;
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  now: () => Date;
  refused: RefusedLog;
  /** Saves an export where the person chooses (exportFile.ts: a save dialog, or the stand-in's folder). */
  saveExport: SaveExport;
  /** Printing: an off-screen window in Electron, a headless Chromium in the stand-in (printService.ts). */
  print: PrintService;
  /** Files on removable media in pieces (fileTransfer.ts): native dialogs in Electron, a folder in the stand-in. */
  files: FileHandlers;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': () => ({
      version: deps.version,
      runtime: deps.runtime,
      platform: deps.platform,
      packaged: deps.packaged,
      userDataDir: deps.userDataDir,
    }),
    'net:check': () => ({
      checkedAt: deps.now().toISOString(),
      interfaces: exposedInterfaces(deps.networkInterfaces()),
    }),
    'shell:drainRefused': () => deps.refused.drain(),
    'audit:saveExport': (req) => deps.saveExport(req),
    ...createPrintHandlers(deps.print),
    ...deps.files,
  };
}
