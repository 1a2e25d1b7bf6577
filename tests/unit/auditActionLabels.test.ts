import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPROVAL_EVENT_TYPES } from '../../shared/ledger/approvals';
import { CARRIER_EVENT_TYPES } from '../../shared/ledger/events';
import { INVENTORY_EVENT_TYPES } from '../../shared/ledger/inventory';
import { BATCH_EVENT_TYPES } from '../../shared/destruction/batch';
import { DEVICE_EVENT_TYPES } from '../../shared/destruction/device';
import type { DeterminationRecord } from '../../shared/determination/records';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { ACTION_GROUPS } from '../../renderer/features/audit/auditText';

/**
 * The auditor reads every entry of the trail by its label (`action.<code>` in the locale files),
 * in Chinese and in English. This finds every action code the app writes — the literals next to
 * `action:` and in `audit(…)` calls, and the families made from a domain's event types
 * (`carrier.${event.type}`) — and checks that each has both labels and a filter group.
 */
const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const RECORD_TYPES = ['drafted', 'approved', 'corrected', 'returned', 'notClassified', 'withdrawn', 'reviewed', 'carriersLinked', 'autoDeclassified'] as const satisfies readonly DeterminationRecord['type'][];
// Every record type is listed: a new one fails to compile here until it is added (and labelled).
const allRecordTypes: Record<Exclude<DeterminationRecord['type'], (typeof RECORD_TYPES)[number]>, never> = {};
void allRecordTypes;

/** Families written as `prefix${event.type}`: the prefix and every type the domain knows. */
const FAMILIES: Record<string, readonly string[]> = {
  'carrier.': CARRIER_EVENT_TYPES,
  'inventory.': INVENTORY_EVENT_TYPES,
  'approval.': APPROVAL_EVENT_TYPES,
  'destruction.batch.': BATCH_EVENT_TYPES,
  'destruction.device.': DEVICE_EVENT_TYPES,
  'destruction.list.': ['added', 'withdrawn'],
  'determination.': RECORD_TYPES,
};

const CODE = /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/;

function writtenCodes(): { literal: Set<string>; templates: Set<string> } {
  const literal = new Set<string>();
  const templates = new Set<string>();
  for (const file of [...sources(path.join(root, 'renderer')), ...sources(path.join(root, 'electron'))]) {
    const text = readFileSync(file, 'utf8');
    for (const line of text.split('\n')) {
      // A permission refusal names the permission, not an entry of the trail.
      if (/NOT_PERMITTED|authorize\(|either\(/.test(line)) continue;
      for (const m of line.matchAll(/\baction: ([^,}]+)/g)) {
        // Not a code: a label (t('…')), or a parameter's type ('a' | 'b').
        const expr = (m[1] ?? '').replace(/\bt\('[^']*'\)/g, '');
        if (/'\s*\|/.test(expr)) continue;
        const t = /^`([a-z.]+)\$\{/.exec(expr.trim());
        if (t?.[1]) templates.add(t[1]);
        for (const q of expr.matchAll(/'([^']+)'/g)) if (q[1] && CODE.test(q[1])) literal.add(q[1]);
      }
      for (const m of line.matchAll(/\b(?:safeAudit|audit)\(\s*'([^']+)'/g)) if (m[1] && CODE.test(m[1])) literal.add(m[1]);
      // The catalogue's versions are written with the code as an argument (the walk found them unlabelled).
      if (/\baddVersions\(/.test(line)) for (const q of line.matchAll(/'([^']+)'/g)) if (q[1] && CODE.test(q[1])) literal.add(q[1]);
    }
  }
  return { literal, templates };
}

const { literal, templates } = writtenCodes();
const family = Object.entries(FAMILIES).flatMap(([prefix, types]) => types.map((t) => `${prefix}${t}`));
const all = [...new Set([...literal, ...family])].sort();

describe('every audit action has a label and a group', () => {
  it('finds the codes the app writes (the scan itself works)', () => {
    expect(literal.size).toBeGreaterThan(40);
    for (const known of ['auth.signin', 'recovery.printed', 'exchange.exported', 'print.document', 'carrier.registered', 'catalogue.entry_added', 'catalogue.bureau_applied']) expect(all).toContain(known);
  });

  it('knows the types of every family written from a template', () => {
    expect([...templates].filter((p) => !(p in FAMILIES))).toEqual([]);
  });

  it('labels every code in Chinese and in English', () => {
    const zh = zhCN as Record<string, string>;
    const enMessages = en as Record<string, string>;
    expect(all.filter((code) => !zh[`action.${code}`])).toEqual([]);
    expect(all.filter((code) => !enMessages[`action.${code}`])).toEqual([]);
  });

  it('puts every code in a filter group', () => {
    expect(all.filter((code) => !ACTION_GROUPS.some((g) => code.startsWith(g.prefix)))).toEqual([]);
  });
});
