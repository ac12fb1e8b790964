import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NextTask } from '../api/types.ts';
import { type PipelineApi, TaskPipeline } from './task-pipeline.ts';

function task(id: number): NextTask {
  return {
    task: { id, projectId: 1, itemId: 100 + id, stage: 'label', status: 'leased', priority: 0, leaseExpiresAt: null },
    item: {
      id: 100 + id, projectId: 1, externalId: null, kind: 'text', text: `t${id}`, mimeType: 'text/plain', width: null, height: null, metadata: {},
      sensitivity: 'internal', region: null, language: null, tags: [], edgeCase: false, contentUrl: '', thumbnailUrl: null, createdAt: '',
    },
    schemaVersion: 1,
    guidelinesVersion: 1,
    sentBack: null,
  };
}

/** A fake server: a queue of task ids, leases by id, and the holding lists it was asked with. */
function fakeServer(ids: number[]) {
  const queue = [...ids];
  const leased = new Set<number>();
  const claims: number[][] = [];
  const released: number[] = [];
  const api: PipelineApi<string> = {
    async claim(holding) {
      claims.push([...holding]);
      const mine = [...leased].find((id) => !holding.includes(id));
      if (mine !== undefined) return task(mine);
      const id = queue.shift();
      if (id === undefined) return null;
      leased.add(id);
      return task(id);
    },
    async prepare(next) {
      return `prepared ${next.task.id}`;
    },
    async release(id) {
      leased.delete(id);
      released.push(id);
      queue.unshift(id);
    },
  };
  const finish = async (id: number) => {
    leased.delete(id);
  };
  return { api, claims, released, finish, leased };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('task pipeline', () => {
  it('shows the first task, claims the next one ahead, and swaps to it on submit', async () => {
    const server = fakeServer([1, 2, 3]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    await settle();
    const s1 = pipeline.getState();
    assert.equal(s1.phase, 'working');
    assert.equal(s1.phase === 'working' && s1.current.next.task.id, 1);
    assert.equal(s1.phase === 'working' && s1.upcoming?.next.task.id, 2);
    assert.deepEqual(server.claims, [[], [1]]);
    assert.deepEqual(pipeline.held().sort(), [1, 2]);

    await pipeline.advance(server.finish);
    const s2 = pipeline.getState();
    assert.equal(s2.phase === 'working' && s2.current.next.task.id, 2);
    assert.equal(s2.phase === 'working' && s2.current.prepared, 'prepared 2');
    await settle();
    await pipeline.advance(server.finish);
    await settle();
    await pipeline.advance(server.finish);
    assert.equal(pipeline.getState().phase, 'empty');
  });

  it('shows the next task before the submit of the current one has answered', async () => {
    const server = fakeServer([1, 2, 3]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    await settle();
    let answer: () => void = () => undefined;
    const submitted = pipeline.advanceAhead((id) => new Promise<void>((resolve) => (answer = () => { server.leased.delete(id); resolve(); })));
    await settle();
    const s = pipeline.getState();
    assert.equal(s.phase === 'working' && s.current.next.task.id, 2, 'task 2 is on screen while task 1 is still being sent');
    await settle();
    assert.deepEqual(server.claims.at(-1)?.sort(), [1, 2], 'the look-ahead names the task still being sent');
    answer();
    await submitted;
    await settle();
    const after = pipeline.getState();
    assert.equal(after.phase === 'working' && after.upcoming?.next.task.id, 3);
  });

  it('reports a failed submit made ahead, with the next task already on screen', async () => {
    const server = fakeServer([1, 2]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    await assert.rejects(pipeline.advanceAhead(async () => { throw new Error('409'); }), /409/);
    const s = pipeline.getState();
    assert.equal(s.phase === 'working' && s.current.next.task.id, 2);
  });

  it('keeps the current task when submitting fails', async () => {
    const server = fakeServer([1, 2]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    await assert.rejects(pipeline.advance(async () => { throw new Error('422'); }), /422/);
    const s = pipeline.getState();
    assert.equal(s.phase === 'working' && s.current.next.task.id, 1);
  });

  it('names the task being submitted in holding, so the server does not hand it back', async () => {
    const server = fakeServer([1, 2, 3]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    // submit before the look-ahead has answered: the pipeline waits for it rather than claiming twice
    await pipeline.advance(server.finish);
    await settle();
    const s = pipeline.getState();
    assert.equal(s.phase === 'working' && s.current.next.task.id, 2);
    assert.deepEqual(server.claims, [[], [1], [2]]);
  });

  it('asks again when nothing was left at look-ahead time', async () => {
    const server = fakeServer([1]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    await settle();
    // someone released a task meanwhile
    await server.api.release(5);
    await pipeline.advance(server.finish);
    const s = pipeline.getState();
    assert.equal(s.phase === 'working' && s.current.next.task.id, 5);
  });

  it('releases the task claimed ahead when the screen is left', async () => {
    const server = fakeServer([1, 2]);
    const pipeline = new TaskPipeline(server.api);
    await pipeline.start();
    await settle();
    pipeline.stop();
    await settle();
    assert.deepEqual(server.released, [2]);
    assert.ok(server.leased.has(1), 'the task on screen stays mine (its draft is kept)');
  });

  it('reports an empty queue and a failing server', async () => {
    const empty = new TaskPipeline(fakeServer([]).api);
    await empty.start();
    assert.equal(empty.getState().phase, 'empty');
    const broken = new TaskPipeline({ ...fakeServer([1]).api, claim: async () => { throw new Error('down'); } });
    await broken.start();
    const s = broken.getState();
    assert.equal(s.phase, 'failed');
  });
});
