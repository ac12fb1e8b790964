import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDomainError } from '../errors.ts';
import { GENESIS_HASH, type AuditEvent, type AuditEventDraft } from './event.ts';
import { appendEvent, createChainVerifier, hashEvent, verifyChain } from './hash-chain.ts';

const START = Date.parse('2024-03-15T09:00:00.000Z');

function draft(i: number): AuditEventDraft {
  return {
    id: `evt-${i}`,
    at: new Date(START + i * 61_000).toISOString(),
    actorId: 10 + (i % 3),
    actorEmail: `user${i % 3}@example.com`,
    poolId: i % 2 === 0 ? 7 : null,
    action: ['auth.sign_in', 'item.read', 'annotation.create', 'export.create'][i % 4]!,
    subjectType: 'item',
    subjectId: 1000 + i,
    projectId: 3,
    sourceIp: '192.0.2.15',
    details: i % 2 === 0 ? { fields: ['label'], count: i } : undefined,
  };
}

function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++) events.push(appendEvent(events.at(-1) ?? null, draft(i)));
  return events;
}

/** What an attacker with write access does after changing a row: re-hash it and everything after. */
function rehashFrom(events: AuditEvent[], from: number): AuditEvent[] {
  const out = events.slice(0, from);
  for (const e of events.slice(from)) {
    const prev = out.at(-1);
    const prevHash = prev ? prev.hash : GENESIS_HASH;
    const seq = prev ? prev.seq + 1 : 1;
    out.push({ ...e, seq, prevHash, hash: hashEvent(prevHash, { ...e, seq }) });
  }
  return out;
}

test('a chain built by appendEvent verifies and reports its head', () => {
  const events = chain(6);
  assert.equal(events[0]!.prevHash, GENESIS_HASH);
  assert.equal(events[3]!.prevHash, events[2]!.hash);
  assert.deepEqual(verifyChain(events), { ok: true, count: 6, head: { seq: 6, hash: events[5]!.hash } });
  assert.deepEqual(verifyChain([]), { ok: true, count: 0, head: null });
});

test('a changed field is caught at that event', () => {
  const events = chain(5);
  events[2] = { ...events[2]!, actorEmail: 'someone.else@example.com' };
  const result = verifyChain(events);
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.brokenAt.seq === 3 && result.brokenAt.reason === 'hash_mismatch' && result.brokenAt.id === 'evt-2');
});

test('a changed and re-hashed event breaks the link to the next one', () => {
  const events = chain(5);
  events[1] = { ...events[1]!, action: 'erasure.run' };
  events[1] = { ...events[1], hash: hashEvent(events[1].prevHash, events[1]) };
  const result = verifyChain(events);
  assert.ok(!result.ok && result.brokenAt.seq === 3 && result.brokenAt.reason === 'prev_hash_mismatch');
});

test('a deleted event is a sequence gap at the event after it, the first one included', () => {
  const events = chain(5);
  const middle = verifyChain([...events.slice(0, 2), ...events.slice(3)]);
  assert.ok(!middle.ok && middle.brokenAt.seq === 4 && middle.brokenAt.reason === 'sequence_gap', JSON.stringify(middle));
  const first = verifyChain(events.slice(1));
  assert.ok(!first.ok && first.brokenAt.seq === 2 && first.brokenAt.reason === 'sequence_gap');
});

test('deleting events and renumbering the rest still breaks the hash links', () => {
  const events = chain(5);
  const renumbered = [...events.slice(0, 2), ...events.slice(3).map((e) => ({ ...e, seq: e.seq - 1 }))];
  const result = verifyChain(renumbered);
  assert.ok(!result.ok && result.brokenAt.seq === 3 && result.brokenAt.reason === 'prev_hash_mismatch');
});

test('a deleted tail is caught against a checkpoint of the head', () => {
  const events = chain(5);
  const head = { seq: 5, hash: events[4]!.hash };
  assert.equal(verifyChain(events.slice(0, 3)).ok, true, 'without a checkpoint a shorter chain is a valid chain');
  const result = verifyChain(events.slice(0, 3), { checkpoints: [head] });
  assert.ok(!result.ok && result.brokenAt.seq === 4 && result.brokenAt.reason === 'truncated');
  assert.equal(verifyChain(events, { checkpoints: [head] }).ok, true);
});

test('reordered events are caught, renumbered or not', () => {
  const events = chain(5);
  const swapped = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
  const plain = verifyChain(swapped);
  assert.ok(!plain.ok && plain.brokenAt.seq === 3 && plain.brokenAt.reason === 'sequence_gap');
  const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }));
  const hidden = verifyChain(renumbered);
  assert.ok(!hidden.ok && hidden.brokenAt.seq === 2 && hidden.brokenAt.reason === 'prev_hash_mismatch');
});

test('an inserted event is caught; a full rewrite is caught only against a checkpoint', () => {
  const events = chain(4);
  const forged = { ...events[1]!, id: 'forged', subjectId: 42 };
  const inserted = [events[0]!, events[1]!, forged, ...events.slice(2)];
  const result = verifyChain(inserted);
  assert.ok(!result.ok && result.brokenAt.seq === 2 && result.brokenAt.reason === 'sequence_out_of_order' && result.brokenAt.id === 'forged');
  const rewritten = rehashFrom(inserted, 2);
  assert.equal(verifyChain(rewritten).ok, true, 'a chain re-hashed end to end is self-consistent');
  const checked = verifyChain(rewritten, { checkpoints: [{ seq: 4, hash: events[3]!.hash }] });
  assert.ok(!checked.ok && checked.brokenAt.seq === 4 && checked.brokenAt.reason === 'checkpoint_mismatch');
});

test('a chain read back from the database (ids as text, Date instants, jsonb key order) verifies', () => {
  const events = chain(4);
  const readBack = events.map((e) => ({
    ...e,
    actorId: String(e.actorId),
    subjectId: String(e.subjectId),
    at: new Date(e.at) as unknown as string,
    details: e.details === undefined ? null : Object.fromEntries(Object.entries(e.details as object).reverse()),
    poolId: e.poolId ?? null,
  }));
  assert.equal(verifyChain(readBack).ok, true);
});

test('part of a chain verifies from the link before it; malformed rows are named', () => {
  const events = chain(6);
  assert.equal(verifyChain(events.slice(3), { after: { seq: 3, hash: events[2]!.hash } }).ok, true);
  const bad = verifyChain([events[0]!, { ...events[1]!, hash: 'not-a-hash' }]);
  assert.ok(!bad.ok && bad.brokenAt.seq === 2 && bad.brokenAt.reason === 'malformed');
  const verifier = createChainVerifier();
  verifier.push({ ...events[0]!, seq: 0 });
  const finished = verifier.finish();
  assert.ok(!finished.ok && finished.brokenAt.reason === 'malformed' && finished.count === 0);
});

test('appendEvent refuses a draft without a valid instant, action or subject type', () => {
  assert.throws(
    () => appendEvent(null, { ...draft(0), at: 'yesterday', action: '' }),
    (e: unknown) => isDomainError(e) && e.code === 'validation_failed' && /^at:/.test(e.message),
  );
  assert.throws(() => appendEvent(null, { ...draft(0), details: { n: Number.NaN } }), (e: unknown) => isDomainError(e) && /details/.test(e.message));
});

const FIELDS = ['seq', 'id', 'at', 'actorId', 'actorEmail', 'poolId', 'action', 'subjectType', 'subjectId', 'projectId', 'sourceIp', 'details', 'prevHash', 'hash'] as const;

/** A new value for `field` that differs from the old one as the hash reads it. */
function changed(event: AuditEvent, field: (typeof FIELDS)[number], n: number): unknown {
  switch (field) {
    case 'seq':
      return event.seq + 1 + n;
    case 'at':
      return new Date(Date.parse(event.at) + 1 + n).toISOString();
    case 'details':
      return { tampered: n };
    case 'prevHash':
    case 'hash':
      return (event[field][0] === 'a' ? 'b' : 'a') + event[field].slice(1);
    default:
      return `${String(event[field] ?? '')}~${n}`;
  }
}

test('any single change to any field of any event is detected', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.constantFrom(...FIELDS), fc.nat(1000), (n, at, field, k) => {
      const events = chain(n);
      const i = at % n;
      events[i] = { ...events[i]!, [field]: changed(events[i]!, field, k) };
      const result = verifyChain(events);
      assert.equal(result.ok, false, `${field} of event ${i + 1} changed unnoticed`);
      assert.ok(!result.ok && result.brokenAt.seq >= 1);
    }),
    { numRuns: 300 },
  );
});
