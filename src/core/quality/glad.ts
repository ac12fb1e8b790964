/**
 * GLAD (Whitehill et al., NIPS 2009): the chance that worker w answers item i right is
 * σ(α_w · β_i), with α_w the worker's ability and β_i = exp(b_i) > 0 the item's easiness; a
 * wrong answer is any other class with equal chance. EM with a few Fisher-scoring steps per
 * M-step, Gaussian priors α ~ N(1, 1) and b ~ N(1, 1) keeping the parameters finite, as the paper.
 */
import type { EncodedAnswers } from './answers.ts';
import { type Consensus, answersPerWorker, labelItems, logClassPriors, normaliseLogRows } from './consensus.ts';
import { voteShares } from './majority-vote.ts';
import type { Random } from './seeded-random.ts';

export interface GladOptions {
  maxIterations?: number;
  /** Stop when the log-likelihood gains less than this per answer. */
  tolerance?: number;
  /** Fisher-scoring rounds (abilities, then easiness) per M-step. */
  mStepRounds?: number;
  /**
   * Class priors: uniform and fixed (the default, as Whitehill et al. and Crowd-Kit), or learned
   * from the posteriors. Learned priors hurt GLAD on skewed data: its noise is symmetric, so a
   * large prior outweighs the answers (product 0.896 against 0.928, bluebirds 0.59 against 0.72).
   */
  classPriors?: 'learned' | 'uniform';
  /** Mean of the Gaussian prior on b (β = e^b), also its starting value: 1 as in the paper. */
  easinessMean?: number;
  random?: Random;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** log σ(x) without overflow. */
const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
const MAX_STEP = 2;
const clampStep = (s: number): number => Math.max(-MAX_STEP, Math.min(MAX_STEP, s));

export function glad(data: EncodedAnswers, options: GladOptions = {}): Consensus {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = (options.tolerance ?? 1e-7) * Math.max(1, data.item.length);
  const rounds = options.mStepRounds ?? 2;
  const nItems = data.items.length;
  const nWorkers = data.workers.length;
  const k = data.classes.length;
  const { item, worker, label } = data;
  const logOthers = k > 1 ? Math.log(k - 1) : 0;

  let posteriors: Float64Array = voteShares(data);
  let scratch: Float64Array = new Float64Array(nItems * k);
  const alpha = new Float64Array(nWorkers).fill(1);
  const easinessMean = options.easinessMean ?? 1;
  const b = new Float64Array(nItems).fill(easinessMean);
  const gradW = new Float64Array(nWorkers);
  const hessW = new Float64Array(nWorkers);
  const gradI = new Float64Array(nItems);
  const hessI = new Float64Array(nItems);
  const logPriors = new Float64Array(k);
  let logLikelihood = -Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // M-step: class priors, then abilities and easiness by Fisher scoring on the expected log-likelihood.
    if ((options.classPriors ?? 'uniform') === 'learned') logClassPriors(posteriors, k, 1, logPriors);
    else logPriors.fill(-Math.log(k));
    for (let r = 0; r < rounds; r++) {
      for (let w = 0; w < nWorkers; w++) {
        gradW[w] = -(alpha[w]! - 1);
        hessW[w] = 1;
      }
      for (let a = 0; a < item.length; a++) {
        const beta = Math.exp(b[item[a]!]!);
        const s = sigmoid(alpha[worker[a]!]! * beta);
        gradW[worker[a]!]! += (posteriors[item[a]! * k + label[a]!]! - s) * beta;
        hessW[worker[a]!]! += s * (1 - s) * beta * beta;
      }
      for (let w = 0; w < nWorkers; w++) alpha[w]! += clampStep(gradW[w]! / hessW[w]!);
      for (let i = 0; i < nItems; i++) {
        gradI[i] = -(b[i]! - easinessMean);
        hessI[i] = 1;
      }
      for (let a = 0; a < item.length; a++) {
        const x = alpha[worker[a]!]! * Math.exp(b[item[a]!]!);
        const s = sigmoid(x);
        gradI[item[a]!]! += (posteriors[item[a]! * k + label[a]!]! - s) * x;
        hessI[item[a]!]! += s * (1 - s) * x * x;
      }
      for (let i = 0; i < nItems; i++) b[i]! += clampStep(gradI[i]! / hessI[i]!);
    }
    // E-step.
    for (let i = 0; i < nItems; i++) scratch.set(logPriors, i * k);
    for (let a = 0; a < item.length; a++) {
      const x = alpha[worker[a]!]! * Math.exp(b[item[a]!]!);
      const right = logSigmoid(x);
      const wrong = logSigmoid(-x) - logOthers;
      const o = item[a]! * k;
      for (let c = 0; c < k; c++) scratch[o + c]! += wrong;
      scratch[o + label[a]!]! += right - wrong;
    }
    const next = normaliseLogRows(scratch, nItems, k);
    [posteriors, scratch] = [scratch, posteriors];
    const gain = next - logLikelihood;
    logLikelihood = next;
    if (gain < tolerance) break;
  }
  const counts = answersPerWorker(data);
  return {
    method: 'glad',
    classes: data.classes,
    items: labelItems(data, posteriors, options.random),
    // Skill: chance of a right answer on an item of average easiness (β = 1).
    workers: data.workers.map((name, w) => ({ worker: name, skill: sigmoid(alpha[w]!), answers: counts[w]! })),
    posteriors,
    logLikelihood,
    iterations,
    answerModel: (w, i, l, out) => {
      const right = sigmoid(alpha[w]! * Math.exp(b[i]!));
      out.fill(k > 1 ? (1 - right) / (k - 1) : 1);
      out[l] = right;
    },
  };
}
