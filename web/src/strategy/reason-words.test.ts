import assert from 'node:assert/strict';
import { it } from 'node:test';
import { advise } from '../../../src/core/strategy/advisor.ts';
import { answerSentence, assumptionLine, reasonLine } from './reason-words.ts';

it('says each answer as a sentence in the form\'s words, not as a raw value', () => {
  assert.equal(answerSentence('stage', 'scaling'), 'You are scaling up');
  assert.equal(answerSentence('domain.specialised', 'false'), 'The data needs no domain experts');
  assert.equal(answerSentence('iteration', 'stable'), 'The items are labelled in one pass');
  assert.equal(answerSentence('team.can_manage_annotators', 'true'), 'Someone can hire and manage annotators');
  assert.equal(answerSentence('regulations', 'gdpr, hipaa'), 'The data falls under GDPR, HIPAA');
});

it('reads every reason of the advisor without "=", raw values or the answer said twice', () => {
  for (const profile of [{}, { stage: 'scaling' as const, domain: { specialised: false }, iteration: 'stable' as const, team: { can_manage_annotators: true, engineers_have_time: false } }, { stage: 'poc' as const, languages: ['en', 'fr', 'de'] }]) {
    for (const r of advise(profile).reasons) {
      const { answer, rest } = reasonLine(r);
      const line = `${answer}${rest}`;
      assert.doesNotMatch(line, / = |\b(true|false|scaling|stable)\b(?! up)/, line);
      assert.doesNotMatch(line, /\(not answered\)/, 'the line marks an assumption with its badge');
      // No opening clause repeats after the answer sentence.
      const words = answer.toLowerCase().split(' ').slice(-3).join(' ');
      assert.equal(line.toLowerCase().indexOf(words, answer.length), -1, line);
    }
  }
  const scaling = advise({ stage: 'scaling' }).reasons.find((r) => r.field === 'stage')!;
  const line = reasonLine(scaling);
  assert.equal(`${line.answer}${line.rest}`, 'You are scaling up: once the guidelines settle, the volume can go to vendors while in-house keeps the gold set and the edge cases.');
});

it('gives each assumption once, with a why that is not the assumption again', () => {
  for (const a of advise({}).assumptions) {
    assert.notEqual(a.why.toLowerCase(), a.assuming.toLowerCase(), a.field);
    assert.doesNotMatch(assumptionLine(a), /(.{20,})\s*\(\1\)/, a.field);
  }
  assert.equal(assumptionLine({ assuming: 'x can y', why: 'X can y' }), 'assuming x can y');
});
