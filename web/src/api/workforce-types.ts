/**
 * Pools, members and routing as the API sends and takes them: from the server's zod schemas where
 * they are exported, typed copies (same names as the server's) where the route writes them inline.
 */
import type { z } from 'zod';
import type { CostModelSchema, MemberDto, MemberRoleSchema, PoolDto, PoolInput } from '../../../src/server/workforce-schemas.ts';
import type { RoutingPolicySchema, RuleConditionSchema } from '../../../src/core/routing/policy-schema.ts';
import type { Sensitivity } from './types.ts';

export type Pool = z.infer<typeof PoolDto>;
export type PoolInputBody = z.input<typeof PoolInput>;
export type CostModel = z.infer<typeof CostModelSchema>;
export type PoolKind = Pool['kind'];
export type Member = z.infer<typeof MemberDto>;
export type MemberRole = z.infer<typeof MemberRoleSchema>;
export type RoutingPolicy = z.infer<typeof RoutingPolicySchema>;
export type RoutingRule = RoutingPolicy['rules'][number];
export type RuleCondition = z.infer<typeof RuleConditionSchema>;
export type PoolTarget = RoutingRule['to'][number];

/** `GET /api/v1/pools/:id/queue` (inline in routes/pools.ts). */
export interface PoolQueue {
  projects: { projectId: number; projectName: string; queued: number; leased: number; done: number; expertQueued: number }[];
  /** Who made something in the pool in the last 7 days: members past and present. */
  members: { userId: number; name: string; annotations: number; activeHours: number }[];
}

export type PresetName = 'vendors_bulk_experts_hard' | 'confidential_in_house' | 'vendors_label_in_house_reviews' | 'in_house_first_vendors_scale';
export interface Preset {
  name: PresetName;
  description: string;
}

/** The body of `PUT /api/v1/projects/:id/routing` and of its dry run (PolicyBody in routes/routing.ts). */
export type PolicyBody =
  | { policy: RoutingPolicy; note?: string }
  | {
      preset: PresetName;
      pools: { inHouse: string[]; experts: string[]; vendors: string[]; crowd: string[] };
      options: { confidenceBelow?: number; pilotItems?: number; reviewSample?: number };
      note?: string;
    };

export interface RoutingState {
  current: { version: number; policy: RoutingPolicy; note: string; createdAt: string } | null;
  versions: { version: number; note: string; createdAt: string }[];
}

/** RerouteDto in routes/routing.ts. */
export interface Reroute {
  version: number;
  items: number;
  tasksUpdated: number;
  tasksAdded: number;
  tasksCancelled: number;
}

export interface DryRun {
  items: number;
  unrouted: number;
  byPool: { pool: string; items: number; taskSlots: number; expertSlots: number }[];
  byRule: { rule: string; items: number }[];
}

/**
 * `GET /api/v1/items/:id/route` (RouteExplanation of services/routing/explain-route.ts; the route
 * declares its answer as unknown).
 */
export interface RouteExplanation {
  itemId: number;
  policyVersion: number | null;
  item: { sensitivity: Sensitivity; region: string | null; language: string | null; tags: string[]; edgeCase: boolean; confidence: number | null; position: number };
  decision: {
    rule: string | null;
    targets: { poolId: number; poolKey: string; weight: number; role: 'expert' | null }[];
    overlap: number;
    priority: number;
    trace: { rule: string; matched: boolean; notes: string[] }[];
  };
  tasks: { taskId: number; slot: number; status: string; poolId: number | null; poolKey: string | null; memberRole: string | null; priority: number; routedBy: string | null; assigneeId: number | null; stage: string }[];
}

/** The body of `PATCH /api/v1/items/:id`. */
export interface ItemAttributes {
  sensitivity?: Sensitivity;
  region?: string | null;
  language?: string | null;
  tags?: string[];
  edgeCase?: boolean;
  modelConfidence?: number | null;
}
