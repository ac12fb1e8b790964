/**
 * The advisor's rules: each reads one answer of the profile and says which way it pulls, how hard,
 * and why — the usual build-versus-outsource reasoning of annotation teams:
 * experts and critical cases stay close; confidential and regulated data never reach a crowd and go
 * out only to vetted vendors in the right region; volume, bursts and many languages call for
 * vendors; proofs of concept and active learning want short loops in-house first; subjective
 * questions want overlap, consensus and calibrated guidelines; a team that cannot manage
 * annotators should buy that management.
 */
import type { PresetName } from '../routing/policy.ts';
import { quantile } from '../metrics/stats.ts';
import type { ResolvedProfile } from './profile.ts';

export type Pull = 'in_house' | 'outsourced' | 'neutral';

export interface Risk {
  field: string;
  risk: string;
  mitigation: string;
}

export interface Signal {
  /** The profile field the signal reads, e.g. `volume_per_week`. */
  field: string;
  /** The answer, as read. */
  answer: string;
  pull: Pull;
  weight: number;
  /** This answer alone is a reason that must be met (not merely a better fit). */
  strong: boolean;
  /** The answer says part of the work belongs in-house and part can go out. */
  splits: boolean;
  says: string;
  votes: Partial<Record<PresetName, number>>;
  risks: Risk[];
}

type Rule = (p: ResolvedProfile) => Signal[];

const median = (values: readonly number[]): number => quantile(values, 0.5) ?? 0;

function signal(field: string, answer: string, pull: Pull, weight: number, says: string, extra: Partial<Signal> = {}): Signal {
  return { field, answer, pull, weight, strong: false, splits: false, says, votes: {}, risks: [], ...extra };
}

/** Weekly volume above which an in-house team has to be large to keep up. */
export const HIGH_VOLUME_PER_WEEK = 5000;
export const LOW_VOLUME_PER_WEEK = 1000;
/** Peak week over median week from which the curve is bursty. */
export const BURSTY_PEAK_RATIO = 3;

const stage: Rule = (p) => {
  switch (p.stage) {
    case 'poc':
      return [signal('stage', 'poc', 'in_house', 3, 'A proof of concept changes its taxonomy and guidelines from week to week: a small in-house team beside the engineers iterates fastest and builds the first gold set.', { strong: true, votes: { in_house_first_vendors_scale: 1 } })];
    case 'scaling':
      return [signal('stage', 'scaling', 'outsourced', 1, 'Scaling up: once the guidelines settle, the volume can go to vendors while in-house keeps the gold set and the edge cases.', { votes: { in_house_first_vendors_scale: 2 } })];
    case 'production':
      return [signal('stage', 'production', 'outsourced', 1, 'In production the guidelines are stable and the stream steady: vendors deliver it at a lower unit cost; an in-house review sample keeps them honest.', { votes: { vendors_label_in_house_reviews: 1 } })];
  }
};

const domain: Rule = (p) => {
  const what = p.domain.examples ? ` (${p.domain.examples})` : '';
  if (!p.domain.specialised) return [signal('domain.specialised', 'false', 'outsourced', 1, 'Generic data: vendors and crowds label it well after a short qualification test.')];
  return [
    signal('domain.specialised', 'true', 'in_house', 3, `A specialised domain${what} needs trained experts that generic vendors do not have: keep experts in-house, or use a specialist vendor.`, {
      strong: true,
      votes: { vendors_bulk_experts_hard: 2 },
      risks: [{ field: 'domain.specialised', risk: `Few vendors have qualified specialists${what}.`, mitigation: 'Qualify every outside annotator on gold items before they join, and keep experts on the hard cases.' }],
    }),
  ];
};

const criticalShare: Rule = (p) => {
  const c = p.critical_share;
  const pct = `${Math.round(c * 1000) / 10}%`;
  if (c >= 0.5) return [signal('critical_share', pct, 'in_house', 2, `${pct} of the items need experts: most of the work is expert work.`, { strong: true })];
  if (c > 0) {
    return [
      signal('critical_share', pct, 'in_house', 1, `${pct} of the items are edge cases or critical: route those to experts and the bulk elsewhere.`, {
        splits: true,
        votes: { vendors_bulk_experts_hard: c <= 0.2 ? 3 : 2 },
      }),
    ];
  }
  return [signal('critical_share', '0%', 'neutral', 0, 'No item needs an expert.')];
};

const judgement: Rule = (p) => {
  switch (p.judgement) {
    case 'objective':
      return [signal('judgement', 'objective', 'outsourced', 1, 'Questions with one right answer: gold items measure any workforce, so outside pools can be held to a number.')];
    case 'subjective':
      return [
        signal('judgement', 'subjective', 'in_house', 1, 'Subjective judgement needs overlap (3 annotators or more) and consensus, guidelines calibrated with worked examples, and someone close to the model owners who settles disagreements.', {
          votes: { vendors_label_in_house_reviews: 2 },
          risks: [{ field: 'judgement', risk: 'Low agreement looks like bad annotators when the guidelines are the problem.', mitigation: 'Measure chance-corrected agreement (Krippendorff’s alpha) on a calibration batch before scaling, and revise the guidelines first.' }],
        }),
      ];
    case 'mixed':
      return [
        signal('judgement', 'mixed', 'in_house', 1, 'Subjective categories on top of generic ones: the generic ones can go out; the subjective ones need overlap, consensus and in-house review against calibrated guidelines.', {
          splits: true,
          votes: { vendors_label_in_house_reviews: 3 },
        }),
      ];
  }
};

const sensitivity: Rule = (p) => {
  switch (p.sensitivity) {
    case 'public':
      return [signal('sensitivity', 'public', 'neutral', 0, 'Public data may go to any pool.')];
    case 'internal':
      return [signal('sensitivity', 'internal', 'neutral', 0, 'Internal data may go to vendors under a non-disclosure agreement, not to an open crowd.')];
    case 'confidential':
      return [
        signal('sensitivity', 'confidential', 'in_house', 2, 'Confidential data stays in-house or goes to a vetted vendor under contract, in the allowed region, with clearance set to confidential.', {
          strong: true,
          votes: { confidential_in_house: 2 },
          risks: [{ field: 'sensitivity', risk: 'Confidential data cannot go to a crowd pool.', mitigation: 'Give crowd pools a clearance below confidential; the hard limit then keeps such items from them whatever the policy says.' }],
        }),
      ];
    case 'restricted':
      return [
        signal('sensitivity', 'restricted', 'in_house', 4, 'Restricted data must not leave your own environment: in-house annotators only (or vendor staff working inside your environment under your control).', {
          strong: true,
          votes: { confidential_in_house: 1 },
          risks: [{ field: 'sensitivity', risk: 'Restricted data cannot go to a crowd or vendor pool.', mitigation: 'Only in-house pools get restricted clearance; audit every read of restricted items.' }],
        }),
      ];
  }
};

const REGULATION_NOTES: Record<string, string> = {
  gdpr: 'GDPR: personal data of EU residents goes only to pools in the EU/EEA (or covered by an adequacy decision or standard contractual clauses), under a data processing agreement; set the pools’ regions accordingly',
  hipaa: 'HIPAA: protected health information goes only to vendors that sign a business associate agreement; de-identify before labelling where the task allows',
  ccpa: 'CCPA: personal information of California residents needs a service-provider contract with each vendor',
  pci: 'PCI DSS: card data must be masked before any annotator sees it',
};

const regulations: Rule = (p) => {
  if (p.regulations.length === 0) return [];
  const names = p.regulations.map((r) => r.toLowerCase());
  const notes = names.map((r) => REGULATION_NOTES[r] ?? `${r.toUpperCase()}: only pools whose contracts cover ${r.toUpperCase()}`);
  return [
    signal('regulations', names.join(', '), 'in_house', 2, `Regulated data. ${notes.join('. ')}.`, {
      strong: true,
      votes: { confidential_in_house: 1 },
      risks: [{ field: 'regulations', risk: 'Regulated data cannot go to a crowd pool.', mitigation: 'Use only pools whose contracts and regions satisfy the regulation; keep the audit trail.' }],
    }),
  ];
};

const volume: Rule = (p) => {
  const weeks = p.volume_per_week;
  if (weeks === null) return [];
  const mean = weeks.reduce((s, v) => s + v, 0) / weeks.length;
  const peak = Math.max(...weeks);
  const typical = median(weeks);
  const signals: Signal[] = [];
  const round = (x: number) => Math.round(x).toLocaleString('en-US');
  if (typical > 0 && peak / typical >= BURSTY_PEAK_RATIO) {
    signals.push(
      signal('volume_per_week', `peak ${round(peak)}, median ${round(typical)}`, 'outsourced', 2, `The volume is bursty: the peak week is ${(peak / typical).toFixed(1)}× the median week. Vendors scale up and down with it; a team sized for the peak idles the other weeks.`, {
        strong: true,
        votes: { in_house_first_vendors_scale: 1 },
        risks: [{ field: 'volume_per_week', risk: 'A bursty volume curve outgrows a fixed team.', mitigation: 'Size the in-house team for the median week and contract vendor capacity for the peaks ahead of time (vendors need ramp-up weeks).' }],
      }),
    );
  }
  if (mean >= HIGH_VOLUME_PER_WEEK) {
    signals.push(signal('volume_per_week', `mean ${round(mean)}/week`, 'outsourced', 2, `High volume (${round(mean)} items a week on average): an in-house team that size is a department to hire and run; vendors have the people already.`, { strong: true }));
  } else if (mean < LOW_VOLUME_PER_WEEK) {
    signals.push(signal('volume_per_week', `mean ${round(mean)}/week`, 'in_house', 1, `Low volume (${round(mean)} items a week): a few in-house annotators keep up, and vendor set-up costs and minimums weigh more.`));
  } else {
    signals.push(signal('volume_per_week', `mean ${round(mean)}/week`, 'neutral', 0, `Moderate volume (${round(mean)} items a week): either workforce can carry it.`));
  }
  return signals;
};

const iteration: Rule = (p) =>
  p.iteration === 'active_learning'
    ? [
        signal('iteration', 'active_learning', 'in_house', 1, 'Active learning sends small batches of the most uncertain items every cycle: short loops favour in-house annotators, or a vendor with an API and a turnaround under a day.', {
          votes: { in_house_first_vendors_scale: 1 },
          risks: [{ field: 'iteration', risk: 'A vendor’s multi-day turnaround stalls each active-learning cycle.', mitigation: 'Agree a turnaround SLA per batch and order the queue by uncertainty.' }],
        }),
      ]
    : [signal('iteration', 'stable', 'outsourced', 1, 'One stable labelling pass: it can be planned as a batch and handed out.')];

const budget: Rule = (p) => {
  if (p.budget === 'variable') return [signal('budget', 'variable', 'outsourced', 1, 'A variable budget can pay per label and follow the volume.')];
  const bursty = p.volume_per_week !== null && median(p.volume_per_week) > 0 && Math.max(...p.volume_per_week) / median(p.volume_per_week) >= BURSTY_PEAK_RATIO;
  return [
    signal('budget', 'fixed', 'neutral', 0, 'A fixed budget wants a predictable cost: a fixed team (in-house, or a vendor team at a monthly fee) is easiest to keep inside it.', {
      risks: bursty ? [{ field: 'budget', risk: 'A fixed budget meets bursty volume: per-label spend spikes in the peak weeks.', mitigation: 'Cap the weekly volume sent out, or negotiate a monthly vendor fee with a burst allowance.' }] : [],
    }),
  ];
};

const team: Rule = (p) => [
  p.team.can_manage_annotators
    ? signal('team.can_manage_annotators', 'true', 'in_house', 1, 'Someone can hire, train and manage annotators: an in-house team is an option.')
    : signal('team.can_manage_annotators', 'false', 'outsourced', 3, 'Nobody can hire, train and manage annotators: a managed vendor team takes that work on.', { strong: true }),
  p.team.engineers_have_time
    ? signal('team.engineers_have_time', 'true', 'in_house', 1, 'Engineers have time to write guidelines, answer questions and review: an in-house loop is cheap to run.')
    : signal('team.engineers_have_time', 'false', 'outsourced', 1, 'Engineers have no time for annotation operations: a vendor’s project manager takes the questions and the tooling.'),
];

const languages: Rule = (p) => {
  const n = p.languages.length;
  if (n <= 1) return [signal('languages', p.languages.join(', ') || 'none', 'neutral', 0, 'One language: any team can cover it.')];
  return [
    signal('languages', p.languages.join(', '), 'outsourced', n >= 3 ? 2 : 1, `${n} languages: vendors field native speakers for many languages; an in-house team rarely does.`, {
      strong: n >= 3,
      risks: [{ field: 'languages', risk: `Not every pool covers ${p.languages.join(', ')}.`, mitigation: 'Check each vendor’s coverage per language; set pool languages so that language-bound items only reach pools that read them.' }],
    }),
  ];
};

export const ADVISOR_RULES: readonly Rule[] = [stage, domain, criticalShare, judgement, sensitivity, regulations, volume, iteration, budget, team, languages];

export function readSignals(profile: ResolvedProfile): Signal[] {
  return ADVISOR_RULES.flatMap((rule) => rule(profile));
}
