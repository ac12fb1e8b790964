import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SENSITIVITIES, type Sensitivity } from '../workforce.ts';
import { presetPolicy, type RoutingPolicy } from './policy.ts';
import { assignSlots, mayPoolSee, type RoutableItem, type RoutablePool, routeItem } from './route-item.ts';

const pools: RoutablePool[] = [
  { id: 1, key: 'in-house', kind: 'in_house', clearance: 'restricted', regions: ['*'], languages: ['*'] },
  { id: 2, key: 'acme', kind: 'vendor', clearance: 'internal', regions: ['eu', 'in'], languages: ['en', 'fr'] },
  { id: 3, key: 'crowd', kind: 'crowd', clearance: 'public', regions: ['us', 'eu', 'in'], languages: ['en'] },
];
const byKey = new Map(pools.map((p) => [p.key, p]));
const presetPools = { inHouse: ['in-house'], experts: ['in-house'], vendors: ['acme'], crowd: ['crowd'] };

function item(overrides: Partial<RoutableItem> = {}): RoutableItem {
  return { sensitivity: 'internal', region: 'eu', language: 'en', tags: [], edgeCase: false, confidence: 0.9, position: 500, ...overrides };
}

describe('routing presets', () => {
  it('vendors in bulk, experts on the hard cases', () => {
    const policy = presetPolicy('vendors_bulk_experts_hard', presetPools, { confidenceBelow: 0.6 });
    const bulk = routeItem(policy, item(), byKey, 1);
    assert.equal(bulk.rule, 'bulk to vendors');
    assert.deepEqual(bulk.targets.map((t) => t.poolKey), ['acme']);
    const edge = routeItem(policy, item({ edgeCase: true }), byKey, 1);
    assert.deepEqual([edge.rule, edge.targets[0]!.role, edge.priority], ['edge cases to experts', 'expert', 10]);
    const unsure = routeItem(policy, item({ confidence: 0.2 }), byKey, 1);
    assert.deepEqual([unsure.rule, unsure.targets[0]!.poolKey, unsure.priority], ['low confidence to experts', 'in-house', 80]);
    assert.ok(routeItem(policy, item({ confidence: 0.5 }), byKey, 1).priority < unsure.priority, 'least confident first');
  });

  it('confidential stays in-house', () => {
    const policy = presetPolicy('confidential_in_house', presetPools);
    for (const s of SENSITIVITIES) {
      const decision = routeItem(policy, item({ sensitivity: s }), byKey, 1);
      assert.deepEqual(decision.targets.map((t) => t.poolKey), s === 'confidential' || s === 'restricted' ? ['in-house'] : ['acme'], s);
    }
  });

  it('vendors label, in-house reviews a sample', () => {
    const policy = presetPolicy('vendors_label_in_house_reviews', presetPools, { reviewSample: 0.1 });
    assert.deepEqual(routeItem(policy, item(), byKey, 1).targets.map((t) => t.poolKey), ['acme']);
    assert.deepEqual([policy.rules[0]!.reviewSample, policy.rules[0]!.reviewBy], [0.1, ['in-house']]);
  });

  it('in-house first, vendors to scale', () => {
    const policy = presetPolicy('in_house_first_vendors_scale', presetPools, { pilotItems: 100 });
    assert.deepEqual(routeItem(policy, item({ position: 99 }), byKey, 1).targets.map((t) => t.poolKey), ['in-house']);
    assert.deepEqual(routeItem(policy, item({ position: 100 }), byKey, 1).targets.map((t) => t.poolKey), ['acme']);
  });

  it('falls through when the hard limits leave a rule no pool, and says why', () => {
    const policy: RoutingPolicy = { rules: [{ name: 'all to crowd', when: {}, to: [{ pool: 'crowd', weight: 1 }] }, { name: 'rest in-house', when: {}, to: [{ pool: 'in-house', weight: 1 }] }] };
    const decision = routeItem(policy, item({ sensitivity: 'confidential' }), byKey, 1);
    assert.equal(decision.rule, 'rest in-house');
    assert.match(decision.trace[0]!.notes.join(' '), /crowd may not see it \(clearance: item is confidential, pool cleared for public\)/);
    const nowhere = routeItem({ rules: [policy.rules[0]!] }, item({ region: 'us', language: 'fr' }), byKey, 2);
    assert.deepEqual([nowhere.rule, nowhere.targets, nowhere.overlap], [null, [], 2]);
  });
});

describe('assignSlots', () => {
  it('splits volume by weight across many items, the same way every time', () => {
    const targets = [
      { poolId: 2, poolKey: 'acme', weight: 3, role: null },
      { poolId: 3, poolKey: 'crowd', weight: 1, role: null },
    ];
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const t of assignSlots(targets, 1, i)) counts.set(t.poolKey, (counts.get(t.poolKey) ?? 0) + 1);
    assert.ok(Math.abs(counts.get('acme')! / 4000 - 0.75) < 0.02, `acme share ${counts.get('acme')! / 4000}`);
    assert.deepEqual(assignSlots(targets, 3, 42), assignSlots(targets, 3, 42));
  });
});

const sensitivity = fc.constantFrom<Sensitivity>(...SENSITIVITIES);
const region = fc.constantFrom('eu', 'us', 'in', 'uk');
const language = fc.constantFrom('en', 'fr', 'de', 'hi');
const arbPool = (id: number) =>
  fc.record({
    id: fc.constant(id),
    key: fc.constant(`p${id}`),
    kind: fc.constantFrom('in_house' as const, 'vendor' as const, 'crowd' as const),
    clearance: sensitivity,
    regions: fc.oneof(fc.constant(['*']), fc.subarray(['eu', 'us', 'in', 'uk'])),
    languages: fc.oneof(fc.constant(['*']), fc.subarray(['en', 'fr', 'de', 'hi'])),
  });
const arbItem: fc.Arbitrary<RoutableItem> = fc.record({
  sensitivity,
  region: fc.option(region, { nil: null }),
  language: fc.option(language, { nil: null }),
  tags: fc.subarray(['x', 'y']),
  edgeCase: fc.boolean(),
  confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  position: fc.nat(1000),
});
const arbPolicy: fc.Arbitrary<RoutingPolicy> = fc.record({
  rules: fc.array(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 5 }),
      when: fc.record({ edgeCase: fc.boolean(), sensitivity: fc.subarray([...SENSITIVITIES], { minLength: 1 }) }, { requiredKeys: [] }),
      to: fc.array(fc.record({ pool: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'ghost'), weight: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 4 }),
    }),
    { maxLength: 6 },
  ),
});

describe('hard limits', () => {
  it('no policy sends an item to a pool that may not see it (property)', () => {
    fc.assert(
      fc.property(fc.tuple(arbPool(1), arbPool(2), arbPool(3), arbPool(4)), arbPolicy, arbItem, (ps, policy, it) => {
        const map = new Map(ps.map((p) => [p.key, p]));
        const decision = routeItem(policy, it, map, 2);
        for (const target of decision.targets) {
          const pool = ps.find((p) => p.id === target.poolId)!;
          assert.equal(mayPoolSee(pool, it), null, `${pool.key} got an item it may not see`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
