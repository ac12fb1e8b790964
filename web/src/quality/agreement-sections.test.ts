import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as React from 'react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ControlQuality, RegionControlQuality } from '../api/quality-types.ts';

// The test runner compiles .tsx outside Vite with the classic JSX transform, which calls a global
// React: give it one before the components load.
(globalThis as { React?: typeof React }).React = React;
const { AgreementSection } = await import('./AgreementSection.tsx');
const { RegionAgreementSection } = await import('./RegionAgreementSection.tsx');

const unmeasured = { items: 12, pairableItems: 0 };

it('says there is nothing to measure yet, instead of 0, where no item has two answers', () => {
  const choice: ControlQuality = {
    control: 'sentiment', labels: ['negative', 'positive'], confusion: [],
    agreement: {
      project: { ...unmeasured, answers: 12, percentAgreement: null, krippendorffAlpha: null, fleissKappa: null },
      byPool: [{ pool: 'acme', ...unmeasured, answers: 12, percentAgreement: null, krippendorffAlpha: null, fleissKappa: null }],
      byPair: [],
      byLabel: [{ label: 'positive', answers: 12, specificAgreement: null }],
    },
  };
  const html = renderToStaticMarkup(createElement(AgreementSection, { control: choice, scoped: false }));
  assert.match(html, /None of the 12 recent items has two answers yet, so there is no agreement to measure/);
  assert.doesNotMatch(html, /0 %|0\.00/);
  assert.match(html, /its answers count in the pairs with other pools/);
  // A vendor's reader sees no other pool, so the note does not point at pairs they cannot see.
  const scoped = renderToStaticMarkup(createElement(AgreementSection, { control: choice, scoped: true }));
  assert.match(scoped, /another pool answers the same items, and that work is not shown here/);
  assert.doesNotMatch(scoped, /pairs with other pools/);
  const boxes: RegionControlQuality = {
    control: 'objects', kind: 'bbox',
    agreement: { project: { ...unmeasured, comparisons: 0, f1: null, meanIoU: null }, byPool: [], byPair: [], byLabel: [{ label: 'car', regions: 30, f1: null }] },
  };
  assert.match(renderToStaticMarkup(createElement(RegionAgreementSection, { control: boxes })), /no agreement to measure/);
});

it('gives F1 for every region kind, and the mean IoU only for shapes (spans match exactly)', () => {
  const measured = (kind: RegionControlQuality['kind']): RegionControlQuality => ({
    control: 'c', kind,
    agreement: {
      project: { items: 10, pairableItems: 8, comparisons: 8, f1: 0.8125, meanIoU: kind === 'span' ? null : 0.71 },
      byPool: [], byPair: [], byLabel: [],
    },
  });
  const boxes = renderToStaticMarkup(createElement(RegionAgreementSection, { control: measured('bbox') }));
  assert.match(boxes, /boxes matched at IoU ≥ 0\.5: F1 <strong>0\.81<\/strong>, mean IoU of the matched shapes <strong>0\.71<\/strong>/);
  const spans = renderToStaticMarkup(createElement(RegionAgreementSection, { control: measured('span') }));
  assert.match(spans, /spans matched exactly \(span F1\): F1 <strong>0\.81<\/strong>/);
  assert.doesNotMatch(spans, /IoU of the matched/);
});
