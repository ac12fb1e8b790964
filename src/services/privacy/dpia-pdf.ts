/**
 * HTML to PDF through the system's Chromium (`--headless --print-to-pdf`): no browser is
 * downloaded and the page runs no script. Chromium is looked for where Debian puts it
 * (/usr/bin/chromium), then where other distributions put chromium-browser or google-chrome.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomainError } from '../../core/errors.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const TIMEOUT_MS = 60_000;

export function findChromium(): string | null {
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Prints the page to PDF bytes. */
export async function printPdf(html: string, chromium: string | null = findChromium()): Promise<Buffer> {
  if (!chromium) throw new DomainError('unavailable', 'Chromium is not installed, so no PDF can be printed (apt-get install -y chromium); the Markdown report needs nothing');
  const dir = await mkdtemp(join(tmpdir(), 'atelier-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, args, { timeout: TIMEOUT_MS }, (error, _stdout, stderr) => {
        if (error) reject(new DomainError('unavailable', `Chromium could not print the report: ${error.message.split('\n')[0]} ${String(stderr).split('\n').slice(-3).join(' ')}`));
        else resolve();
      });
    });
    const bytes = await readFile(pdf).catch(() => null);
    if (!bytes || bytes.subarray(0, 5).toString() !== '%PDF-') throw new DomainError('unavailable', 'Chromium ran but wrote no PDF');
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
