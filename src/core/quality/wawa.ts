/**
 * Wawa (worker agreement with aggregate): majority vote, then each worker's skill is the share of
 * their answers that agree with it, then a vote weighted by those skills. Cheap, and better than
 * plain majority when a few workers answer at random.
 */
import type { EncodedAnswers } from './answers.ts';
import type { Consensus } from './consensus.ts';
import { type VoteOptions, hardAgreement, labelIndices, majorityVote, workerSkills } from './majority-vote.ts';

export function wawa(data: EncodedAnswers, options: Pick<VoteOptions, 'random'> = {}): Consensus {
  const mv = majorityVote(data, options);
  const skills = hardAgreement(data, labelIndices(data, mv));
  const weighted = majorityVote(data, { ...options, weights: skills });
  return { ...weighted, method: 'wawa', workers: workerSkills(data, skills) };
}
