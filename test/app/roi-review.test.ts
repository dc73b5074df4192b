import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { startAppStack } from '../support/app-stack.ts';
import type { AppStack } from '../support/app-stack.ts';
import {
  axeViolations,
  launchStandalone,
  openScreen,
  readmeScreenshot,
  screenshot,
  settled,
} from '../support/app-browser.ts';
import { launchChromium } from '../support/chromium.ts';

/**
 * The level review of the SMART app end to end on loopback: the CT view's spine picture and level picker for a
 * CT whose automatic ROI is one level off (its "T6" is truly T7), corrected with the keyboard alone through the
 * real service (POST /api/roi stores a DICOM SEG in Orthanc and recomputes the risk), a CT the automatic ROI
 * refuses, and a sign-in without the write scope, which the service refuses.
 */

interface ReviewJson {
  readonly height: number;
  readonly zTopMm: number;
  readonly mmPerRow: number;
  readonly bodies: readonly { readonly label: string; readonly zRangeMm: readonly [number, number] }[];
  readonly level: string | null;
  readonly correctable: boolean;
}
interface ViewJson {
  readonly status: string;
  readonly risk?: { readonly probability: number };
  readonly analysis?: { readonly id: string; readonly stage?: string; readonly review?: ReviewJson };
}

let stack: AppStack;
let browser: { context: BrowserContext; close: () => Promise<void> };
let appUrl: string;
const initial: Record<string, ViewJson> = {};

const pct = (p: number): string => `${(p * 100).toFixed(1)} %`;
const newPage = async (): Promise<Page> => {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return page;
};
const ehrLaunch = async (page: Page, patient: string): Promise<void> => {
  const launch = stack.auth.createLaunch({ patient });
  await page.goto(`${appUrl}launch.html?iss=${encodeURIComponent(stack.cds.fhir.baseUrl)}&launch=${launch}`);
};
/** Opens the CT view and waits for the level review's picture. */
const openReview = async (page: Page): Promise<void> => {
  await openScreen(page, 'ct');
  await page.locator('[data-review] [data-picture-state="loaded"]').waitFor({ timeout: 30_000 });
};
const viewOf = async (patient: string): Promise<ViewJson> => (await stack.riskView(patient)) as ViewJson;
const isRoiPost = (r: Response): boolean =>
  r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/roi/');
/** The focused element of the page (evaluated in the browser; this file is compiled without the DOM types). */
interface Focused {
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
}
type WithDocument = { document: { activeElement: Focused | null } };
/** Presses Tab until the focused element matches `selector` (at most `max` times); keyboard only. */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate(
      (s) => (globalThis as unknown as WithDocument).document.activeElement?.matches(s) ?? false,
      selector,
    );
    if (there) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}
const focusedLabel = (page: Page): Promise<string> =>
  page.evaluate(
    () => (globalThis as unknown as WithDocument).document.activeElement?.getAttribute('aria-label') ?? '',
  );

before(async () => {
  stack = await startAppStack();
  appUrl = `${stack.serviceUrl}/app/`;
  const roles = ['levelOff', 'roiRefused', 'low'] as const;
  const [views] = await Promise.all([
    Promise.all(roles.map((role) => viewOf(stack.patients[role]))),
    launchChromium().then((b) => {
      browser = b;
    }),
  ]);
  roles.forEach((role, i) => {
    initial[role] = views[i] as ViewJson;
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('CT view level review', () => {
  it('lists every vertebral body of the spine picture beside it, the ROI on the one it names T6', async () => {
    const review = initial.levelOff?.analysis?.review;
    assert.ok(review !== undefined, 'the service gives the level-off CT a spine picture');
    assert.equal(review.level, 'T6');
    const page = await newPage();
    await ehrLaunch(page, stack.patients.levelOff);
    assert.equal(await settled(page), 'complete');
    await openReview(page);
    const radios = page.locator('[data-level-picker] [role="radio"]');
    assert.equal(await radios.count(), review.bodies.length);
    assert.deepEqual(
      await radios.evaluateAll((els) => els.map((e) => e.getAttribute('data-body-label'))),
      review.bodies.map((b) => b.label),
    );
    const current = page.locator('[data-level-picker] [data-current]');
    assert.equal(await current.count(), 1);
    assert.equal(await current.getAttribute('aria-checked'), 'true');
    const index = review.bodies.findIndex((b) => b.label === 'T6');
    assert.equal(
      await current.getAttribute('aria-label'),
      `Vertebra ${index + 1} from the top, counted as T6, where the ROI is now`,
    );
    assert.match(await page.locator('[data-review-confidence]').innerText(), /^\d+ %$/);
    assert.equal(await page.locator('[data-confirm-level]').count(), 1);
    assert.match(
      (await page.locator('[data-review] img').getAttribute('alt')) ?? '',
      /^Spine picture, superior up: .*the ROI on T6\.$/,
    );
    await screenshot(page, 'roi-review-level-off');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('corrects the level with the keyboard alone and shows the recomputed risk on every screen', async () => {
    const patient = stack.patients.levelOff;
    const was = initial.levelOff;
    assert.ok(was?.risk !== undefined && was.analysis?.review !== undefined);
    const page = await newPage();
    await ehrLaunch(page, patient);
    await settled(page);
    await openReview(page);
    await tabTo(page, '[data-level-picker] [role="radio"]');
    assert.match(await focusedLabel(page), /counted as T6, where the ROI is now$/);
    // The automatic "T6" is truly T7: T6 is the vertebra above it, which the automatic count named T5.
    await page.keyboard.press('ArrowUp');
    assert.match(await focusedLabel(page), /, counted as T5$/);
    const chosen = page.locator('[data-level-picker] [aria-checked="true"]');
    assert.equal(await chosen.getAttribute('data-body-label'), 'T5');
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    assert.equal(await chosen.getAttribute('data-body-index'), '0');
    const t5 = was.analysis.review.bodies.findIndex((b) => b.label === 'T5');
    for (let i = 0; i < t5; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await chosen.getAttribute('data-body-label'), 'T5');
    await tabTo(page, '[data-set-t6]');
    const answered = page.waitForResponse(isRoiPost, { timeout: 120_000 });
    await page.keyboard.press('Enter');
    await page
      .locator('[data-review-status]', { hasText: 'Storing the ROI and recomputing the risk…' })
      .waitFor();
    assert.equal(await page.locator('[data-set-t6]').getAttribute('aria-disabled'), 'true');
    const res = await answered;
    assert.ok(res.status() === 200 || res.status() === 202, `POST /api/roi answered ${res.status()}`);
    await page
      .locator('[data-review-status]', { hasText: 'The ROI is stored' })
      .waitFor({ timeout: 120_000 });

    const now = await viewOf(patient);
    assert.equal(now.status, 'complete');
    assert.ok(now.risk !== undefined);
    assert.notEqual(now.analysis?.id, was.analysis.id);
    assert.notEqual(
      now.risk.probability,
      was.risk.probability,
      'the ROI on another vertebra changes the risk',
    );
    assert.match(
      await page.locator('[data-roi]').innerText(),
      /^the automatic ROI, level corrected by .+ on \d{4}-\d{2}-\d{2} \(the vertebra counted as T5 is T6\)/,
    );
    await readmeScreenshot(page, 'roi-review-corrected');
    assert.deepEqual(await axeViolations(page), []);

    await openScreen(page, 'summary');
    const panel = page.locator('main [data-state="complete"]');
    assert.equal(Number(await panel.getAttribute('data-probability')), now.risk.probability);
    assert.equal((await page.locator('[data-risk-percent]').innerText()).trim(), pct(now.risk.probability));
    assert.match(await page.locator('[data-roi-source]').innerText(), /level corrected by /);
    await openScreen(page, 'nomogram');
    const svg = page.locator('svg.nomogram');
    await svg.waitFor({ timeout: 30_000 });
    assert.ok(Math.abs(Number(await svg.getAttribute('data-probability')) - now.risk.probability) <= 0.001);
    await page.close();
  });

  it('asks for T6 on the spine picture when the automatic ROI could not name the levels, and computes the risk once a click named it', async () => {
    const was = initial.roiRefused;
    const review = was?.analysis?.review;
    assert.ok(review !== undefined);
    assert.equal(was?.status, 'unavailable');
    assert.equal(was.analysis?.stage, 'roi');
    assert.equal(review.level, null);
    const page = await newPage();
    await ehrLaunch(page, stack.patients.roiRefused);
    await settled(page);
    assert.equal(await page.locator('[data-pick-level] a').getAttribute('href'), '#/ct');
    await openReview(page);
    assert.match(
      await page.locator('[data-review-prompt]').innerText(),
      /^The automatic ROI could not name the levels\. Pick T6 on the spine picture\.$/,
    );
    assert.equal(await page.locator('[data-confirm-level]').count(), 0);
    assert.equal(await page.locator('[data-set-t6]').count(), 1);
    assert.equal(await page.locator('[data-level-picker] [aria-checked="true"]').count(), 0);
    assert.equal(await page.locator('[data-level-picker] [data-current]').count(), 0);
    await screenshot(page, 'roi-review-refused');
    assert.deepEqual(await axeViolations(page), []);

    // The refused CT runs from T3 to T10: T6 is the fourth body. A click on it on the sagittal view chooses it.
    const bodies = review.bodies;
    assert.equal(bodies.length, 8);
    const t6 = bodies[3];
    assert.ok(t6 !== undefined);
    const hit = page.locator('[data-review] [data-sagittal]');
    const box = await hit.boundingBox();
    assert.ok(box !== null);
    const row = (review.zTopMm - (t6.zRangeMm[0] + t6.zRangeMm[1]) / 2) / review.mmPerRow;
    await hit.click({ position: { x: box.width / 2, y: (row / review.height) * box.height } });
    const chosen = page.locator('[data-level-picker] [aria-checked="true"]');
    assert.equal(await chosen.getAttribute('data-body-index'), '3');
    assert.equal(await chosen.getAttribute('aria-label'), 'Vertebra 4 from the top, not named');
    const answered = page.waitForResponse(isRoiPost, { timeout: 120_000 });
    await page.locator('[data-set-t6]').click();
    assert.ok([200, 202].includes((await answered).status()));
    await page
      .locator('[data-review-status]', { hasText: 'The ROI is stored' })
      .waitFor({ timeout: 120_000 });
    const now = await viewOf(stack.patients.roiRefused);
    assert.equal(now.status, 'complete');
    assert.ok(now.risk !== undefined);
    assert.match(
      await page.locator('[data-roi]').innerText(),
      /level corrected by .+ \(the vertebra the automatic count left unnamed is T6\)/,
    );
    await openScreen(page, 'summary');
    assert.equal((await page.locator('[data-risk-percent]').innerText()).trim(), pct(now.risk.probability));
    await page.close();
  });

  it("shows the service's refusal and changes nothing for a sign-in without the write scope", async () => {
    const patient = stack.patients.low;
    const was = initial.low;
    assert.ok(was?.risk !== undefined && was.analysis?.review !== undefined);
    const page = await newPage();
    await launchStandalone(page, appUrl, stack.cds.fhir.baseUrl, patient, ['patient/Provenance.c']);
    assert.equal(await settled(page), 'complete');
    await openReview(page);
    assert.equal(await page.locator('[data-review-scope]').count(), 1);
    const answered = page.waitForResponse(isRoiPost, { timeout: 60_000 });
    await page.locator('[data-confirm-level]').click();
    const res = await answered;
    assert.equal(res.status(), 403);
    const sentence = ((await res.json()) as { error: string }).error;
    assert.ok(sentence.length > 10, sentence);
    const alert = page.locator('[data-review] [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    assert.equal(await alert.innerText(), `The review was not stored: ${sentence}`);
    assert.match(await page.locator('[data-roi]').innerText(), /^automatic, vertebral marrow at level T6/);
    await screenshot(page, 'roi-review-refused-scope');
    await openScreen(page, 'summary');
    assert.equal((await page.locator('[data-risk-percent]').innerText()).trim(), pct(was.risk.probability));
    const now = await viewOf(patient);
    assert.equal(now.analysis?.id, was.analysis.id);
    await page.close();
  });
});
