import assert from 'node:assert/strict';
import { it } from 'node:test';
import { areasOf, canOpen, homeOf, whyShut } from './roles.ts';

it('opens each role its screens only, and sends a role without screens to the no-access page', () => {
  assert.equal(homeOf('annotator'), '/work');
  assert.equal(homeOf('manager'), '/projects');
  assert.equal(canOpen('annotator', 'projects'), false);
  assert.equal(canOpen('reviewer', 'review'), true);
  assert.equal(canOpen('annotator', 'review'), false);
  assert.equal(canOpen('reviewer', 'quality'), true);
  assert.equal(canOpen('annotator', 'quality'), false);
  assert.deepEqual(areasOf('auditor'), ['audit']);
  assert.equal(homeOf('auditor'), '/audit');
  assert.equal(canOpen('manager', 'audit'), false);
  assert.equal(canOpen('admin', 'audit'), true);
});

it('adds the pool screens and their quality to a pool manager and adjudication to a pool expert, whatever their role', () => {
  assert.equal(canOpen('annotator', 'pools'), false);
  assert.equal(canOpen('annotator', 'quality'), false);
  assert.equal(canOpen('annotator', 'quality', { managesPool: true, expert: false }), true);
  assert.equal(canOpen('annotator', 'pools', { managesPool: true, expert: false }), true);
  assert.equal(canOpen('annotator', 'adjudicate', { managesPool: false, expert: true }), true);
  assert.deepEqual(areasOf('annotator', { managesPool: true, expert: true }), ['work', 'adjudicate', 'feedback', 'pools', 'quality']);
  // a manager already has the pools and the quality: not twice
  assert.equal(areasOf('manager', { managesPool: true, expert: false }).filter((a) => a === 'pools' || a === 'quality').length, 2);
});

it('says why a screen is shut in the words of what opens it', () => {
  assert.match(whyShut('admin', 'adjudicate'), /pool’s experts/);
  assert.doesNotMatch(whyShut('admin', 'feedback'), /change your role/, 'an administrator is not told to ask an administrator');
  assert.match(whyShut('annotator', 'quality'), /not open to your role \(annotator\).*change your role/);
  assert.match(whyShut('reviewer', 'pools'), /managers of a pool/);
});
