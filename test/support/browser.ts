/**
 * Browser tests: an in-process Atelier (fresh PGlite database, a small seeded demo, the built web
 * app) on a free port, driven by Debian's Chromium through playwright-core.
 *
 * Chromium missing: the tests are skipped with the reason outside CI, and fail with CI=true.
 * The web app not built (dist/web/index.html missing): the tests fail and say how to build it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchHeadlessChromium } from '../../src/bench/scenarios/ui-next.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { FileStore } from '../../src/media/file-store.ts';
import { WEB_DIST } from '../../src/server/app.ts';
import { type RunningServer, startServer } from '../../src/server/runtime.ts';
import { openPgliteTestStore } from './databases.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
export const DEMO_PASSWORD = 'demo1234';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** False when the browser tests can run; the reason to skip them otherwise (never in CI). */
export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM_PATH)) return false;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (install it with: apt-get install -y chromium)`;
  if (inCi) throw new Error(`CI=true but ${reason}: the browser tests must run in CI`);
  return `browser tests skipped: ${reason}`;
}

export interface BrowserHarness {
  server: RunningServer;
  url: string;
  context: BrowserContext;
  /** A new page of its own browser context (own cookies), at 1366×768 unless told. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  signIn(page: Page, email: string, password?: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The demo seeds three weeks of finished work on its first 160 items of each project; 180 leave
 * some twenty of each open for the tests.
 */
export const DEMO_SIZE = { images: 180, texts: 180 };

export async function startBrowserHarness(demo: { images: number; texts: number } = DEMO_SIZE): Promise<BrowserHarness> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`the web app is not built (${WEB_DIST}/index.html is missing): run \`npm run build:web\` before the browser tests`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-browser-'));
  const store = await openPgliteTestStore();
  await seedDemo(store, new FileStore(join(dataDir, 'files')), { password: DEMO_PASSWORD, ...demo });
  const config = { ...loadConfig({ dataDir, port: 0, host: '127.0.0.1', databaseUrl: null, logLevel: 'silent' }, {}), loginRatePerMinute: 1000 };
  const server = await startServer(config, { store });
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  const open = async () => {
    const profile = mkdtempSync(join(tmpdir(), 'atelier-chromium-'));
    profiles.push(profile);
    const context = await launchHeadlessChromium(profile);
    contexts.push(context);
    return context;
  };
  const context = await open();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    url: server.url,
    context,
    async newPage(viewport = { width: 1366, height: 768 }) {
      const page = await (await open()).newPage();
      await page.setViewportSize(viewport);
      page.setDefaultTimeout(15_000);
      return page;
    },
    async signIn(page, email, password = DEMO_PASSWORD) {
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await server.stop();
      for (const p of [...profiles, dataDir]) rmSync(p, { recursive: true, force: true });
    },
  };
}
