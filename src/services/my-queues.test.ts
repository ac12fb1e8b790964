import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Actor } from '../core/users.ts';
import { insertItemsWithTasks } from '../store/items.ts';
import { actorOf, makeProject, makeUser, textItem } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { claimNextTask } from './claim-next-task.ts';
import { addPoolMember, createPool } from './manage-pools.ts';
import { myQueues } from './my-queues.ts';
import { membershipsFor } from './project-access.ts';
import { labelWorkContexts } from '../core/work-contexts.ts';
import { countClaimable } from '../store/task-claims.ts';
import { loadTaskPlanner } from './routing/task-planner.ts';
import { setRoutingPolicy } from './routing/set-routing-policy.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache } from './work-cache.ts';

const poolDefaults = { vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {}, regions: ['*'], languages: ['en'] };

describeEachEngine('what a person could take', (ctx) => {
  it('counts the items a claim would hand each person, not the project’s queue', async () => {
    const db = ctx.store.db;
    const manager = actorOf(await makeUser(db, 'manager'));
    const key = `crowd-${ctx.engine}-${Date.now() % 100000}`;
    const crowd = await ctx.store.transaction((tx) => createPool(tx, manager, { ...poolDefaults, key, name: 'Crowd', kind: 'crowd', clearance: 'public' }));
    const worker = await makeUser(db, 'annotator');
    await ctx.store.transaction((tx) => addPoolMember(tx, manager, crowd.id, { email: worker.email, role: 'annotator' }));
    const project = await makeProject(ctx.store, { overlap: 2 });
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy: { rules: [{ name: 'all', when: {}, to: [{ pool: key, weight: 1 }] }] } }));
    // Five public items, three confidential ones the crowd may not see; two annotators per item.
    const records = [...Array.from({ length: 5 }, (_, i) => textItem(`public ${i}`, { sensitivity: 'public' })), ...Array.from({ length: 3 }, (_, i) => textItem(`secret ${i}`, { sensitivity: 'confidential' }))];
    const planner = await loadTaskPlanner(db, project);
    await insertItemsWithTasks(db, project.id, records, records.map((r, i) => planner.slots({ ...r, confidence: null, position: i }, i)));

    const crowdWorker = actorOf(worker);
    // Capped, it still counts items, not the two tasks each has.
    const contexts = labelWorkContexts('annotator', await membershipsFor(db, crowdWorker));
    assert.equal(await countClaimable(db, { projectId: project.id, userId: worker.id, contexts, overlap: 2 }, 3), 3);
    const counted = async (actor: Actor) => (await myQueues(db, actor)).find((q) => q.project.id === project.id);
    assert.deepEqual(await counted(crowdWorker).then((q) => q && [q.queued, q.queuedCapped]), [5, false], 'the public items, once each, whatever the overlap');
    const cache = createWorkCache();
    const claimed = await claimNextTask(db, { actor: crowdWorker, project }, cache);
    assert.equal((await counted(crowdWorker))?.myLeased, 1);
    await submitAnnotation(db, { actor: crowdWorker, taskId: claimed!.task.id, result: { choices: {}, regions: [] } }, cache);
    assert.deepEqual(await counted(crowdWorker).then((q) => q && [q.queued, q.myDone, q.myLeased]), [4, 1, 0], 'an item done is not offered again');
    let more = 0;
    for (let c = await claimNextTask(db, { actor: crowdWorker, project }, cache); c; c = await claimNextTask(db, { actor: crowdWorker, project }, cache)) {
      more++;
      await submitAnnotation(db, { actor: crowdWorker, taskId: c.task.id, result: { choices: {}, regions: [] } }, cache);
    }
    assert.equal(more, 4, 'as many as were counted');
    assert.equal((await counted(crowdWorker))?.queued, 0);
  });
});
