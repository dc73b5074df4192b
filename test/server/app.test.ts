import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:net';
import request from 'supertest';
import { PNG } from 'pngjs';
import { makeCohort } from '../../src/synth/cohort.ts';
import { findMarrowRoi } from '../../src/roi/marrow-roi.ts';
import { cdsResponseViolations } from '../../server/cds/card-schema.ts';
import { percentText } from '../../server/cds/risk-card.ts';
import { InProcessRunner } from '../../server/analysis/analysis-runner.ts';
import { HOOK, phantomOf, PUBLIC_URL, startCdsStack } from '../support/cds-stack.ts';
import type { CdsStack } from '../support/cds-stack.ts';

/**
 * The CDS service end to end on loopback: a real FHIR server (Medplum) and a real DICOMweb server (Orthanc)
 * hold two synthetic patients of the demo model's cohort: the event patient with the strongest marrow signal
 * (her T6 drawn as a DICOM SEG) and the non-event patient with the weakest (automatic ROI).
 */

let stack: CdsStack;
let app: ReturnType<CdsStack['makeApp']>;
let runner: InProcessRunner;
const patientIds: Record<'high' | 'low' | 'contrast', string> = { high: '', low: '', contrast: '' };
const jwt = (aud?: string): Promise<string> => stack.jwt(aud);
const hookBody = (patientId: string, extra: Record<string, unknown> = {}) => stack.hookBody(patientId, extra);
const makeApp = (env: Record<string, string> = {}) => stack.makeApp({ env, runner });

describe('the CDS service', () => {
  before(async () => {
    stack = await startCdsStack();
    const store = stack.store.bind(stack);
    const cohort = makeCohort(1);
    const byFactor = [...cohort].sort((a, b) => b.marrowFactor - a.marrowFactor);
    const high = byFactor.find((p) => p.event && p.ki67Percent >= 14);
    assert.ok(high !== undefined);
    patientIds.high = await store(high, true);
    // The low-risk patient: the weakest marrow signal among non-events whose phantom the automatic ROI labels
    // (a few phantoms' rib counts are refused, as the demo model's training also found).
    for (const p of [...byFactor].reverse().filter((c) => !c.event && c.ki67Percent < 14)) {
      const phantom = phantomOf(p);
      if (findMarrowRoi(phantom.image).level === 'T6') {
        patientIds.low = await store(p, false, phantom);
        break;
      }
    }
    assert.notEqual(patientIds.low, '');
    const other = byFactor[Math.floor(byFactor.length / 2)];
    patientIds.contrast = await store(other, false, phantomOf(other), { contrastBolusAgent: 'Iomeron 350' });
    runner = new InProcessRunner();
    app = makeApp();
  });
  after(async () => {
    await stack?.stop();
  });

  it('lists the service with its prefetch templates', async () => {
    const res = await request(app).get('/cds-services').expect(200);
    assert.equal(res.body.services[0].id, 'bone-metastasis-risk');
    assert.equal(res.body.services[0].hook, 'patient-view');
    assert.match(
      res.body.services[0].prefetch.observations,
      /^Observation\?patient=\{\{context\.patientId\}\}&code=http:\/\/loinc\.org\|85337-4/,
    );
  });

  it('gives the high-risk patient a warning card with the PET-CT suggestion and the app link, valid CDS Hooks 2.0', async () => {
    const res = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(patientIds.high))
      .expect(200);
    assert.deepEqual(cdsResponseViolations(res.body), []);
    const [card] = res.body.cards;
    assert.equal(card.indicator, 'warning', card.summary);
    assert.match(
      card.summary,
      /^Demo \(synthetic\) model: 5-year bone-metastasis risk (?:[<>] )?\d+ % \(high\); consider follow-up PET-CT$/,
    );
    assert.equal(card.suggestions[0].actions[0].resource.resourceType, 'ServiceRequest');
    assert.equal(card.links[0].type, 'smart');
    assert.match(card.detail, /ROI: the study's segmentation/);
  });

  it('gives the low-risk patient an info card from the automatic ROI', async () => {
    const res = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(patientIds.low))
      .expect(200);
    assert.deepEqual(cdsResponseViolations(res.body), []);
    const [card] = res.body.cards;
    assert.equal(card.indicator, 'info', card.summary);
    assert.match(card.summary, /\(low\)$/);
    assert.match(card.detail, /ROI: automatic T6 vertebral marrow/);
  });

  it('answers the same card from prefetch as from the FHIR server, and analyses each series once', async () => {
    const fromServer = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(patientIds.high))
      .expect(200);
    const base = stack.fhir.baseUrl;
    const get = async (path: string) => (await fetch(`${base}/${path}`)).json();
    const pid = patientIds.high;
    const prefetch = {
      patient: await get(`Patient/${pid}`),
      observations: await get(`Observation?patient=${pid}`),
      conditions: await get(`Condition?patient=${pid}`),
      imagingStudies: await get(`ImagingStudy?patient=${pid}`),
    };
    const studies = prefetch.imagingStudies as {
      entry: { resource: { endpoint?: { reference: string }[] } }[];
    };
    const endpoints = studies.entry.flatMap((e) => e.resource.endpoint ?? []);
    for (const ref of endpoints) studies.entry.push({ resource: (await get(ref.reference)) as object });
    const requestsBefore = stack.fhir.requests.length;
    const fromPrefetch = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(pid, { prefetch }))
      .expect(200);
    assert.equal(stack.fhir.requests.length, requestsBefore, 'no FHIR request with a complete prefetch');
    const strip = (b: { cards: Record<string, unknown>[] }) =>
      JSON.stringify(b.cards, (k, v) => (k === 'uuid' ? undefined : v));
    assert.equal(strip(fromPrefetch.body), strip(fromServer.body));
    assert.equal(runner.started, 2);
  });

  it('refuses a request without a valid JWT with 401', async () => {
    await request(app).post(HOOK).send(hookBody(patientIds.low)).expect(401);
    await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt(`${PUBLIC_URL}/cds-services/other`)}`)
      .send(hookBody(patientIds.low))
      .expect(401);
    const token = await jwt();
    await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${token}`)
      .send(hookBody(patientIds.low))
      .expect(200);
    await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${token}`)
      .send(hookBody(patientIds.low))
      .expect(401);
  });

  it('never connects to a host off the allow-list: not a fhirServer named in the request, not a redirect from an allowed one', async () => {
    let connections = 0;
    const trap: Server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.2', r));
    const trapUrl = `http://127.0.0.2:${(trap.address() as { port: number }).port}/fhir`;
    // An allowed FHIR server that redirects every request to the trap.
    const redirector = createHttpServer((req, res) =>
      res.writeHead(302, { location: `${trapUrl}${req.url ?? ''}` }).end(),
    );
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const redirectorUrl = `http://127.0.0.1:${(redirector.address() as { port: number }).port}/fhir`;
    try {
      const offList = await request(app)
        .post(HOOK)
        .set('Authorization', `Bearer ${await jwt()}`)
        .send({ ...hookBody(patientIds.low), fhirServer: trapUrl });
      assert.equal(offList.status, 400);
      const redirecting = makeApp({ BONEMET_FHIR_ALLOWLIST: new URL(redirectorUrl).origin });
      const redirected = await request(redirecting)
        .post(HOOK)
        .set('Authorization', `Bearer ${await jwt()}`)
        .send({ ...hookBody(patientIds.low), fhirServer: redirectorUrl });
      assert.equal(redirected.status, 412);
      assert.equal(connections, 0);
    } finally {
      trap.close();
      redirector.close();
    }
  });

  it('answers 412 without prefetch when the FHIR server cannot be read, an info card for a patient without a CT', async () => {
    const unknown = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody('no-such-patient'));
    assert.equal(unknown.status, 200);
    assert.deepEqual(cdsResponseViolations(unknown.body), []);
    assert.match(unknown.body.cards[0].summary, /not computed/);
    const noServer: Record<string, unknown> = hookBody(patientIds.low);
    delete noServer.fhirServer;
    await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(noServer)
      .expect(412);
  });

  it('answers 412 when the FHIR server errs or stalls', async () => {
    const erring = createHttpServer((_req, res) =>
      res
        .writeHead(500, { 'content-type': 'application/fhir+json' })
        .end('{"resourceType":"OperationOutcome","issue":[{"severity":"fatal","code":"exception"}]}'),
    );
    const stalled: Server = createServer(() => {}); // accepts, never answers
    await Promise.all([
      new Promise<void>((r) => erring.listen(0, '127.0.0.1', r)),
      new Promise<void>((r) => stalled.listen(0, '127.0.0.1', r)),
    ]);
    const urlOf = (s: { address(): unknown }) => `http://127.0.0.1:${(s.address() as { port: number }).port}`;
    try {
      const both = makeApp({ BONEMET_FHIR_ALLOWLIST: `${urlOf(erring)},${urlOf(stalled)}` });
      for (const server of [erring, stalled]) {
        const t0 = Date.now();
        const res = await request(both)
          .post(HOOK)
          .set('Authorization', `Bearer ${await jwt()}`)
          .send({ ...hookBody(patientIds.low), fhirServer: `${urlOf(server)}/fhir` });
        assert.equal(res.status, 412, res.text);
        assert.ok(Date.now() - t0 < 15_000, `answered after ${Date.now() - t0} ms`);
      }
    } finally {
      erring.close();
      stalled.close();
    }
  });

  it('gives an informative card, not an error, when the automatic ROI fails its QC', async () => {
    const res = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(patientIds.contrast))
      .expect(200);
    assert.deepEqual(cdsResponseViolations(res.body), []);
    assert.equal(
      res.body.cards[0].summary,
      'Bone-metastasis risk not computed: the T6 marrow could not be located automatically; review it in the app',
    );
    assert.match(res.body.cards[0].detail, /ContrastBolusAgent "Iomeron 350".*\(contrast-enhanced\)/);
  });

  it('answers at least 50 malformed requests with a 4xx, never a 5xx', async () => {
    const bodies: unknown[] = [
      'not json at all',
      '{"hook": "patient-view"',
      '[]',
      'null',
      '42',
      { hook: 'order-select' },
      { ...hookBody(patientIds.low), context: { patientId: '../../etc/passwd' } },
      { ...hookBody(patientIds.low), fhirServer: 'file:///etc/passwd' },
      { ...hookBody(patientIds.low), fhirServer: 'gopher://x' },
      { ...hookBody(patientIds.low), fhirAuthorization: { access_token: '' } },
      { ...hookBody(patientIds.low), prefetch: 'nope' },
    ];
    for (const k of ['hook', 'hookInstance', 'fhirServer', 'fhirAuthorization', 'context']) {
      for (const bad of [null, 7, [], true, { nested: 1 }])
        bodies.push({ ...hookBody(patientIds.low), [k]: bad });
    }
    for (const patientId of ['', 'a/b', 'x'.repeat(100), '../..', '%00', '<script>', 'Patient/1', ' ']) {
      bodies.push({ ...hookBody(patientIds.low), context: { patientId } });
    }
    for (const fhirServer of [
      'ftp://h/fhir',
      'http://',
      'javascript:alert(1)',
      '//evil.example/fhir',
      'http://10.0.0.1/fhir',
    ]) {
      bodies.push({ ...hookBody(patientIds.low), fhirServer });
    }
    bodies.push({ ...hookBody(patientIds.low), hookInstance: 'x'.repeat(200) });
    assert.ok(bodies.length >= 50, `${bodies.length} bodies`);
    for (const body of bodies) {
      const r = request(app)
        .post(HOOK)
        .set('Authorization', `Bearer ${await jwt()}`);
      const res =
        typeof body === 'string'
          ? await r.set('Content-Type', 'application/json').send(body)
          : await r.send(body as object);
      assert.ok(
        res.status >= 400 && res.status < 500,
        `${res.status} for ${JSON.stringify(body).slice(0, 80)}`,
      );
    }
    const big = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send({ pad: 'x'.repeat(2_000_000) });
    assert.equal(big.status, 413);
  });

  it("gives the SMART app the patient's view: inputs with provenance, ROI, Rad-score, risk and RiskAssessment", async () => {
    const before = stack.fhir.authorizations.length;
    const res = await request(app)
      .get('/api/risk')
      .query({ patient: patientIds.high, fhirServer: stack.fhir.baseUrl })
      .set('Authorization', 'Bearer smart-token')
      .expect(200);
    assert.equal(res.body.status, 'complete');
    assert.equal(res.body.model.synthetic, true);
    assert.match(res.body.inputs.ki67.provenance.reference, /^Observation\//);
    assert.equal(res.body.analysis.roi.kind, 'segmentation');
    assert.equal(res.body.risk.category, 'high');
    assert.equal(res.body.riskAssessment.resourceType, 'RiskAssessment');
    assert.equal(res.body.riskAssessment.prediction[0].probabilityDecimal, res.body.risk.probability);
    const hook = await request(app)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(patientIds.high))
      .expect(200);
    assert.ok(
      hook.body.cards[0].summary.includes(`risk ${percentText(res.body.risk.probability)} `),
      hook.body.cards[0].summary,
    );
    assert.deepEqual(
      new Set(stack.fhir.authorizations.slice(before, before + 5)),
      new Set(['Bearer smart-token']),
    );
  });

  it('shows the ROI on its CT slice as a PNG at the address the view gives, and 404 for any other id', async () => {
    const view = await request(app)
      .get('/api/risk')
      .query({ patient: patientIds.high, fhirServer: stack.fhir.baseUrl })
      .set('Authorization', 'Bearer smart-token')
      .expect(200);
    assert.match(view.body.roiPreviewUrl, /^\/api\/roi-preview\/[0-9a-f]{32}\.png$/);
    const png = await request(app)
      .get(view.body.roiPreviewUrl)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    assert.equal(png.headers['content-type'], 'image/png');
    const image = PNG.sync.read(png.body as Buffer);
    assert.ok(image.width >= 3 * Math.round(80 / 0.7) - 3, `${image.width} px wide`);
    let tinted = 0;
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i] > image.data[i + 1] + 40) tinted++;
    assert.ok(tinted > 100, `${tinted} ROI pixels tinted`);
    await request(app)
      .get(`/api/roi-preview/${'0'.repeat(32)}.png`)
      .expect(404);
    await request(app).get('/api/roi-preview/../../etc/passwd').expect(404);
  });

  it('refuses the app without a token (401), with a FHIR server off the allow-list (400), and for an unknown patient (404)', async () => {
    await request(app)
      .get('/api/risk')
      .query({ patient: patientIds.high, fhirServer: stack.fhir.baseUrl })
      .expect(401);
    await request(app)
      .get('/api/risk')
      .query({ patient: patientIds.high, fhirServer: 'http://127.0.0.2:9/fhir' })
      .set('Authorization', 'Bearer t')
      .expect(400);
    await request(app)
      .get('/api/risk')
      .query({ patient: '../x', fhirServer: stack.fhir.baseUrl })
      .set('Authorization', 'Bearer t')
      .expect(400);
    await request(app)
      .get('/api/risk')
      .query({ patient: 'nobody', fhirServer: stack.fhir.baseUrl })
      .set('Authorization', 'Bearer t')
      .expect(404);
  });

  it('says the CT analysis is in progress when the budget runs out, and answers from the cache afterwards', async () => {
    runner = new InProcessRunner();
    const fast = makeApp({ BONEMET_HOOK_BUDGET_MS: '50' });
    const first = await request(fast)
      .post(HOOK)
      .set('Authorization', `Bearer ${await jwt()}`)
      .send(hookBody(patientIds.low))
      .expect(200);
    assert.match(first.body.cards[0].summary, /CT analysis in progress/);
    assert.deepEqual(cdsResponseViolations(first.body), []);
    for (let i = 0; i < 100; i++) {
      const again = await request(fast)
        .post(HOOK)
        .set('Authorization', `Bearer ${await jwt()}`)
        .send(hookBody(patientIds.low))
        .expect(200);
      if (!/in progress/.test(again.body.cards[0].summary)) {
        assert.match(again.body.cards[0].summary, /\(low\)$/);
        assert.equal(runner.started, 1);
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.fail('the analysis never finished');
  });

  it('precomputes a clinic list ahead of the visits, so the hook answers from the cache', async () => {
    runner = new InProcessRunner();
    const fast = makeApp({ BONEMET_HOOK_BUDGET_MS: '50' });
    const fhirServer = stack.fhir.baseUrl;
    await request(fast)
      .post('/api/precompute')
      .send({ fhirServer, patients: [patientIds.high] })
      .expect(401);
    for (const patients of [[], ['not an id!'], Array.from({ length: 101 }, (_, i) => `p${i}`)]) {
      await request(fast)
        .post('/api/precompute')
        .set('Authorization', 'Bearer t')
        .send({ fhirServer, patients })
        .expect(400);
    }
    await request(fast)
      .post('/api/precompute')
      .set('Authorization', 'Bearer t')
      .send({ fhirServer: 'https://elsewhere.example/fhir', patients: [patientIds.high] })
      .expect(400);
    const res = await request(fast)
      .post('/api/precompute')
      .set('Authorization', 'Bearer t')
      .send({ fhirServer, patients: [patientIds.high, 'nobody'] })
      .expect(202);
    assert.deepEqual(res.body.patients, [
      { patient: patientIds.high, status: 'started' },
      { patient: 'nobody', status: 'not-found' },
    ]);
    assert.equal(runner.started, 1);
    let summary = '';
    for (let i = 0; i < 100; i++) {
      const card = await request(fast)
        .post(HOOK)
        .set('Authorization', `Bearer ${await jwt()}`)
        .send(hookBody(patientIds.high))
        .expect(200);
      summary = card.body.cards[0].summary;
      if (!/in progress/.test(summary)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(summary, /risk (?:[<>] )?\d+ % \(high\)/);
    assert.equal(runner.started, 1);
  });
});
