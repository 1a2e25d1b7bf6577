#!/usr/bin/env node
// Re-verifies an audit-trail export (docs/audit-export.md) without the app: only Node's own
// crypto. Usage: node scripts/verify-audit-export.mjs FILE.jsonl
// Exit code 0: the chain is intact and ends at the recorded head; 1: it is broken (the first broken
// entry is named); 2: the file is not an audit export.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth (what the app hashes). */
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(',')}}`;
}

function entryHash(prevHash, e) {
  const body = canonical({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail });
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}

function main(file) {
  if (!file) {
    console.error('usage: node scripts/verify-audit-export.mjs FILE.jsonl');
    return 2;
  }
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  let records;
  try {
    records = lines.map((l) => JSON.parse(l));
  } catch {
    console.error('not an audit export: a line is not JSON');
    return 2;
  }
  const header = records[0];
  const head = records[records.length - 1];
  if (header?.type !== 'header' || header.format !== 'secrecy-ledger/audit-export' || head?.type !== 'head') {
    console.error('not an audit export: no header or no head line');
    return 2;
  }
  const fail = (seq, why) => {
    console.log(`BROKEN at entry ${seq}: ${why}`);
    return 1;
  };
  let prev = GENESIS;
  let expected = 1;
  for (const r of records.slice(1, -1)) {
    if (r.seq !== expected) return fail(expected, 'missing');
    if (r.type === 'unreadable') return fail(r.seq, 'the store could not authenticate this record (changed or damaged)');
    if (r.type !== 'entry') return fail(expected, `unexpected ${r.type} line`);
    if (r.prevHash !== prev) return fail(r.seq, 'prevHash does not name the entry before it');
    if (entryHash(r.prevHash, r) !== r.hash) return fail(r.seq, 'content does not match its hash');
    prev = r.hash;
    expected += 1;
  }
  const count = expected - 1;
  if (head.seq !== null && (head.seq !== count || head.hash !== prev)) {
    return fail(count + 1, head.seq > count ? 'entries after it are missing (truncated)' : 'the chain does not end at the recorded head');
  }
  console.log(`OK: ${count} entries, chain intact, head ${prev}`);
  return 0;
}

process.exitCode = main(process.argv[2]);
