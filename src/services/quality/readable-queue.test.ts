import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableQueuePage } from './readable-queue.ts';

/** A queue of item ids 1..n; `fetch` records the chunks asked for. */
function queue(n: number) {
  const calls: { after: number | null; size: number }[] = [];
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  return {
    calls,
    fetch: async (after: number | null, size: number) => {
      calls.push({ after, size });
      const start = after === null ? 0 : ids.indexOf(after) + 1;
      return ids.slice(start, start + size);
    },
    itemIdOf: (id: number) => id,
  };
}

describe('a queue page as one reader may see it', () => {
  it('walks past the items the reader may not see until the page is full', async () => {
    const q = queue(200);
    // The first 150 items are beyond the reader's pool limits.
    const page = await readableQueuePage({ ...q, read: async (id) => (id > 150 ? `item ${id}` : null), limit: 5 });
    assert.deepEqual(page.entries, ['item 151', 'item 152', 'item 153', 'item 154', 'item 155']);
    assert.equal(page.scanned, 155);
    assert.equal(page.cutShort, false);
    assert.ok(q.calls.length > 1, 'several chunks');
    for (let c = 1; c < q.calls.length; c++) assert.notEqual(q.calls[c]!.after, null, 'later chunks continue after the last one seen');
  });

  it('takes one chunk when the reader sees everything', async () => {
    const q = queue(100);
    const page = await readableQueuePage({ ...q, read: async (id) => id, limit: 20 });
    assert.deepEqual(page.entries, Array.from({ length: 20 }, (_, i) => i + 1));
    assert.equal(q.calls.length, 1);
  });

  it('ends with the queue, short but not cut short', async () => {
    const q = queue(30);
    const page = await readableQueuePage({ ...q, read: async (id) => (id % 10 === 0 ? id : null), limit: 20 });
    assert.deepEqual(page.entries, [10, 20, 30]);
    assert.equal(page.scanned, 30);
    assert.equal(page.cutShort, false);
  });

  it('stops after maxScanned entries and says the page was cut short', async () => {
    const q = queue(10_000);
    const page = await readableQueuePage({ ...q, read: async (id) => (id > 5_000 ? id : null), limit: 20, maxScanned: 300 });
    assert.deepEqual(page.entries, []);
    assert.equal(page.scanned, 300);
    assert.equal(page.cutShort, true);
    assert.equal(q.calls.reduce((s, c) => s + c.size, 0), 300, 'never asks for more than maxScanned');
  });
});
