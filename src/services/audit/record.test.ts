import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../core/users.ts';
import { auditDraft } from './record.ts';

const user = { id: 7, email: 'ann@example.org', name: 'Ann', role: 'admin' as const, disabled: false, createdAt: new Date(0) };
const at = new Date('2025-02-03T04:05:06.789Z');
const fields = { action: 'policy.change', subjectType: 'project', subjectId: 3, projectId: 3, details: { privacy: ['retentionDays'] } } as const;

const session: Actor = { user, via: 'session', scopes: null };

test('a person, a token and the command line are told apart', () => {
  assert.deepEqual(auditDraft(session, fields, at), {
    id: null,
    at: '2025-02-03T04:05:06.789Z',
    actorId: 7,
    actorEmail: 'ann@example.org',
    poolId: null,
    action: 'policy.change',
    subjectType: 'project',
    subjectId: 3,
    projectId: 3,
    sourceIp: null,
    details: { privacy: ['retentionDays'] },
  });
  assert.deepEqual(auditDraft({ ...session, via: 'token' }, fields, at).details, { privacy: ['retentionDays'], via: 'token' });
  const system = auditDraft({ ...session, via: 'system' }, fields, at);
  assert.equal(system.actorId, null, 'the command line is nobody in particular');
  assert.equal(system.actorEmail, null);
  assert.deepEqual(system.details, { privacy: ['retentionDays'], via: 'system' });
  assert.equal(auditDraft(null, { ...fields, details: undefined }, at).details, null);
});

test("the source address is the actor's request's unless given", () => {
  const fromRequest = { ...session, sourceIp: '198.51.100.4' };
  assert.equal(auditDraft(fromRequest, fields, at).sourceIp, '198.51.100.4');
  assert.equal(auditDraft(fromRequest, { ...fields, sourceIp: '192.0.2.1' }, at).sourceIp, '192.0.2.1');
  assert.equal(auditDraft(session, fields, at).sourceIp, null, 'outside a request: none');
  assert.equal(auditDraft(null, fields, at).sourceIp, null);
});
