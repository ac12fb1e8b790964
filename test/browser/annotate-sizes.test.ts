/**
 * Boxes land where they are drawn on images of different sizes, each drawn while the next one (of
 * another size) is preloaded in the viewer, and the viewer never warns about its several images.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from '../support/browser.ts';
import { drag, humanAnnotationOf, nextReady, projectThroughApi, readyTask, waitForShapes } from './steps.ts';

const SCREEN = '[data-testid=annotate]';
const SIZES = [
  [640, 400],
  [300, 600],
  [900, 300],
] as const;

/** A manager's project of three images of the sizes above, made through the API. */
async function projectOfSizes(baseUrl: string): Promise<number> {
  const schema = { controls: [{ name: 'things', kind: 'bbox', labels: [{ name: 'thing', color: '#e6194b', hotkey: '1' }] }] };
  const files = [];
  for (const [i, [width, height]] of SIZES.entries()) {
    const png = await sharp({ create: { width, height, channels: 3, background: { r: 60 + i * 70, g: 140, b: 90 } } }).png().toBuffer();
    files.push({ name: `size-${i}.png`, content: new Blob([new Uint8Array(png)], { type: 'image/png' }) });
  }
  return projectThroughApi(baseUrl, { name: 'Sizes', itemKind: 'image', schema }, files);
}

describe('annotate screen, images of different sizes', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let projectId: number;
  const viewerComplaints: string[] = [];
  before(async () => {
    h = await startBrowserHarness({ images: 4, texts: 4 });
    projectId = await projectOfSizes(h.url);
    page = await h.newPage();
    page.on('console', (m) => {
      if (/multi-image/.test(m.text())) viewerComplaints.push(m.text());
    });
    await h.signIn(page, 'manager@demo.local');
  });
  after(async () => h?.close());

  it('stores each box in the pixels of its own image', async () => {
    await page.goto(`${h.url}/work/${projectId}`);
    let task = await readyTask(page);
    const seen: string[] = [];
    for (let n = 0; n < SIZES.length; n++) {
      if (n < SIZES.length - 1) await page.waitForSelector(`${SCREEN}[data-next-ready=true]`);
      const itemId = Number(await page.locator(SCREEN).getAttribute('data-item-id'));
      const item = await page.evaluate(async (id) => (await (await fetch(`/api/v1/items/${id}`)).json()) as { width: number; height: number }, itemId);
      seen.push(`${item.width}x${item.height}`);
      // The image starts whole in view, centred: from a point on screen to a pixel of the image.
      const box = (await page.locator('.image-canvas').boundingBox())!;
      const scale = Math.min(box.width / item.width, box.height / item.height);
      const left = box.x + (box.width - item.width * scale) / 2;
      const top = box.y + (box.height - item.height * scale) / 2;
      const from = [item.width * 0.2, item.height * 0.3] as const;
      const to = [item.width * 0.7, item.height * 0.8] as const;
      await drag(page, left + from[0] * scale, top + from[1] * scale, left + to[0] * scale, top + to[1] * scale);
      assert.equal(await waitForShapes(page, 'Things', 1), 1);
      await page.keyboard.press('Enter');
      if (n < SIZES.length - 1) task = await nextReady(page, task);
      const stored = (await humanAnnotationOf(page, itemId)).result.regions[0];
      const tolerance = 2 / scale + 1;
      for (const [got, want, what] of [
        [stored.x, from[0], 'x'],
        [stored.y, from[1], 'y'],
        [stored.width, to[0] - from[0], 'width'],
        [stored.height, to[1] - from[1], 'height'],
      ] as const) {
        assert.ok(Math.abs(got - want) <= tolerance, `${item.width}×${item.height}: ${what} ${got}, drawn at ${want}`);
      }
    }
    assert.deepEqual(seen.sort(), SIZES.map(([w, hh]) => `${w}x${hh}`).sort());
    assert.deepEqual(viewerComplaints.slice(0, 3), [], `${viewerComplaints.length} warnings`);
  });
});
