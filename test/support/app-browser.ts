/**
 * Browser-side helpers of the SMART app tests: launches (standalone through the authorization server's patient
 * picker, EHR through a launch value, optionally inside the demo EHR's iframe), waiting for a screen to settle,
 * the axe-core accessibility check (injected from node_modules), and screenshots kept under .cache/screenshots.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { PROJECT_ROOT } from './reference.ts';

export const SCREENSHOTS = join(PROJECT_ROOT, '.cache', 'screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Where a page or frame shows the app. */
export type AppView = Page | Frame;

/** Waits until the main screen has left its loading state; returns its data-state. */
export async function settled(view: AppView, timeoutMs = 90_000): Promise<string> {
  const el = view.locator('main [data-state]:not([data-state="loading"])').first();
  await el.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await el.getAttribute('data-state')) ?? '';
}

/** Opens a screen of the app by its hash route and waits for it to settle. */
export async function openScreen(view: AppView, id: string): Promise<string> {
  await view.locator(`nav a[href="#/${id}"]`).click();
  await view.locator(`section[data-screen-id="${id}"]`).waitFor({ timeout: 30_000 });
  return settled(view);
}

/**
 * Serious and critical axe-core violations on the page or frame, as "rule: target" lines. axe is evaluated
 * through the DevTools protocol, which the app's Content-Security-Policy (scripts from the service only) allows.
 */
export async function axeViolations(view: AppView): Promise<string[]> {
  await view.evaluate(AXE);
  const results = await view.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
      document: unknown;
    };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  const violations = (
    results as { violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }
  ).violations;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Saves a full-page screenshot as .cache/screenshots/<name>.png; its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A screenshot the README shows: with BONEMET_README_SCREENSHOTS=1 it is also copied to docs/screenshots/. */
export async function readmeScreenshot(page: Page, name: string): Promise<string> {
  const path = await screenshot(page, name);
  if (process.env.BONEMET_README_SCREENSHOTS === '1') {
    const docs = join(PROJECT_ROOT, 'docs', 'screenshots');
    mkdirSync(docs, { recursive: true });
    copyFileSync(path, join(docs, `${name}.png`));
  }
  return path;
}

/** A standalone launch: launch.html with the FHIR base, the patient picked (and scopes unticked) on the picker. */
export async function launchStandalone(
  page: Page,
  appUrl: string,
  fhirBase: string,
  patientId: string,
  untick: readonly string[] = [],
): Promise<void> {
  await page.goto(`${appUrl}launch.html?iss=${encodeURIComponent(fhirBase)}`);
  await page.locator(`input[name="patient"][value="${patientId}"]`).check({ timeout: 30_000 });
  for (const scope of untick) await page.locator(`input[name="scope"][value="${scope}"]`).uncheck();
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/app\/index\.html/, { timeout: 30_000 });
}

/** The access token fhirclient keeps for this tab. */
export function sessionToken(view: AppView): Promise<string> {
  return view.evaluate(() => {
    const { sessionStorage } = globalThis as unknown as {
      sessionStorage: { getItem: (key: string) => string | null };
    };
    const raw = sessionStorage.getItem('SMART_KEY') ?? '';
    const key = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
      tokenResponse?: { access_token?: string };
    };
    return state.tokenResponse?.access_token ?? '';
  });
}
