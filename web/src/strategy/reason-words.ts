/**
 * The advisor's reasons in the words of the profile form: each answer as a sentence ("You are
 * scaling up", "The data needs no domain experts"), then why it leans one way. The advisor's own
 * sentence opens by restating the answer ("Scaling up: …", "Assuming … (not answered): …"); shown
 * after the answer sentence that reads twice, so the restating opening is left out here.
 */
import type { Assumption } from '../../../src/core/strategy/profile.ts';
import type { Reason } from '../api/analytics-types.ts';

const YES = (answer: string) => answer === 'true' || answer === 'yes';

const ANSWERS: Record<string, (answer: string) => string> = {
  stage: (a) => ({ poc: 'You are at the proof-of-concept stage', scaling: 'You are scaling up', production: 'The project is in production' })[a] ?? `The project is at the ${a} stage`,
  'domain.specialised': (a) => (YES(a) ? 'The data needs domain experts' : 'The data needs no domain experts'),
  judgement: (a) => ({ objective: 'The labels are objective', subjective: 'The labels are a matter of judgement', mixed: 'Some labels are objective, some a matter of judgement' })[a] ?? `The labels are ${a}`,
  critical_share: (a) => (a === '0%' ? 'No item is an edge case or critical' : `${a} of the items are edge cases or critical`),
  sensitivity: (a) => `The most sensitive data is ${a}`,
  regulations: (a) => `The data falls under ${a.split(', ').map((r) => r.toUpperCase()).join(', ')}`,
  volume_per_week: (a) => `Items per week: ${a}`,
  iteration: (a) => (a === 'active_learning' ? 'The items are labelled in an active-learning loop' : 'The items are labelled in one pass'),
  budget: (a) => `The budget is ${a}`,
  'team.can_manage_annotators': (a) => (YES(a) ? 'Someone can hire and manage annotators' : 'Nobody can hire and manage annotators'),
  'team.engineers_have_time': (a) => (YES(a) ? 'Engineers have time to label' : 'Engineers have no time to label'),
  languages: (a) => (a === 'none' || a === '' ? 'No language was named' : `The data is in ${a}`),
};

/** Openings of the advisor's sentences that only restate the answer the line already gives. */
const RESTATING = [
  /^Assuming .*? \(not answered\): /,
  /^Scaling up: /i,
  /^Generic data: /i,
  /^Questions with one right answer: /i,
  /^One stable labelling pass: /i,
  /^(Someone|Nobody) can hire, train and manage annotators: /i,
  /^[\d.]+% of the items (are edge cases or critical|need experts): /i,
  /^One language: /i,
  /^\d+ languages: /i,
];

/** The answer a reason rests on, as a sentence in the form's words. */
export function answerSentence(field: string, answer: string): string {
  return ANSWERS[field]?.(answer) ?? `${field}: ${answer}`;
}

/** Why the answer leans the way it does, without the opening that restates the answer. */
export function reasonExplanation(says: string): { text: string; continues: boolean } {
  let text = says;
  let continues = false;
  for (const pattern of RESTATING) {
    const m = pattern.exec(text);
    if (m) {
      text = text.slice(m[0].length);
      continues = true;
    }
  }
  return { text, continues };
}

/** "You are scaling up: once the guidelines settle, …", or two sentences when nothing was left out. */
export function reasonLine(reason: Pick<Reason, 'field' | 'answer' | 'says'>): { answer: string; rest: string } {
  const answer = answerSentence(reason.field, reason.answer);
  const { text, continues } = reasonExplanation(reason.says);
  if (continues) return { answer, rest: `: ${/^[A-Z][a-z]/.test(text) && !/^English\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text}` };
  return { answer, rest: `. ${text}` };
}

/** An assumption and why it was made; the why is left out when it only says the assumption again. */
export function assumptionLine(a: Pick<Assumption, 'assuming' | 'why'>): string {
  const same = a.why.trim().toLowerCase() === a.assuming.trim().toLowerCase();
  return same ? `assuming ${a.assuming}` : `assuming ${a.assuming} (${a.why})`;
}
