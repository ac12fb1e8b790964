/**
 * Gold for the demo: the drawn scenes are known exactly (what was drawn is the answer), so the last
 * images of the street-scene project carry known answers, and the project mixes gold tasks into its
 * queues at 5% with the default pause bar.
 */
import type { Project } from '../core/projects.ts';
import { qaPolicyOf } from '../core/quality/qa-policy.ts';
import type { Db } from '../store/database.ts';
import { setKnownAnswer } from '../store/onboarding.ts';
import { saveQaPolicy } from '../store/workflow.ts';
import { sceneResult } from './history.ts';
import type { Scene } from './street-scenes.ts';

/** Returns the indexes of the images that carry known answers. */
export async function seedDemoGold(tx: Db, project: Project, itemIds: number[], scenes: Scene[], count = 20): Promise<number[]> {
  const first = Math.max(0, itemIds.length - count);
  for (let i = first; i < itemIds.length; i++) {
    const scene = scenes[i]!;
    await setKnownAnswer(
      tx,
      project.id,
      itemIds[i]!,
      // What a careful annotator gives: every object, the road, the time of day.
      sceneResult(scene, () => 0, true),
      'import',
      null,
    );
  }
  await saveQaPolicy(tx, project.id, qaPolicyOf({ goldRate: 0.05 }));
  return Array.from({ length: itemIds.length - first }, (_, k) => first + k);
}
