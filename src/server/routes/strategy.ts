/**
 * The strategy advisor and simulator of core/strategy over HTTP, for project managers. The bodies
 * are the advisor's profile and the simulator's plan, validated by the core's own schemas; with
 * `?project=ID` the simulator takes the pools' figures from that project's history where it has
 * enough (services/analytics/pool-figures.ts) and says which figure came from where.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adviseFromInput } from '../../core/strategy/advisor.ts';
import { parsePlan, planSchema } from '../../core/strategy/plan.ts';
import { profileSchema } from '../../core/strategy/profile.ts';
import { DEFAULT_RUNS, simulate } from '../../core/strategy/simulator.ts';
import type { Actor } from '../../core/users.ts';
import { poolFiguresForSimulation } from '../../services/analytics/pool-figures.ts';
import { analyticsAccess } from '../../services/analytics/scope.ts';
import { requireCapability } from '../../services/authenticate.ts';
import { ErrorBody, Id } from '../api-schemas.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

/** A simulation runs in the request: the cap keeps one call to a few seconds of the server's time. */
export const API_MAX_RUNS = 5000;

const AdviceDto = z
  .looseObject({
    recommendation: z.enum(['in_house', 'outsourced', 'hybrid']),
    pattern: z.string().nullable(),
    patternDescription: z.string().nullable(),
    scores: z.object({ in_house: z.number(), outsourced: z.number() }),
    reasons: z.array(z.looseObject({ field: z.string(), answer: z.string(), leans: z.string(), weight: z.number(), assumed: z.boolean(), says: z.string() })),
    risks: z.array(z.looseObject({})),
    assumptions: z.array(z.looseObject({ field: z.string(), assumed: z.string(), assuming: z.string(), why: z.string() })),
    crowdAllowed: z.boolean(),
    pools: z.array(z.looseObject({})),
    policy: z.looseObject({}),
    profile: z.looseObject({}),
  })
  .meta({ id: 'Advice', description: 'The recommendation (in-house, outsourced or hybrid with its routing preset), the reasons tied to the answers, risks, assumptions for unanswered questions, and a routing policy ready to apply (see `atelier strategy advise --json`).' });

const Interval = z.object({ runs: z.number(), mean: z.number(), sd: z.number(), p5: z.number(), p50: z.number(), p95: z.number(), meanLow: z.number(), meanHigh: z.number() });
const SimulationDto = z
  .looseObject({
    runs: z.number(),
    seed: z.number(),
    start: z.string(),
    totalVolume: z.number(),
    assumptions: z.array(z.object({ field: z.string(), assumed: z.number() })),
    mixes: z.array(
      z.looseObject({
        name: z.string(),
        kind: z.string(),
        finishedShare: z.number(),
        completionWeeks: Interval.nullable(),
        completionDate: z.object({ mean: z.string(), p5: z.string(), p50: z.string(), p95: z.string() }).nullable(),
        cost: z.record(z.string(), Interval),
        accuracy: Interval.nullable(),
        chart: z.array(z.object({ week: z.number(), p5: z.number(), p50: z.number(), p95: z.number() })),
      }),
    ),
    figures: z
      .array(z.object({ key: z.string(), sources: z.record(z.string(), z.string()), history: z.looseObject({}).nullable() }))
      .optional()
      .describe('with ?project: where each pool’s figures came from (measured in the project, the pool’s settings, or entered)'),
  })
  .meta({ id: 'Simulation', description: 'Per candidate mix: completion (weeks and dates), cost per currency and expected label accuracy as mean, p5–p95 over runs and the 95% interval of the mean; `chart`: items done by each week (p5, p50, p95).' });

/**
 * The DTOs document the main fields and let the rest through unchanged (loose objects); the core's
 * types are the truth, and TypeScript cannot see that an interface fits an index signature.
 */
const asDto = <S extends z.ZodType>(_schema: S, value: unknown): z.output<S> => value as z.output<S>;

function requireStrategist(actor: Actor): void {
  requireCapability(actor, 'manage_projects', 'the strategy advisor and simulator are for project managers');
}

export async function strategyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  r.post(
    '/api/v1/strategy/advise',
    {
      schema: {
        tags: ['strategy'],
        summary: 'Recommend in-house, outsourced or hybrid labelling for a project profile, with a routing policy',
        body: profileSchema,
        response: { 200: AdviceDto, 400: ErrorBody, 403: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      requireStrategist(actorOf(request));
      return asDto(AdviceDto, adviseFromInput(request.body));
    },
  );

  r.post(
    '/api/v1/strategy/simulate',
    {
      schema: {
        tags: ['strategy'],
        summary: 'Project cost, completion date and label accuracy of candidate workforce mixes by Monte Carlo',
        description: `The body is the plan (see \`atelier strategy simulate\`). \`runs\` (default ${DEFAULT_RUNS}, at most ${API_MAX_RUNS}) and \`seed\` (the same seed gives the same answer). With \`project\`, each plan pool whose key is an Atelier pool takes its measured throughput, gold accuracy and review share from that project’s history where it has enough, and its cost model from the pool.`,
        querystring: z.object({
          runs: z.coerce.number().int().min(1).max(API_MAX_RUNS).default(DEFAULT_RUNS),
          seed: z.coerce.number().int().default(1),
          project: Id.optional(),
        }),
        body: planSchema,
        response: { 200: SimulationDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireStrategist(actor);
      const { runs, seed, project } = request.query;
      // parsePlan checks what the schema cannot (unique pool keys, mixes naming known pools).
      let plan = parsePlan(request.body);
      if (project === undefined) return asDto(SimulationDto, simulate(plan, { runs, seed }));
      const access = await analyticsAccess(db, actor, project);
      const figures = await poolFiguresForSimulation(db, access.project.id, plan);
      plan = figures.plan;
      return asDto(SimulationDto, { ...simulate(plan, { runs, seed }), figures: figures.pools });
    },
  );
}
