import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDemoStack } from '../../server/dev/demo-stack.ts';
import type { DemoStack } from '../../server/dev/demo-stack.ts';
import { axeViolations, openScreen, readmeScreenshot, settled } from '../support/app-browser.ts';
import { launchChromium } from '../support/chromium.ts';

/**
 * The whole path a user takes on the demo stack, in Debian's Chromium: the EHR page, a high-risk patient's chart
 * with the service's card, the PET-CT suggestion accepted (the draft order appears on the FHIR server), the app
 * launched from the card's link inside the EHR page, and the nomogram. The screenshots are the README's: with
 * BONEMET_README_SCREENSHOTS=1 they are also copied to docs/screenshots/.
 */
const cache = mkdtempSync(join(tmpdir(), 'bonemet-e2e-'));
let stack: DemoStack;
let browser: { context: BrowserContext; close: () => Promise<void> };

async function shot(page: Page, name: string): Promise<void> {
  assert.ok(existsSync(await readmeScreenshot(page, name)));
}

describe(
  'the demo stack in a browser: EHR page -> card -> suggestion -> app -> nomogram',
  { timeout: 600_000 },
  () => {
    before(async () => {
      stack = await startDemoStack({
        servicePort: 0,
        fhirPort: 0,
        orthancPort: 0,
        cacheDir: cache,
        log: () => {},
      });
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await stack?.stop();
      rmSync(cache, { recursive: true, force: true });
    });

    it('goes from the chart to the nomogram of a high-risk patient, accepting the PET-CT suggestion on the way', async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(stack.ehrUrl);
      const high = stack.patients.find(
        (p) => p.expectedCategory === 'high' && p.scenario === 'radiologist-roi',
      );
      assert.ok(high !== undefined);
      await page.locator(`button[data-patient="${high.id}"]`).click();
      const card = page.locator('article.card').first();
      await card.waitFor({ timeout: 60_000 });
      assert.equal(await card.getAttribute('data-indicator'), 'warning');
      assert.match(
        await card.locator('h3').innerText(),
        /risk (?:[<>] )?\d+ % \(high\); consider follow-up PET-CT/,
      );
      assert.deepEqual(await axeViolations(page), []);
      await shot(page, 'ehr-card');

      await card.locator('button', { hasText: /^Accept/ }).click();
      await card.locator('.outcome', { hasText: /Draft order created/ }).waitFor({ timeout: 30_000 });
      const created = /ServiceRequest\/([0-9a-f-]+)/.exec(await card.locator('.outcome').innerText())?.[1];
      assert.ok(created !== undefined);
      const order = (await stack.read('ServiceRequest', created)) as unknown as {
        status: string;
        code: { coding: { code: string }[] };
        subject: { reference: string };
      };
      assert.equal(order.status, 'draft');
      assert.equal(order.code.coding[0].code, '450436003');
      assert.equal(order.subject.reference, `Patient/${high.id}`);

      await card.locator('button', { hasText: /Open BoneMet Risk/ }).click();
      const app = page.frameLocator('#app-frame');
      const frame = page.frame({ url: /\/app\// });
      await app.locator('[data-risk-percent]').waitFor({ timeout: 90_000 });
      assert.equal(await app.locator('[data-category]').innerText(), 'high');
      assert.match(await app.locator('[data-synthetic-banner]').innerText(), /synthetic data/);
      await shot(page, 'ehr-app-risk');
      const view = frame ?? page.frames().find((f) => f.url().includes('/app/'));
      assert.ok(view !== undefined && view !== null);
      assert.equal(await openScreen(view, 'nomogram'), 'complete');
      await view.locator('svg.nomogram').waitFor({ timeout: 30_000 });
      await page.locator('#app-frame').scrollIntoViewIfNeeded();
      await shot(page, 'ehr-app-nomogram');
      assert.equal(await settled(view), 'complete');
      await page.close();
    });
  },
);
