/** Every benchmark scenario, by name. */
import { aggregationScenario } from './scenarios/aggregation.ts';
import { analyticsScenario } from './scenarios/analytics.ts';
import { queuesScenario } from './scenarios/queues.ts';
import { boxFusionScenario } from './scenarios/box-fusion.ts';
import { claimSubmitScenario } from './scenarios/claim-submit.ts';
import { exportScenario } from './scenarios/export.ts';
import { importScenario } from './scenarios/import.ts';
import { importAnnotationsScenario } from './scenarios/import-annotations.ts';
import { importLoadScenario } from './scenarios/import-load.ts';
import { nextLatencyScenario } from './scenarios/next-latency.ts';
import { redactScenario } from './scenarios/redact.ts';
import { uiNextScenario } from './scenarios/ui-next.ts';
import type { BenchScenario } from './types.ts';

export const SCENARIOS: BenchScenario[] = [claimSubmitScenario, nextLatencyScenario, importScenario, importAnnotationsScenario, importLoadScenario, exportScenario, redactScenario, aggregationScenario, boxFusionScenario, uiNextScenario, analyticsScenario, queuesScenario];
