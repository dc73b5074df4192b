import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { startAppStack } from '../support/app-stack.ts';
import type { AppStack } from '../support/app-stack.ts';
import {
  axeViolations,
  launchStandalone,
  openScreen,
  screenshot,
  sessionToken,
  settled,
} from '../support/app-browser.ts';
import { launchChromium } from '../support/chromium.ts';

/**
 * The SMART app end to end on loopback: the built app served by the real service, launched in Debian's Chromium
 * against the Medplum FHIR server with its SMART authorization server (authorization code + PKCE), Orthanc
 * holding the synthetic patients' CTs. The service's own answers are the reference for what the app shows.
 */

let stack: AppStack;
let browser: { context: BrowserContext; close: () => Promise<void> };
let appUrl: string;
const service: Record<string, { probability: number; totalPoints: number; category: string }> = {};

const newPage = async (): Promise<Page> => {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) console.error(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return page;
};
const ehrLaunchUrl = (patient: string, tokenLifetimeSeconds?: number): string => {
  const launch = stack.auth.createLaunch({
    patient,
    ...(tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds }),
  });
  return `${appUrl}launch.html?iss=${encodeURIComponent(stack.cds.fhir.baseUrl)}&launch=${launch}`;
};
const pct = (p: number): string => `${(p * 100).toFixed(1)} %`;

before(async () => {
  stack = await startAppStack();
  appUrl = `${stack.serviceUrl}/app/`;
  // The service analyses each CT once (the browser then finds the results cached); its answers are the reference.
  const roles = ['high', 'low', 'mixed'] as const;
  const [views] = await Promise.all([
    Promise.all(roles.map((role) => stack.riskView(stack.patients[role]))),
    launchChromium().then((b) => {
      browser = b;
    }),
  ]);
  roles.forEach((role, i) => {
    const view = views[i];
    assert.equal(view.status, 'complete', `${role}: ${JSON.stringify(view).slice(0, 300)}`);
    service[role] = view.risk as { probability: number; totalPoints: number; category: string };
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('SMART launch', () => {
  it('reaches the risk screen of a synthetic patient by a standalone launch with the patient picked', async () => {
    const page = await newPage();
    const authorize: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/auth/authorize?')) authorize.push(r.url());
    });
    await launchStandalone(page, appUrl, stack.cds.fhir.baseUrl, stack.patients.low);
    assert.equal(await settled(page), 'complete');
    const shown = await page.locator('[data-risk-percent]').innerText();
    assert.equal(shown.trim(), pct(service.low.probability));
    assert.equal(await page.locator('[data-category]').innerText(), service.low.category);
    assert.match(await page.locator('[data-model]').innerText(), /^bonemet-risk-demo 1\.0\.0$/);
    assert.match(await page.locator('[data-synthetic-banner]').innerText(), /synthetic data/);
    const q = new URL(authorize[0] ?? 'http://x/').searchParams;
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('scope') ?? '', /launch\/patient .*patient\/Observation\.rs/);
    assert.equal(q.get('aud'), stack.cds.fhir.baseUrl);
    assert.ok(existsSync(await screenshot(page, 'standalone-launch-risk')));
    await page.close();
  });

  it('reaches the risk screen by an EHR launch inside the EHR page iframe (authorization code + PKCE)', async () => {
    const page = await newPage();
    const authorize: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/auth/authorize?')) authorize.push(r.url());
    });
    const fhirOrigin = new URL(stack.cds.fhir.baseUrl).origin;
    await page.goto(
      `${fhirOrigin}/ehr/launch?app=${encodeURIComponent(`${appUrl}launch.html`)}&patient=${stack.patients.high}`,
    );
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-risk-percent]').waitFor({ timeout: 90_000 });
    assert.equal(
      (await frame.locator('[data-risk-percent]').innerText()).trim(),
      pct(service.high.probability),
    );
    assert.equal(await frame.locator('[data-category]').innerText(), 'high');
    const q = new URL(authorize[0] ?? 'http://x/').searchParams;
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.ok((q.get('launch') ?? '').length > 10);
    assert.match(q.get('scope') ?? '', /^launch /);
    assert.ok(existsSync(await screenshot(page, 'ehr-launch-iframe-risk')));
    await page.close();
  });
});

describe('SMART launch on an EHR that knows v1 scopes only', () => {
  it('asks for v1 scopes, is granted them, and reaches the screen of a patient without a CT', async () => {
    const page = await newPage();
    const authorize: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/auth/authorize?')) authorize.push(r.url());
    });
    await launchStandalone(page, appUrl, stack.v1Fhir.baseUrl, stack.v1NoCt);
    assert.equal(await settled(page), 'no-ct');
    const scope = new URL(authorize[0] ?? 'http://x/').searchParams.get('scope') ?? '';
    assert.match(scope, /patient\/Observation\.read .*patient\/ServiceRequest\.write$/);
    assert.doesNotMatch(scope, /\.rs\b/);
    await page.close();
  });
});

describe('nomogram', () => {
  it("maps every patient's total points to the service's probability within 0.1 percentage points", async () => {
    for (const role of ['high', 'low', 'mixed'] as const) {
      const page = await newPage();
      await page.goto(ehrLaunchUrl(stack.patients[role]));
      assert.equal(await settled(page), 'complete');
      await openScreen(page, 'nomogram');
      const svg = page.locator('svg.nomogram');
      await svg.waitFor({ timeout: 30_000 });
      const probability = Number(await svg.getAttribute('data-probability'));
      const total = Number(await svg.getAttribute('data-total-points'));
      assert.ok(
        Math.abs(probability - service[role].probability) <= 0.001,
        `${role}: app ${probability}, service ${service[role].probability}`,
      );
      assert.ok(Math.abs(total - service[role].totalPoints) < 0.05, `${role}: ${total} points`);
      assert.equal((await page.locator('[data-nomogram-risk]').innerText()).trim(), pct(probability));
      await page.close();
    }
    assert.notEqual(service.high.totalPoints, service.mixed.totalPoints);
  });

  it('shows a marker value on hover and on keyboard focus', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.high));
    await settled(page);
    await openScreen(page, 'nomogram');
    await page.locator('[data-marker="total"]').focus();
    assert.match((await page.locator('[data-tooltip]').textContent()) ?? '', /^Total \d+\.\d points$/);
    await page.locator('[data-marker="ki67"]').hover();
    assert.match((await page.locator('[data-tooltip]').textContent()) ?? '', /^Ki-67 .*: \d+\.\d points$/);
    await page.close();
  });
});

describe('screens without a risk and failures', () => {
  it('says which receptor results are missing, not a blank page', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.noReceptors));
    assert.equal(await settled(page), 'missing-inputs');
    assert.match(
      await page.locator('main').innerText(),
      /Risk not computed: receptor results missing \(Ki-67\)/,
    );
    assert.equal(await openScreen(page, 'nomogram'), 'empty');
    await openScreen(page, 'inputs');
    assert.match(await page.locator('[data-input="ki67"]').innerText(), /not available/);
    await screenshot(page, 'no-receptor-results');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('says there is no chest CT', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.noCt));
    assert.equal(await settled(page), 'no-ct');
    assert.match(await page.locator('main').innerText(), /no chest CT found for this patient/);
    assert.equal(await openScreen(page, 'ct'), 'no-ct');
    assert.match(await page.locator('main').innerText(), /No chest CT in the record/);
    await screenshot(page, 'no-ct');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('says the service cannot be reached when it is down, and recovers when it is back', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.low));
    assert.equal(await settled(page), 'complete');
    await stack.stopService();
    try {
      await page.locator('[data-reload]').click();
      assert.equal(await settled(page), 'error');
      assert.equal(await page.locator('[data-problem]').getAttribute('data-problem'), 'service-down');
      assert.match(await page.locator('main').innerText(), /The BoneMet Risk service cannot be reached/);
      await screenshot(page, 'service-down');
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await stack.startService();
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    assert.equal(await settled(page), 'complete');
    await page.close();
  });

  it('says the session expired when the token has, and the FHIR server refuses that token with 401', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.low, 1));
    await settled(page);
    const token = await sessionToken(page);
    assert.ok(token.length > 20);
    // The token was issued before the screen settled: 1.5 s later it has expired.
    await new Promise((r) => setTimeout(r, 1500));
    const fhir = await fetch(`${stack.cds.fhir.baseUrl}/Patient/${stack.patients.low}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(fhir.status, 401);
    const api = await fetch(
      `${stack.serviceUrl}/api/risk?patient=${stack.patients.low}&fhirServer=${encodeURIComponent(stack.cds.fhir.baseUrl)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    assert.equal(api.status, 401);
    await page.reload();
    assert.equal(await settled(page), 'error');
    assert.equal(await page.locator('[data-problem]').getAttribute('data-problem'), 'expired');
    assert.match(await page.locator('main').innerText(), /Your session has expired/);
    await screenshot(page, 'expired-token');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('explains how to launch when the app is opened without a launch', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}index.html`);
    assert.equal(await settled(page), 'error');
    assert.match(await page.locator('main').innerText(), /BoneMet Risk was not launched/);
    assert.ok(await page.locator('input#iss').isVisible());
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${appUrl}launch.html`);
    assert.match(await page.locator('#launch-status').innerText(), /No FHIR server \(iss\) was given/);
    await page.close();
  });
});

describe('screens of a high-risk patient', () => {
  it('shows every screen with no serious or critical accessibility violation', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.high));
    assert.equal(await settled(page), 'complete');
    const found: Record<string, string[]> = { summary: await axeViolations(page) };
    for (const id of ['nomogram', 'inputs', 'ct', 'follow-up', 'trend', 'model']) {
      await openScreen(page, id);
      if (id === 'ct') await page.locator('figure.roi[data-state="loaded"]').waitFor({ timeout: 30_000 });
      if (id === 'model') await page.locator('[data-metrics]').waitFor({ timeout: 30_000 });
      found[id] = await axeViolations(page);
      await screenshot(page, `screen-${id}`);
    }
    assert.deepEqual(found, {
      summary: [],
      nomogram: [],
      inputs: [],
      ct: [],
      'follow-up': [],
      trend: [],
      model: [],
    });
    await page.close();
  });

  it('shows the ROI slice, its source and QC, and the single Rad-score with what follow-up CTs will add', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.low));
    await settled(page);
    await openScreen(page, 'ct');
    await page.locator('figure.roi[data-state="loaded"]').waitFor({ timeout: 30_000 });
    const size = await page
      .locator('figure.roi img')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok(size > 200, `${size} px`);
    assert.equal(await page.locator('[data-level]').innerText(), 'T6');
    assert.match(await page.locator('[data-qc]').innerText(), /Passed\s+yes/);
    await openScreen(page, 'trend');
    assert.equal(await page.locator('[data-trend-table] tbody tr').count(), 1);
    assert.match(await page.locator('[data-single-point]').innerText(), /Follow-up CTs will add points/);
    await page.close();
  });

  it('creates a draft PET-CT ServiceRequest when the write scope is granted', async () => {
    const page = await newPage();
    await page.goto(ehrLaunchUrl(stack.patients.high));
    await settled(page);
    await openScreen(page, 'follow-up');
    await page.locator('[data-create-order]').click();
    const created = page.locator('[data-created]');
    await created.waitFor({ timeout: 30_000 });
    const id = (await created.getAttribute('data-created')) ?? '';
    const sr = await stack.cds.fhir.read('ServiceRequest', id);
    assert.equal(sr?.status, 'draft');
    assert.equal(sr?.intent, 'proposal');
    assert.equal((sr?.subject as { reference: string }).reference, `Patient/${stack.patients.high}`);
    assert.equal((sr?.code as { coding: { code: string }[] }).coding[0]?.code, '450436003');
    await page.close();
  });

  it('shows the suggestion without the order button, saying why, when the write scope was not granted', async () => {
    const page = await newPage();
    await launchStandalone(page, appUrl, stack.cds.fhir.baseUrl, stack.patients.high, [
      'patient/ServiceRequest.c',
    ]);
    await settled(page);
    await openScreen(page, 'follow-up');
    assert.equal(await page.locator('[data-follow-up="suggested"]').count(), 1);
    assert.equal(await page.locator('[data-create-order]').count(), 0);
    assert.match(
      await page.locator('[data-order-unavailable]').innerText(),
      /did not grant this app the right/,
    );
    await page.close();
  });
});
