/**
 * Debian's Chromium driven by playwright-core for the SMART app's browser tests: installed when missing (as root,
 * like Orthanc), started headless with a fresh profile in a temporary folder, removed when closed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { ensureDebianPackages } from '../../server/dev/debian-packages.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Makes sure Debian's chromium is installed. */
export function ensureChromium(): Promise<void> {
  return ensureDebianPackages({
    what: 'Chromium',
    packages: ['chromium'],
    installed: () => existsSync(CHROMIUM),
  });
}

/** A headless Chromium with a fresh profile; close it with `close()`. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  await ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'bonemet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
