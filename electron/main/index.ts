/**
 * The composition root: wiring only. Every rule lives in a module that takes the Electron APIs it
 * uses as parameters (and has unit tests with fakes); this file just hands them the real ones.
 * Built by scripts/build.mjs into dist/electron/main.cjs, so `__dirname` is dist/electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, createAppFileHandler, privilegedSchemes } from './appProtocol';
import { createDialogSaver } from './exportFile';
import { createFileTransfer, dialogChoosers, nodeFileSystem } from './fileTransfer';
import { createHandlers } from './handlers';
import { createDispatcher } from './ipcDispatch';
import { registerIpc } from './ipcRegister';
import { createMainLog, openLogFile } from './log';
import { createElectronPrintService, PRINT_PARTITION } from './printService';
import { exposedInterfaces } from './networkCheck';
import { createRefusedLog } from './requestPolicy';
import { hardenSession, type HardenableSession } from './sessionPolicy';
import { applySwitches } from './switches';
import { applicationMenuTemplate, createSecureWindow, guardWebContents } from './window';

const now = () => new Date();

// --- Before ready: switches, sandbox, scheme, profile folder, log --------------------------------
applySwitches(app.commandLine);
// Native controls (date fields, their pickers) in Chinese whatever the system's language: the
// office's forms are zh-CN first (the stand-in passes the same --lang).
app.commandLine.appendSwitch('lang', 'zh-CN');
app.enableSandbox();
protocol.registerSchemesAsPrivileged(privilegedSchemes());

// Honour --user-data-dir explicitly, so a test run's fresh profile is also where the log goes.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch !== '') app.setPath('userData', path.resolve(userDataSwitch));

const logFile = openLogFile(path.join(app.getPath('userData'), 'logs'), fs, path.join);
const log = createMainLog({ append: logFile.append, echo: (line) => console.log(line), now });
log.info('main: starting', { version: __APP_VERSION__, electron: process.versions.electron, packaged: app.isPackaged });

const refused = createRefusedLog();
const hardened = new WeakSet<object>();
function harden(ses: HardenableSession) {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  hardenSession(ses, { appOrigin: APP_ORIGIN, refused, log, now });
}

if (!app.requestSingleInstanceLock()) {
  log.info('main: another instance holds the profile; quitting');
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every webContents, whatever creates it, gets the navigation guard before it loads anything.
  app.on('web-contents-created', (_event, contents: WebContents) => {
    guardWebContents(contents, APP_ORIGIN, log);
    harden(contents.session);
  });

  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      harden(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppFileHandler(path.join(__dirname, '../renderer'), (p) => fs.promises.readFile(p)));

      const handlers = createHandlers({
        version: __APP_VERSION__,
        runtime: 'electron',
        platform: process.platform,
        packaged: app.isPackaged,
        userDataDir: app.getPath('userData'),
        networkInterfaces: () => os.networkInterfaces(),
        now,
        refused,
        saveExport: createDialogSaver({
          showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
          writeFile: (filePath, content) => fs.promises.writeFile(filePath, content, 'utf8'),
          defaultDir: () => app.getPath('documents'),
          log,
        }),
        files: createFileTransfer({
          ...dialogChoosers(
            {
              showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
              showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
            },
            () => app.getPath('documents'),
          ),
          fs: nodeFileSystem(fs.promises, process.platform),
          newHandle: randomUUID,
          log,
        }),
        print: createElectronPrintService({
          createWindow: (options) => new BrowserWindow(options),
          serveJobs: (handler) => session.fromPartition(PRINT_PARTITION).protocol.handle(APP_SCHEME, handler),
          platform: process.platform,
          log,
        }),
      });
      registerIpc(ipcMain, createDispatcher(handlers, log), { appOrigin: APP_ORIGIN, log });

      const exposed = exposedInterfaces(os.networkInterfaces());
      if (exposed.length > 0) log.warn('main: network interfaces are up (违规外联 risk)', { interfaces: exposed.map((i) => i.name) });

      const template = applicationMenuTemplate(app.isPackaged);
      Menu.setApplicationMenu(template === null ? null : Menu.buildFromTemplate(template));

      const win = createSecureWindow(BrowserWindow, {
        preloadPath: path.join(__dirname, 'preload.cjs'),
        devTools: !app.isPackaged,
        title: '保密台账',
      });
      mainWindow = win;
      win.once('ready-to-show', () => win.show());
      win.on('closed', () => {
        mainWindow = null;
      });
      return win.loadURL(APP_ENTRY_URL);
    })
    .catch((err: unknown) => {
      log.error('main: start-up failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      app.exit(1);
    });
}
