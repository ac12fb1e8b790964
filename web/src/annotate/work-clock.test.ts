import assert from 'node:assert/strict';
import { it } from 'node:test';
import { WorkClock } from './work-clock.ts';

it('counts only the time between resume and pause, on top of time already spent', () => {
  let t = 1000;
  const clock = new WorkClock(() => t, 500);
  assert.equal(clock.elapsedMs(), 500);
  clock.resume();
  t += 2000;
  assert.equal(clock.elapsedMs(), 2500);
  clock.pause();
  t += 60_000; // hidden tab
  clock.pause();
  assert.equal(clock.elapsedMs(), 2500);
  clock.resume();
  clock.resume();
  t += 100;
  assert.equal(clock.elapsedMs(), 2600);
});
