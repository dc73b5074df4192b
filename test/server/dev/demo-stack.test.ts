import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdsResponseViolations } from '../../../server/cds/card-schema.ts';
import { startDemoStack } from '../../../server/dev/demo-stack.ts';
import type { DemoStack } from '../../../server/dev/demo-stack.ts';

/**
 * The demo stack as `npm start` runs it (on free ports, with its own cache folder): it comes up, every demo
 * patient fired through /dev/fire gets a valid CDS Hooks card saying what the library computed for her directly
 * from her phantom, and a second start from the cache is fast.
 */
const cache = mkdtempSync(join(tmpdir(), 'bonemet-demo-'));
const ports = { servicePort: 0, fhirPort: 0, orthancPort: 0 };
let stack: DemoStack | undefined;
const timings: Record<string, number> = {};

/** What a patient's card must say for her expected category. */
const expectedSummary: Record<string, RegExp> = {
  high: /bone-metastasis risk (?:[<>] )?\d+ % \(high\); consider follow-up PET-CT$/,
  low: /bone-metastasis risk (?:[<>] )?\d+ % \(low\)$/,
  'missing-inputs': /^Bone-metastasis risk not computed: .*missing/,
  'no-ct': /^Bone-metastasis risk not computed: no chest CT on record$/,
};

describe('the demo stack', { timeout: 600_000 }, () => {
  before(async () => {
    const t0 = Date.now();
    stack = await startDemoStack({ ...ports, cacheDir: cache, log: () => {} });
    timings.first = Date.now() - t0;
  });
  after(async () => {
    await stack?.stop();
    rmSync(cache, { recursive: true, force: true });
    process.stderr.write(`demo stack start: first ${timings.first} ms, again ${timings.again} ms\n`);
  });

  it('lists the demo patients with their scenarios and expected categories', async () => {
    const res = await fetch(`${stack?.serviceUrl}/dev/patients`);
    const patients = (await res.json()) as { id: string; scenario: string; expectedCategory: string }[];
    assert.deepEqual(
      patients.map((p) => p.scenario),
      [
        'radiologist-roi',
        'automatic-roi',
        'automatic-roi',
        'radiologist-roi',
        'no-receptor-results',
        'no-ct',
        'automatic-roi-one-level-off',
      ],
    );
    assert.deepEqual(
      new Set(patients.map((p) => p.expectedCategory)),
      new Set(['high', 'low', 'missing-inputs', 'no-ct']),
    );
  });

  it('gives every demo patient fired through /dev/fire a valid card with her expected answer', async () => {
    for (const p of stack?.patients ?? []) {
      const res = await fetch(`${stack?.serviceUrl}/dev/fire/${p.id}`, { method: 'POST' });
      const { status, body } = (await res.json()) as {
        status: number;
        body: { cards: Record<string, unknown>[] };
      };
      assert.equal(status, 200, p.name);
      assert.deepEqual(cdsResponseViolations(body), [], p.name);
      const [card] = body.cards;
      assert.match(String(card.summary), expectedSummary[p.expectedCategory], `${p.name} (${p.scenario})`);
      assert.match(String(card.detail), /synthetic data, not for clinical use/);
      if (p.expectedCategory === 'high') {
        const suggestion = (card.suggestions as { actions: { resource: { resourceType: string } }[] }[])[0];
        assert.equal(suggestion.actions[0].resource.resourceType, 'ServiceRequest');
      }
    }
  });

  it('accepts a suggestion by creating the draft order, and launches the app with iss and a launch value', async () => {
    const high = stack?.patients.find((p) => p.expectedCategory === 'high');
    assert.ok(high !== undefined && stack !== undefined);
    const fired = (await (
      await fetch(`${stack.serviceUrl}/dev/fire/${high.id}`, { method: 'POST' })
    ).json()) as {
      body: { cards: { suggestions: unknown[]; links: { url: string }[] }[] };
    };
    const [card] = fired.body.cards;
    const accept = await fetch(`${stack.serviceUrl}/dev/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patientId: high.id, suggestion: card.suggestions[0] }),
    });
    const { created } = (await accept.json()) as { created: string[] };
    assert.match(created[0], /^ServiceRequest\/[0-9a-f-]+$/);
    const launch = await fetch(`${stack.serviceUrl}/dev/launch/${high.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: card.links[0].url }),
    });
    const url = new URL(((await launch.json()) as { url: string }).url);
    assert.equal(url.origin + url.pathname, `${stack.serviceUrl}/app/launch.html`);
    assert.equal(url.searchParams.get('iss'), stack.fhirUrl);
    assert.ok((url.searchParams.get('launch') ?? '').length > 10);
    const evil = await fetch(`${stack.serviceUrl}/dev/launch/${high.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://elsewhere.example/app' }),
    });
    assert.equal(evil.status, 400);
  });

  it('serves the model card the cards link to, with the synthetic-data banner', async () => {
    const res = await fetch(`${stack?.serviceUrl}/models/bonemet-risk-demo`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Trained on synthetic data/);
  });

  it('starts again from its cache (cohort rendered and studies stored once)', async () => {
    await stack?.stop();
    const t0 = Date.now();
    const lines: string[] = [];
    stack = await startDemoStack({ ...ports, cacheDir: cache, log: (l) => lines.push(l) });
    timings.again = Date.now() - t0;
    assert.ok(!lines.some((l) => /demo cohort: \d\/7|stored SYN/.test(l)), lines.join('\n'));
    assert.equal(stack.patients.length, 7);
  });
});
