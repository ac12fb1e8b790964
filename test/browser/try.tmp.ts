import { startBrowserHarness } from '/work/main/test/support/browser.ts';
const h = await startBrowserHarness();
try {
  const page = await h.newPage();
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await h.signIn(page, 'annotator@demo.local');
  await page.goto(`${h.url}/work/1`);
  await page.waitForSelector('[data-testid=annotate][data-ready]:not([data-ready=""])', { timeout: 15000 });
  const box = (await page.locator('.image-canvas').boundingBox())!;
  console.log('canvas', box);
  await page.keyboard.press('1');
  const x0 = box.x + 100, y0 = box.y + 200;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 60, y0 + 40, { steps: 5 });
  await page.mouse.move(x0 + 120, y0 + 80, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  console.log('after box', await page.locator('.palette-group').first().innerText());
  console.log(await page.evaluate(() => JSON.stringify((window as any).__anno?.getAnnotations().map((a: any) => a.target.selector))));
  await page.keyboard.press('4');
  const pts = [[300, 450], [500, 440], [520, 560], [280, 560]];
  for (const [x, y] of pts) { await page.mouse.click(box.x + x!, box.y + y!); await page.waitForTimeout(80); }
  await page.mouse.click(box.x + 300, box.y + 450);
  await page.waitForTimeout(300);
  console.log('after polygon', await page.locator('.palette-group').nth(1).innerText());
  console.log(await page.evaluate(() => JSON.stringify((window as any).__anno?.getAnnotations().map((a: any) => a.target.selector.type))));
  await page.keyboard.press('7');
  await h.screenshot(page, 'try-annotate');
  const before = await page.getAttribute('[data-testid=annotate]', 'data-ready');
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => { const r = document.querySelector('[data-testid=annotate]')?.getAttribute('data-ready'); return r && r !== b; }, before);
  console.log('next ready', await page.getAttribute('[data-testid=annotate]', 'data-ready'), await page.locator('.status-line').innerText());
} finally {
  await h.close();
}
