import { assertNever, ok, refuse, type Result } from '../result';
import type { CarrierKind } from './carrier';
import { levelAbbrev, levelName, type Level } from './classification';

/**
 * 登记编号: made from a pattern the unit configures, e.g. `{year}-{levelAbbrev}-{seq:4}` →
 * `2026-机-0001`. Tokens: {year}, {level} (绝密…), {levelAbbrev} (绝/机/秘/内/非), {kind} (纸/光/
 * 电/磁/机/印/他), {unit} (unit code) and exactly one {seq:N} (N = minimum digits, 1–8). The
 * sequence counts per rendered prefix (so per year and level in the default), only ever goes up,
 * and a number once given is never given again.
 */
export const DEFAULT_REGISTRY_PATTERN = '{year}-{levelAbbrev}-{seq:4}';

export interface RegistryVars {
  year: number;
  level: Level;
  kind: CarrierKind;
  unitCode: string;
}

const TOKEN = /\{(\w+)(?::(\d+))?\}/g;

export function kindAbbrev(kind: CarrierKind): string {
  switch (kind) {
    case 'paper':
      return '纸';
    case 'disc':
      return '光';
    case 'usb':
      return '电';
    case 'hdd':
      return '磁';
    case 'computer':
      return '机';
    case 'printer':
      return '印';
    case 'other':
      return '他';
    default:
      return assertNever(kind);
  }
}

/** Checks a pattern: known tokens only, exactly one {seq:N}, and a sensible length. */
export function validatePattern(pattern: string): Result<string> {
  if (pattern.length < 6 || pattern.length > 60) return refuse('REGISTRY_PATTERN_INVALID');
  let seqs = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    const [, name, width] = m;
    if (name === 'seq') {
      const w = Number(width);
      if (!width || w < 1 || w > 8) return refuse('REGISTRY_PATTERN_INVALID');
      seqs++;
    } else if (!['year', 'level', 'levelAbbrev', 'kind', 'unit'].includes(name ?? '') || width !== undefined) {
      return refuse('REGISTRY_PATTERN_INVALID');
    }
  }
  if (seqs !== 1) return refuse('REGISTRY_PATTERN_INVALID');
  // Braces left over after the tokens are typos, not literal text.
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) return refuse('REGISTRY_PATTERN_INVALID');
  return ok(pattern);
}

function render(pattern: string, vars: RegistryVars, seq: (width: number) => string): string {
  return pattern.replace(TOKEN, (_whole, name: string, width?: string) => {
    switch (name) {
      case 'year':
        return String(vars.year);
      case 'level':
        return levelName(vars.level);
      case 'levelAbbrev':
        return levelAbbrev(vars.level);
      case 'kind':
        return kindAbbrev(vars.kind);
      case 'unit':
        return vars.unitCode;
      case 'seq':
        return seq(Number(width));
      default:
        return _whole;
    }
  });
}

/**
 * The counter a number draws from: the pattern rendered with `#` in place of the sequence. Two
 * patterns that render alike (`{seq:3}` and `{seq:4}`) share a counter, so a changed pattern
 * cannot hand out a number again.
 */
export function counterKey(pattern: string, vars: RegistryVars): string {
  return render(pattern, vars, () => '#');
}

/** The number itself; the sequence is padded to at least N digits and never truncated. */
export function registryNumber(pattern: string, vars: RegistryVars, seq: number): string {
  return render(pattern, vars, (w) => String(seq).padStart(w, '0'));
}
