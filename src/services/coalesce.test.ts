import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCoalescer } from './coalesce.ts';

interface Req {
  key: string;
  user: number;
  fail?: boolean;
}

/** A coalescer whose database answers when the test says so, recording what went together. */
function harness() {
  const sent: string[][] = [];
  const pending: (() => void)[] = [];
  const answer = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) =>
      pending.push(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error);
        }
      }),
    );
  const label = (r: Req) => `${r.key}${r.user}`;
  const co = createCoalescer<Req, string>({
    key: (r) => r.key,
    identity: (r) => r.user,
    one: (r) => {
      sent.push([label(r)]);
      return answer(() => {
        if (r.fail) throw new Error(`no ${label(r)}`);
        return `one ${label(r)}`;
      });
    },
    many: (rs) => {
      sent.push(rs.map(label));
      return answer(() => rs.map((r) => (r.fail ? new Error(`no ${label(r)}`) : `many ${label(r)}`)));
    },
    maxBatch: 3,
  });
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    pending.splice(0).forEach((f) => f());
    await new Promise((r) => setImmediate(r));
  };
  return { co, sent, release };
}

describe('createCoalescer', () => {
  it('sends a lone request alone, at the end of the turn', async () => {
    const { co, sent, release } = harness();
    const out = co.run({ key: 'a', user: 1 });
    assert.deepEqual(sent, []);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sent, [['a1']]);
    await release();
    assert.equal(await out, 'one a1');
    assert.equal(co.batches, 0);
  });

  it('sends what arrived in one turn, or while a batch was out, as one batch of at most maxBatch', async () => {
    const { co, sent, release } = harness();
    const outs = [1, 2, 3, 4].map((user) => co.run({ key: 'a', user }));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sent, [['a1', 'a2', 'a3']]);
    outs.push(co.run({ key: 'a', user: 5 }), co.run({ key: 'a', user: 6 }));
    await release();
    assert.deepEqual(sent, [['a1', 'a2', 'a3'], ['a4', 'a5', 'a6']]);
    await release();
    outs.push(co.run({ key: 'a', user: 7 }));
    await release();
    await release();
    assert.deepEqual(sent.slice(2), [['a7']]);
    assert.deepEqual(await Promise.all(outs), ['many a1', 'many a2', 'many a3', 'many a4', 'many a5', 'many a6', 'one a7']);
    assert.equal(co.batches, 2);
    assert.equal(co.batched, 6);
  });

  it('keeps keys apart and never puts one identity twice in a batch', async () => {
    const { co, sent, release } = harness();
    const outs = [co.run({ key: 'a', user: 1 }), co.run({ key: 'b', user: 1 }), co.run({ key: 'a', user: 2 }), co.run({ key: 'a', user: 2 })];
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sent, [['a1', 'a2'], ['b1']]);
    await release();
    await release();
    assert.deepEqual(sent.slice(2), [['a2']]);
    assert.deepEqual(await Promise.all(outs), ['many a1', 'one b1', 'many a2', 'one a2']);
  });

  it('fails only the request whose answer is an error', async () => {
    const { co, release } = harness();
    const settled = (p: Promise<string>) => p.then(String, (error: Error) => `rejected: ${error.message}`);
    const outs = [settled(co.run({ key: 'a', user: 1, fail: true })), settled(co.run({ key: 'a', user: 2, fail: true })), settled(co.run({ key: 'a', user: 3 }))];
    await release();
    await release();
    assert.deepEqual(await Promise.all(outs), ['rejected: no a1', 'rejected: no a2', 'many a3']);
  });
});
