/**
 * `atelier bench --scenario ui-next`: the annotate screen in Chromium, submitting with Enter; the
 * time from the key press to the next task drawn and ready for input, p50 and p95 over 200 tasks.
 * (filled in below)
 */
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium with its own fresh profile folder. */
export function launchHeadlessChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
