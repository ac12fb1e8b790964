/**
 * The strategy advisor: from a project profile to a recommendation — in-house, outsourced or
 * hybrid (with the routing preset that fits) — with the reasons tied to the answers, the risks,
 * the assumptions made for unanswered questions, and a routing policy ready to apply.
 *
 * How the rules' signals decide (rules in advisor-rules.ts):
 * 1. restricted data stays in-house, whatever else;
 * 2. hybrid when the work splits (a minority of critical items, subjective questions among generic
 *    ones) and something pushes work out (a strong outsourcing reason, or more weight outwards), or
 *    when there are strong reasons both ways (experts needed, but nobody to manage a team);
 * 3. otherwise the side with more weight; a tie goes to hybrid.
 * The hybrid pattern is the preset with most votes from the signals.
 */
import { PRESET_DESCRIPTIONS, type PresetName, type RoutingPolicy } from '../routing/policy.ts';
import { advisedPolicy, type PlaceholderPool, type Recommendation } from './advisor-policy.ts';
import { type Risk, readSignals, type Signal } from './advisor-rules.ts';
import { type Assumption, parseProfile, type Profile, type ResolvedProfile, resolveProfile } from './profile.ts';

export interface Reason {
  field: string;
  answer: string;
  leans: Recommendation | 'neutral';
  weight: number;
  /** The answer was not given: the reason rests on an assumption, and `says` says so. */
  assumed: boolean;
  says: string;
}

export interface Advice {
  recommendation: Recommendation;
  /** The hybrid pattern (a routing preset) when the recommendation is hybrid. */
  pattern: PresetName | null;
  patternDescription: string | null;
  scores: { in_house: number; outsourced: number };
  reasons: Reason[];
  risks: Risk[];
  assumptions: Assumption[];
  /** Whether a crowd pool may take any of this work at all. */
  crowdAllowed: boolean;
  /** The placeholder pool keys the policy uses, and what to replace them with. */
  pools: PlaceholderPool[];
  policy: RoutingPolicy;
  profile: ResolvedProfile;
}

/** Validates raw input and advises; invalid input throws `validation_failed` naming the field. */
export function adviseFromInput(input: unknown): Advice {
  return advise(parseProfile(input));
}

export function advise(answers: Profile): Advice {
  const { profile, assumptions } = resolveProfile(answers);
  const signals = readSignals(profile);
  const score = (pull: Signal['pull']) => signals.filter((s) => s.pull === pull).reduce((sum, s) => sum + s.weight, 0);
  const scores = { in_house: score('in_house'), outsourced: score('outsourced') };
  const recommendation = decide(profile, signals, scores);
  const pattern = recommendation === 'hybrid' ? choosePattern(signals) : null;
  const { policy, pools } = advisedPolicy(recommendation, pattern, profile);
  return {
    recommendation,
    pattern,
    patternDescription: pattern ? PRESET_DESCRIPTIONS[pattern] : null,
    scores,
    reasons: signals.map((s) => {
      const assumed = assumptions.find((a) => a.field === s.field);
      return { field: s.field, answer: s.answer, leans: s.splits ? 'hybrid' : s.pull, weight: s.weight, assumed: assumed !== undefined, says: assumed ? assumingThat(assumed, s.says) : s.says };
    }),
    risks: [...signals.flatMap((s) => s.risks), ...conflicts(recommendation, profile)].map((r) => {
      const assumed = assumptions.find((a) => a.field === r.field);
      return assumed ? { ...r, risk: assumingThat(assumed, r.risk) } : r;
    }),
    assumptions,
    crowdAllowed: crowdAllowed(profile),
    pools,
    policy,
    profile,
  };
}

/** A sentence that rests on an unanswered question, saying so. */
function assumingThat(assumption: Assumption, sentence: string): string {
  // "Generic data: …" reads on after the colon in lower case; a name or an acronym keeps its capital.
  const rest = /^[A-Z][a-z]/.test(sentence) && !/^English\b/.test(sentence) ? `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence;
  return `Assuming ${assumption.assuming} (not answered): ${rest}`;
}

function decide(profile: ResolvedProfile, signals: Signal[], scores: Advice['scores']): Recommendation {
  if (profile.sensitivity === 'restricted') return 'in_house';
  const splits = signals.some((s) => s.splits);
  const strongOut = signals.some((s) => s.strong && s.pull === 'outsourced');
  const strongIn = signals.some((s) => s.strong && s.pull === 'in_house');
  if (splits && (strongOut || scores.outsourced >= scores.in_house)) return 'hybrid';
  if (strongIn && strongOut) return 'hybrid';
  if (scores.in_house === scores.outsourced) return 'hybrid';
  return scores.in_house > scores.outsourced ? 'in_house' : 'outsourced';
}

/** Ties go to the order of the presets as the design lists them. */
const PRESET_ORDER: readonly PresetName[] = ['vendors_bulk_experts_hard', 'confidential_in_house', 'vendors_label_in_house_reviews', 'in_house_first_vendors_scale'];

function choosePattern(signals: Signal[]): PresetName {
  const votes = new Map<PresetName, number>(PRESET_ORDER.map((p) => [p, 0]));
  for (const s of signals) for (const [preset, n] of Object.entries(s.votes) as [PresetName, number][]) votes.set(preset, (votes.get(preset) ?? 0) + n);
  let best: PresetName = 'in_house_first_vendors_scale';
  let most = 0;
  for (const preset of PRESET_ORDER) {
    const n = votes.get(preset) ?? 0;
    if (n > most) [best, most] = [preset, n];
  }
  return best;
}

function crowdAllowed(p: ResolvedProfile): boolean {
  return p.sensitivity === 'public' && p.regulations.length === 0 && !p.domain.specialised && p.judgement !== 'subjective';
}

/** Risks that come from the recommendation going against an answer. */
function conflicts(recommendation: Recommendation, p: ResolvedProfile): Risk[] {
  const risks: Risk[] = [];
  if (recommendation !== 'outsourced' && !p.team.can_manage_annotators) {
    risks.push({ field: 'team.can_manage_annotators', risk: 'The in-house part needs someone to coordinate it, and nobody can manage annotators.', mitigation: 'Name one owner for the in-house experts and their queue, or contract a managed specialist vendor.' });
  }
  if (recommendation === 'outsourced' && p.domain.specialised) {
    risks.push({ field: 'domain.specialised', risk: 'Outsourcing a specialised domain depends on the vendor’s experts.', mitigation: 'Choose a specialist vendor and hold it to accuracy on expert-made gold items.' });
  }
  if (recommendation === 'outsourced' && p.stage === 'poc') {
    risks.push({ field: 'stage', risk: 'Guidelines still change weekly; every change costs a vendor re-training round.', mitigation: 'Keep a small in-house pilot until the guidelines stop moving.' });
  }
  return risks;
}
