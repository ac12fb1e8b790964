import assert from 'node:assert/strict';
import { it } from 'node:test';
import { afterOneDone, leftIn } from './work-api.ts';

it('counts one fewer left per task done, to 1 on the last task and 0 after it', () => {
  // Three tasks: the first in hand and the second taken ahead, the third queued.
  let queue = { queued: 1, myLeased: 2, myDone: 0 };
  const seen = [leftIn(queue)];
  for (let done = 0; done < 3; done++) {
    queue = afterOneDone(queue);
    seen.push(leftIn(queue));
  }
  assert.deepEqual(seen, [3, 2, 1, 0]);
  assert.equal(queue.myDone, 0, 'the rest of the entry is kept');
});

it('takes a task done off the held ones when none was queued to take ahead', () => {
  assert.deepEqual(afterOneDone({ queued: 0, myLeased: 1 }), { queued: 0, myLeased: 0 });
  assert.deepEqual(afterOneDone({ queued: 0, myLeased: 0 }), { queued: 0, myLeased: 0 });
  assert.deepEqual(afterOneDone({ queued: 5, myLeased: 2 }), { queued: 4, myLeased: 2 });
});
