import assert from 'node:assert/strict';
import { it } from 'node:test';
import { languageProblem, regionProblem, timeZoneProblem } from './pool-settings.ts';

it('takes IANA time zones, UTC included, and says why it refuses the rest', () => {
  for (const zone of ['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Etc/GMT+5']) assert.equal(timeZoneProblem(zone), null, zone);
  assert.match(timeZoneProblem('Mars/Olympus_Mons')!, /"Mars\/Olympus_Mons" is not a time zone of the IANA database/);
  assert.match(timeZoneProblem('Paris')!, /not a time zone/);
  assert.match(timeZoneProblem('+02:00')!, /is an offset, not a time zone/);
  assert.match(timeZoneProblem('  ')!, /cannot be blank/);
});

it('takes short lower-case region codes or * for any', () => {
  for (const region of ['eu', 'us', 'in', 'apac', '*']) assert.equal(regionProblem(region), null, region);
  for (const region of ['EU', 'e', 'eu-west', 'europe and asia', '', '**']) assert.match(regionProblem(region)!, /is not a region: a region is a short lower-case code/, region);
});

it('takes well-formed BCP 47 language tags or * for any', () => {
  for (const tag of ['en', 'fr', 'pt-BR', 'zh-Hant-TW', 'es-419', 'yue', '*']) assert.equal(languageProblem(tag), null, tag);
  for (const tag of ['en_US', 'e', 'en-', 'english', 'x-klingon', '', 'fr--CA', 'en US']) assert.match(languageProblem(tag)!, /is not a language tag: give a BCP 47 tag/, tag);
});
