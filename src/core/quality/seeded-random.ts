/**
 * A seeded pseudo-random source. Core algorithms never call Math.random(): a caller that wants
 * random tie-breaking or random restarts passes one of these, so every run can be replayed.
 */
export type Random = () => number;

/** mulberry32: 32-bit state, fast, good enough for tie-breaking and initialisation. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
