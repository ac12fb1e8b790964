/**
 * One run of the simulator for one mix: week by week, items arrive, are split among the mix's
 * streams and pools, labelled as each pool's hours allow, checked by reviewers, and counted done.
 *
 * The model, per week and pool (a fluid model: items are amounts, not units; a week's items arrive
 * at its start, and the plan is done when the last busy pool stops in the last week):
 * - hours = annotators × hours per week × availability × ramp × a random factor; ramp is
 *   (weeks since start + 1)/(ramp-up weeks + 1) capped at 1; the factor is 1 + cv·N(0,1), at least 0;
 * - the hours go first to reviews left from earlier weeks, then to labelling (overlap labels per
 *   item at `labels_per_hour`), then to this week's reviews;
 * - an item is right with the pool's accuracy, or, with overlap k, when a majority of its k labels
 *   is (two-choice approximation, which undersells overlap on many classes); a review fixes a wrong
 *   item with the reviewer's accuracy;
 * - cost: per label for each label and each review, per hour for the hours used, a fixed month
 *   (× 12/52 a week) from the pool's start until the whole plan is done.
 * A pool's accuracy is drawn once per run from Beta(correct + 1, wrong + 1) when the plan says on
 * how many gold checks it was measured; otherwise it is taken as exact.
 */
import { addTo, type Money } from '../cost/money.ts';
import type { Mix } from './mixes.ts';
import type { Plan, SimPool } from './plan.ts';
import { beta, normal, type Rng } from './rng.ts';

export interface RunResult {
  /** Fractional weeks from the start to the last item done; null if not done by `max_weeks`. */
  completionWeeks: number | null;
  cost: Money;
  /** Expected share of right labels among the items done. */
  accuracy: number | null;
  /** Items done by the end of each simulated week. */
  cumulativeDone: number[];
}

interface PoolState {
  pool: SimPool;
  accuracy: number;
  /** Week the pool starts working (and being paid); null while held back by a pilot. */
  start: number | null;
  /** Lane index → items waiting for this pool's review. */
  reviews: Map<number, number>;
  hoursLeft: number;
  /** Hours the pool had this week. */
  hoursAvailable: number;
  labels: number;
  reviewed: number;
  hoursUsed: number;
}

interface Lane {
  pool: PoolState;
  pilot: boolean;
  backlog: number;
  reviewRate: number;
  reviewers: { state: PoolState; weight: number }[];
  done: number;
  /** Σ items × their chance of being right. */
  rightSum: number;
}

const EPS = 1e-9;

/** Chance that a majority of k independent labels, each right with chance a, is right. */
export function majorityAccuracy(a: number, k: number): number {
  if (k <= 1) return a;
  let p = 0;
  for (let j = 0; j <= k; j++) {
    const term = binomial(k, j) * a ** j * (1 - a) ** (k - j);
    if (2 * j > k) p += term;
    else if (2 * j === k) p += term / 2; // a tie is a coin toss
  }
  return p;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Items a week the pool can label at full speed: the weight that splits a stream among pools. */
function nominalItems(pool: SimPool, overlap: number): number {
  return (pool.annotators * pool.hours_per_week * pool.availability * pool.labels_per_hour) / overlap;
}

function weights<T>(items: T[], weigh: (t: T) => number): { item: T; weight: number }[] {
  const raw = items.map(weigh);
  const total = raw.reduce((s, w) => s + w, 0);
  return items.map((item, i) => ({ item, weight: total > 0 ? (raw[i] as number) / total : 1 / items.length }));
}

const reviewsPerHour = (pool: SimPool): number => pool.reviews_per_hour ?? 2 * pool.labels_per_hour;

export function simulateRun(plan: Plan, mix: Mix, rng: Rng): RunResult {
  const k = plan.overlap;
  const states = new Map<string, PoolState>();
  const stateOf = (key: string, start: number | null): PoolState => {
    let s = states.get(key);
    if (!s) {
      const pool = plan.pools.find((p) => p.key === key);
      if (!pool) throw new Error(`mix ${mix.name} names unknown pool ${key}`);
      const n = pool.accuracy_samples;
      const accuracy = n === undefined ? pool.accuracy : beta(rng, pool.accuracy * n + 1, (1 - pool.accuracy) * n + 1);
      s = { pool, accuracy, start, reviews: new Map(), hoursLeft: 0, hoursAvailable: 0, labels: 0, reviewed: 0, hoursUsed: 0 };
      states.set(key, s);
    } else if (start !== null && (s.start === null || start < s.start)) s.start = start;
    return s;
  };
  const lanes: Lane[] = [];
  const laneGroup = (pools: string[], pilot: boolean, review: Mix['streams'][number]['review']): { lane: Lane; weight: number }[] =>
    weights(pools, (key) => nominalItems(plan.pools.find((p) => p.key === key) as SimPool, k)).map(({ item: key, weight }) => {
      const state = stateOf(key, mix.pilot && !pilot ? null : 0);
      const own = state.pool.review_rate > 0 ? { rate: state.pool.review_rate, by: [key] } : null;
      const r = review ?? own;
      const reviewers = r ? weights(r.by, (b) => reviewsPerHour(stateOf(b, 0).pool)).map(({ item, weight: w }) => ({ state: stateOf(item, 0), weight: w })) : [];
      const lane: Lane = { pool: state, pilot, backlog: 0, reviewRate: r ? r.rate : 0, reviewers, done: 0, rightSum: 0 };
      lanes.push(lane);
      return { lane, weight };
    });
  const pilotLanes = mix.pilot ? laneGroup(mix.pilot.pools, true, undefined) : [];
  const streams = mix.streams.map((s) => ({ share: s.share, lanes: laneGroup(s.pools, false, s.review) }));

  const total = plan.volume_per_week.reduce((s, v) => s + v, 0);
  const pilotTarget = Math.min(mix.pilot?.items ?? 0, total);
  let pilotRouted = 0;
  let pilotDone = pilotLanes.length === 0;
  let cumulative = 0;
  let completion: number | null = total === 0 ? 0 : null;
  const cumulativeDone: number[] = [];
  const fixedWeeks = new Map<PoolState, number>();
  const itemRight = (lane: Lane): number => majorityAccuracy(lane.pool.accuracy, k);

  for (let week = 0; week < plan.max_weeks && completion === null; week++) {
    let arriving = plan.volume_per_week[week] ?? 0;
    if (pilotLanes.length > 0 && pilotRouted < pilotTarget) {
      const toPilot = Math.min(arriving, pilotTarget - pilotRouted);
      for (const { lane, weight } of pilotLanes) lane.backlog += toPilot * weight;
      pilotRouted += toPilot;
      arriving -= toPilot;
    }
    for (const stream of streams) for (const { lane, weight } of stream.lanes) lane.backlog += arriving * stream.share * weight;

    for (const s of states.values()) {
      const factor = Math.max(0, 1 + s.pool.throughput_cv * normal(rng));
      const working = s.start !== null && s.start <= week;
      const ramp = working ? Math.min(1, (week - (s.start as number) + 1) / (s.pool.ramp_up_weeks + 1)) : 0;
      s.hoursLeft = s.pool.annotators * s.pool.hours_per_week * s.pool.availability * ramp * factor;
      s.hoursAvailable = s.hoursLeft;
    }
    let doneThisWeek = 0;
    const review = (s: PoolState): void => {
      const waiting = [...s.reviews.values()].reduce((a, b) => a + b, 0);
      if (waiting <= EPS || s.hoursLeft <= 0) return;
      const hours = Math.min(s.hoursLeft, waiting / reviewsPerHour(s.pool));
      const share = (hours * reviewsPerHour(s.pool)) / waiting;
      for (const [laneIndex, items] of s.reviews) {
        const lane = lanes[laneIndex] as Lane;
        const checked = items * share;
        const right = itemRight(lane);
        lane.done += checked;
        lane.rightSum += checked * (right + (1 - right) * s.accuracy);
        s.reviews.set(laneIndex, items - checked);
        doneThisWeek += checked;
      }
      s.reviewed += waiting * share;
      s.hoursLeft -= hours;
      s.hoursUsed += hours;
    };
    for (const s of states.values()) review(s);
    for (const s of states.values()) {
      const own = lanes.filter((l) => l.pool === s && l.backlog > EPS);
      const waiting = own.reduce((a, l) => a + l.backlog, 0);
      if (waiting <= EPS || s.hoursLeft <= 0) continue;
      const items = Math.min(waiting, (s.hoursLeft * s.pool.labels_per_hour) / k);
      for (const lane of own) {
        const labelled = (items * lane.backlog) / waiting;
        lane.backlog -= labelled;
        const checked = lane.reviewers.length > 0 ? labelled * lane.reviewRate : 0;
        for (const { state, weight } of lane.reviewers) {
          const index = lanes.indexOf(lane);
          state.reviews.set(index, (state.reviews.get(index) ?? 0) + checked * weight);
        }
        lane.done += labelled - checked;
        lane.rightSum += (labelled - checked) * itemRight(lane);
        doneThisWeek += labelled - checked;
      }
      const hours = (items * k) / s.pool.labels_per_hour;
      s.labels += items * k;
      s.hoursLeft -= hours;
      s.hoursUsed += hours;
    }
    for (const s of states.values()) review(s);

    if (!pilotDone && pilotLanes.reduce((a, { lane }) => a + lane.done, 0) >= pilotTarget - EPS * Math.max(1, pilotTarget)) {
      pilotDone = true;
      for (const { lane } of streams.flatMap((st) => st.lanes)) if (lane.pool.start === null) lane.pool.start = week + 1;
    }
    cumulative += doneThisWeek;
    let paidShare = 1;
    if (cumulative >= total * (1 - EPS)) {
      // Pools work in parallel through the week: the plan is done when the busiest pool stops.
      paidShare = Math.max(0, ...[...states.values()].map((s) => (s.hoursAvailable > 0 ? (s.hoursAvailable - s.hoursLeft) / s.hoursAvailable : 0)));
      completion = week + paidShare;
    }
    for (const s of states.values()) {
      if (s.start !== null && s.start <= week) fixedWeeks.set(s, (fixedWeeks.get(s) ?? 0) + paidShare);
    }
    cumulativeDone.push(Math.min(cumulative, total));
  }

  const cost: Money = {};
  for (const s of states.values()) {
    const model = s.pool.cost;
    if (model.type === 'per_label') addTo(cost, model.currency, model.amount * (s.labels + s.reviewed));
    else if (model.type === 'per_hour') addTo(cost, model.currency, model.amount * s.hoursUsed);
    else addTo(cost, model.currency, ((model.amount * 12) / 52) * (fixedWeeks.get(s) ?? 0));
  }
  const done = lanes.reduce((a, l) => a + l.done, 0);
  const accuracy = done > 0 ? lanes.reduce((a, l) => a + l.rightSum, 0) / done : null;
  return { completionWeeks: completion, cost, accuracy, cumulativeDone };
}
