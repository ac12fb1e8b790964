/**
 * The demo's workforce: an in-house pool (annotators, an expert, cleared for everything), a vendor
 * (Acme Labeling, EU and India, cleared for internal data, paid per label) with its team lead, and a
 * crowd (public data only, paid per label); and the hybrid policies of the two demo projects.
 */
import type { Project } from '../core/projects.ts';
import { presetPolicy, type RoutingPolicy } from '../core/routing/policy.ts';
import type { Actor, Role } from '../core/users.ts';
import type { MemberRole } from '../core/work-contexts.ts';
import type { Pool } from '../core/workforce.ts';
import { addPoolMember, createPool } from '../services/manage-pools.ts';
import { addUser } from '../services/manage-users.ts';
import { hashPassword } from '../services/passwords.ts';
import { setRoutingPolicy } from '../services/routing/set-routing-policy.ts';
import type { Db } from '../store/database.ts';
import { findPoolByKey } from '../store/pools.ts';
import { findCredentials, updateUser } from '../store/users.ts';

export const DEMO_WORKFORCE_USERS: { email: string; name: string; role: Role; pool: string; poolRole: MemberRole }[] = [
  { email: 'annotator@demo.local', name: 'Ana Annotator', role: 'annotator', pool: 'in-house', poolRole: 'annotator' },
  { email: 'inhouse@demo.local', name: 'Ines In-house', role: 'annotator', pool: 'in-house', poolRole: 'annotator' },
  { email: 'expert@demo.local', name: 'Dr. Esther Expert', role: 'annotator', pool: 'in-house', poolRole: 'expert' },
  { email: 'vendor@demo.local', name: 'Vikram Vendor', role: 'annotator', pool: 'acme', poolRole: 'annotator' },
  { email: 'vendor-manager@demo.local', name: 'Vera Vendor-Manager', role: 'annotator', pool: 'acme', poolRole: 'manager' },
  { email: 'crowd@demo.local', name: 'Chris Crowd', role: 'annotator', pool: 'crowd', poolRole: 'annotator' },
];

const SYSTEM: Actor = { user: { id: 0, email: 'demo@atelier', name: 'demo', role: 'admin', disabled: false, createdAt: new Date(0) }, via: 'system', scopes: null };

const POOLS: Omit<Pool, 'id'>[] = [
  {
    key: 'in-house',
    name: 'In-house team',
    kind: 'in_house',
    vendor: null,
    costModel: { type: 'fixed_monthly', amount: 14_000, currency: 'EUR' },
    regions: ['*'],
    clearance: 'restricted',
    skills: ['radiology', 'legal'],
    languages: ['*'],
    capacityHoursPerWeek: 120,
    timeZone: 'Europe/Paris',
    sla: { turnaroundHours: 48, minGoldAccuracy: 0.95 },
  },
  {
    key: 'acme',
    name: 'Acme Labeling',
    kind: 'vendor',
    vendor: 'Acme Labeling Ltd',
    costModel: { type: 'per_label', amount: 0.06, currency: 'EUR' },
    regions: ['eu', 'in'],
    clearance: 'internal',
    skills: ['autonomous-driving'],
    languages: ['en', 'fr'],
    capacityHoursPerWeek: 800,
    timeZone: 'Asia/Kolkata',
    sla: { turnaroundHours: 24, minGoldAccuracy: 0.9 },
  },
  {
    key: 'crowd',
    name: 'Open crowd',
    kind: 'crowd',
    vendor: null,
    costModel: { type: 'per_label', amount: 0.015, currency: 'USD' },
    regions: ['*'],
    clearance: 'public',
    skills: [],
    languages: ['en'],
    capacityHoursPerWeek: null,
    timeZone: null,
    sla: { minGoldAccuracy: 0.8 },
  },
];

/** Pools and workforce users; passwords set again on every start (the printed ones are true). */
export async function ensureDemoWorkforce(tx: Db, password: string): Promise<void> {
  for (const pool of POOLS) if (!(await findPoolByKey(tx, pool.key))) await createPool(tx, SYSTEM, pool);
  for (const u of DEMO_WORKFORCE_USERS) {
    const found = await findCredentials(tx, u.email);
    if (found) await updateUser(tx, found.user.id, { passwordHash: await hashPassword(password), disabled: false });
    else await addUser(tx, { email: u.email, name: u.name, role: u.role, password });
    const pool = (await findPoolByKey(tx, u.pool))!;
    await addPoolMember(tx, SYSTEM, pool.id, { email: u.email, role: u.poolRole });
  }
}

/**
 * Street scenes: vendors in bulk, unsure detections and edge cases to the in-house expert, and a
 * pilot batch labelled twice in-house first, to measure agreement on the boxes before scaling.
 */
const scenesPreset = presetPolicy('vendors_bulk_experts_hard', { inHouse: ['in-house'], experts: ['in-house'], vendors: ['acme'], crowd: ['crowd'] }, { confidenceBelow: 0.6 });
export const SCENES_POLICY: RoutingPolicy = {
  ...scenesPreset,
  rules: [
    // Before the preset's last rule, its catch-all (first match wins).
    ...scenesPreset.rules.slice(0, -1),
    { name: 'pilot batch twice in-house', when: { pilotFirst: 40 }, to: [{ pool: 'in-house', weight: 1 }], overlap: 2 },
    ...scenesPreset.rules.slice(-1),
  ],
};

/** News: confidential stays in-house; public sentences to the crowd as well as the vendor. */
export const NEWS_POLICY: RoutingPolicy = {
  preset: 'confidential_in_house',
  rules: [
    { name: 'confidential stays in-house', when: { sensitivityAtLeast: 'confidential' }, to: [{ pool: 'in-house', weight: 1 }] },
    { name: 'public to crowd and vendor', when: { sensitivity: ['public'] }, to: [{ pool: 'crowd', weight: 1 }, { pool: 'acme', weight: 1 }] },
    { name: 'the rest to the vendor', when: {}, to: [{ pool: 'acme', weight: 3 }, { pool: 'in-house', weight: 1 }] },
  ],
};

export async function applyDemoPolicy(tx: Db, project: Project, policy: RoutingPolicy): Promise<void> {
  await setRoutingPolicy(tx, { actor: SYSTEM, project, policy, note: 'demo hybrid policy' });
}
