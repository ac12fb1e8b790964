import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DraftStore, type KeyValueStorage } from './draft-store.ts';

class MapStorage implements KeyValueStorage {
  map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
}

const draft = { choices: { time: ['day'] }, regions: [] };

describe('draft store', () => {
  it('keeps a draft per user and task until it is dropped', () => {
    const storage = new MapStorage();
    const ana = new DraftStore(storage, 4);
    const bob = new DraftStore(storage, 5);
    ana.save({ taskId: 7, projectId: 1, draft, elapsedMs: 1200, clientToken: 'tok', savedAt: 1000 });
    assert.deepEqual(ana.load(7)?.draft, draft);
    assert.equal(ana.load(7)?.clientToken, 'tok');
    assert.equal(bob.load(7), null, 'another user of the browser does not get it');
    ana.drop(7);
    assert.equal(ana.load(7), null);
  });

  it('ignores unreadable entries and prunes old ones', () => {
    const storage = new MapStorage();
    const store = new DraftStore(storage, 1);
    storage.setItem('atelier:draft:1:3', '{not json');
    assert.equal(store.load(3), null);
    store.save({ taskId: 8, projectId: 1, draft, elapsedMs: 0, clientToken: 'a', savedAt: 0 });
    store.save({ taskId: 9, projectId: 1, draft, elapsedMs: 0, clientToken: 'b', savedAt: 10_000 });
    storage.setItem('other-app', 'kept');
    assert.equal(store.prune(10_500, 1000), 2);
    assert.equal(store.load(8), null);
    assert.ok(store.load(9));
    assert.equal(storage.getItem('other-app'), 'kept');
  });

  it('survives a storage that refuses to write', () => {
    const full: KeyValueStorage = { ...new MapStorage(), length: 0, getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => {}, key: () => null };
    assert.doesNotThrow(() => new DraftStore(full, 1).save({ taskId: 1, projectId: 1, draft, elapsedMs: 0, clientToken: 'x', savedAt: 0 }));
  });
});
