import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, describeError, errorFromResponse } from './errors.ts';
import { SessionGate } from './session-gate.ts';

describe('session gate', () => {
  it('does not hold a 401 when nobody had signed in', () => {
    assert.equal(new SessionGate().waitForSignIn(), false);
  });

  it('holds calls after the session ran out and lets them go on the next sign-in', async () => {
    const gate = new SessionGate();
    const seen: boolean[] = [];
    gate.subscribe((expired) => seen.push(expired));
    gate.signedIn();
    const a = gate.waitForSignIn();
    const b = gate.waitForSignIn();
    assert.ok(a && b);
    assert.equal(gate.expired, true);
    let done = 0;
    void a.then(() => done++);
    void b.then(() => done++);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(done, 0);
    gate.signedIn();
    await Promise.all([a, b]);
    assert.equal(done, 2);
    assert.deepEqual(seen, [true, false]);
  });

  it('fails the held calls on a deliberate sign-out', async () => {
    const gate = new SessionGate();
    gate.signedIn();
    const wait = gate.waitForSignIn();
    assert.ok(wait);
    gate.signedOut();
    await assert.rejects(wait, /signed out/);
  });
});

describe('API errors in words', () => {
  it('reads the error body and adds what to do', () => {
    const e = errorFromResponse(409, { error: { code: 'lease_lost', message: 'task 4 is no longer yours' } });
    assert.equal(e.code, 'lease_lost');
    assert.match(describeError(e), /^Task 4 is no longer yours\. This task was given to someone else/);
  });

  it('keeps field issues of a validation error', () => {
    const e = errorFromResponse(422, { error: { code: 'validation_failed', message: 'x', details: { issues: [{ path: 'a', message: 'b' }, { bad: 1 }] } } });
    assert.deepEqual(e.issues, [{ path: 'a', message: 'b' }]);
  });

  it('puts a body that is not ours and a network failure in words', () => {
    assert.equal(describeError(errorFromResponse(502, '<html>')), 'The server failed to answer. Something went wrong on the server. Try again; if it keeps happening, tell an administrator.');
    assert.match(describeError(new TypeError('Failed to fetch')), /cannot be reached/);
    assert.ok(!/\b50\d\b/.test(describeError(new ApiError(500, 'internal', 'boom'))));
  });
});
