import path from 'node:path';
import type { Result } from '../../shared/result';

/** What `npm run start:chromium -- …` may ask for. */
export interface CliOptions {
  /** Chromium's profile folder; the app's IndexedDB lives inside it. */
  profileDir: string;
  headless: boolean;
  /** Chromium's remote debugging port (0: Chromium picks a free one); absent: none is opened. */
  cdpPort: number | undefined;
  help: boolean;
}

/** The parts of the environment the defaults depend on, passed in so the parser stays pure. */
export interface CliEnv {
  cwd: string;
  home: string | undefined;
  xdgConfigHome: string | undefined;
}

export interface CliError {
  code: 'UNKNOWN_OPTION' | 'MISSING_VALUE' | 'REPEATED_OPTION' | 'BAD_PORT' | 'EMPTY_PROFILE' | 'NO_HOME' | 'UNEXPECTED_VALUE';
  /** One line, Chinese first then English, ready to print. */
  message: string;
}

export const USAGE = `用法 (usage): npm run start:chromium -- [--profile DIR] [--headless] [--cdp-port N]
  --profile DIR    数据所在的 Chromium 配置目录 (profile folder holding the app's data);
                   默认 (default): $XDG_CONFIG_HOME/secrecy-ledger-chromium, 即 ~/.config/secrecy-ledger-chromium
  --headless       不显示窗口 (no window; for tests and servers without a display)
  --cdp-port N     打开 Chromium 远程调试端口，仅供本机测试 (open Chromium's remote debugging port on
                   127.0.0.1, for local test automation only; 0 picks a free port)
  -h, --help       显示本说明 (show this help)`;

const fail = (code: CliError['code'], zh: string, en: string): Result<never, CliError> => ({
  ok: false,
  error: { code, message: `参数错误：${zh} (bad argument: ${en})` },
});

/** The default profile: one per user, beside other apps' settings, never inside the app folder. */
export function defaultProfileDir(env: CliEnv): string | undefined {
  const configHome = env.xdgConfigHome && path.isAbsolute(env.xdgConfigHome) ? env.xdgConfigHome : env.home ? path.join(env.home, '.config') : undefined;
  return configHome ? path.join(configHome, 'secrecy-ledger-chromium') : undefined;
}

export function parseCliArgs(argv: readonly string[], env: CliEnv): Result<CliOptions, CliError> {
  let profile: string | undefined;
  let headless = false;
  let cdpPort: number | undefined;
  let help = false;
  const seen = new Set<string>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const key = name === '-h' ? '--help' : name;
    if (seen.has(key) && key !== '--help') return fail('REPEATED_OPTION', `选项 ${name} 只能给一次`, `${name} given more than once`);
    seen.add(key);

    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };

    switch (key) {
      case '--profile': {
        const value = takeValue();
        if (value === undefined) return fail('MISSING_VALUE', '--profile 后面需要一个目录', '--profile needs a folder');
        if (value.trim() === '') return fail('EMPTY_PROFILE', '--profile 的目录不能为空', '--profile folder must not be empty');
        profile = value;
        break;
      }
      case '--cdp-port': {
        const value = takeValue();
        if (value === undefined) return fail('MISSING_VALUE', '--cdp-port 后面需要一个端口号', '--cdp-port needs a port number');
        if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
          return fail('BAD_PORT', `端口号须为 0–65535 的整数，而不是 “${value}”`, `port must be an integer 0–65535, not "${value}"`);
        }
        cdpPort = Number(value);
        break;
      }
      case '--headless':
      case '--help':
        if (inline !== undefined) return fail('UNEXPECTED_VALUE', `${name} 不带值`, `${name} takes no value`);
        if (key === '--headless') headless = true;
        else help = true;
        break;
      default:
        return fail('UNKNOWN_OPTION', `未知的参数 “${arg}”`, `unknown argument "${arg}"`);
    }
  }

  let profileDir: string;
  if (profile !== undefined) {
    profileDir = path.resolve(env.cwd, profile);
  } else {
    const fallback = defaultProfileDir(env);
    if (fallback === undefined && !help) return fail('NO_HOME', '没有 HOME，请用 --profile 指定目录', 'HOME is not set; give --profile');
    profileDir = fallback ?? '';
  }
  return { ok: true, value: { profileDir, headless, cdpPort, help } };
}
