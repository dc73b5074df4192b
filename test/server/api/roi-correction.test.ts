import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { makeCohort } from '../../../src/synth/cohort.ts';
import type { CohortPatient } from '../../../src/synth/cohort.ts';
import { parseParams } from '../../../src/radiomics/params.ts';
import { createDicomWebSource } from '../../../src/dicom/dicomweb-source.ts';
import { readSegmentation } from '../../../src/dicom/seg-reader.ts';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { loadConfig } from '../../../server/config.ts';
import { createAnalysisRunner } from '../../../server/analysis/create-runner.ts';
import type { AnalysisRunner } from '../../../server/analysis/analysis-runner.ts';
import { HOOK, startCdsStack } from '../../support/cds-stack.ts';
import type { CdsStack } from '../../support/cds-stack.ts';
import { levelOffPhantom, refusedPhantom } from '../../support/app-stack.ts';
import { startRedis } from '../../support/redis.ts';
import type { RedisTestServer } from '../../support/redis.ts';
import { launchToken } from '../../support/smart-launch.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

/**
 * POST /api/roi/<analysis id> against real servers on loopback: Orthanc (the reviewed ROI stored as DICOM SEG by
 * STOW-RS), the Medplum FHIR server behind the dev SMART authorization server (tokens from real launches, token
 * introspection, the Provenance), and two service replicas sharing a real redis-server (the corrected result
 * reaches the replica that did not make it).
 */

const CLIENT = 'bonemet-risk';
const REDIRECT = 'http://127.0.0.1:9/app/';
const READ =
  'launch openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs patient/ImagingStudy.rs patient/Endpoint.rs';
const WRITE = `${READ} patient/Provenance.c`;

interface View {
  status: string;
  radScore?: number;
  risk?: { probability: number };
  analysis?: {
    id: string;
    stage?: string;
    roi: { kind?: string; level?: string; review?: Record<string, string> } | null;
    review?: {
      bodies: { label: string; zRangeMm: [number, number] }[];
      level: string | null;
      pictureUrl: string;
      correctable: boolean;
    };
  };
}

let cds: CdsStack;
let redis: RedisTestServer;
const runners: AnalysisRunner[] = [];
const servers: Server[] = [];
const replicas: string[] = [];
let lowP: CohortPatient;
let levelOff: string;
let refused: string;

const listen = (app: Parameters<typeof createServer>[1]): Promise<string> =>
  new Promise((resolve) => {
    const s = createServer(app);
    servers.push(s);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a !== null ? a.port : 0}`);
    });
  });

async function riskView(replica: string, patient: string, token: string): Promise<View> {
  const u = new URL('/api/risk', replica);
  u.searchParams.set('patient', patient);
  u.searchParams.set('fhirServer', cds.fhir.baseUrl);
  for (;;) {
    const res = await fetch(u, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as View;
    if (res.status !== 202) {
      assert.equal(res.status, 200, JSON.stringify(body));
      return body;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

const correct = (
  replica: string,
  id: string,
  token: string,
  body: Record<string, unknown>,
): Promise<Response> =>
  fetch(new URL(`/api/roi/${id}`, replica), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ fhirServer: cds.fhir.baseUrl, ...body }),
  });

const token = async (
  patient: string,
  scope: string,
  extra: { tokenLifetimeSeconds?: number; user?: string } = {},
): Promise<string> =>
  (await launchToken(cds.fhir, { clientId: CLIENT, redirectUri: REDIRECT, scope, patient, ...extra }))
    .access_token;

async function segSeries(): Promise<{ uid: string; description: string }[]> {
  const res = await fetch(`${cds.orthanc.dicomWebUrl}/series?Modality=SEG&includefield=SeriesDescription`);
  const list = (await res.json()) as Record<string, { Value?: string[] }>[];
  return list.map((s) => ({
    uid: s['0020000E']?.Value?.[0] ?? '',
    description: s['0008103E']?.Value?.[0] ?? '',
  }));
}

const middle = (r: readonly [number, number]): number => (r[0] + r[1]) / 2;

describe('POST /api/roi: the ROI reviewed in the app', () => {
  before(async () => {
    cds = await startCdsStack({ smartAuth: { clients: [{ clientId: CLIENT, redirectUris: [REDIRECT] }] } });
    redis = await startRedis();
    const cohort = makeCohort(1);
    const found = cohort.find(
      (c) => !c.event && c.ki67Percent < 14 && findMarrowRoi(levelOffPhantom(c).image).level === 'T6',
    );
    assert.ok(found);
    lowP = found;
    levelOff = await cds.store({ ...lowP, id: `${lowP.id}-LO` }, false, levelOffPhantom(lowP));
    refused = await cds.store({ ...lowP, id: `${lowP.id}-RF` }, false, refusedPhantom(lowP));
    const env = cds.env({ BONEMET_REDIS_URL: redis.url });
    const params = parseParams(readFileSync(join(PROJECT_ROOT, 'params', 'study-1197.yaml'), 'utf8'));
    for (let i = 0; i < 2; i++) {
      const runner = createAnalysisRunner(loadConfig(env), params, pino({ level: 'silent' }));
      runners.push(runner);
      replicas.push(await listen(cds.makeApp({ env: { BONEMET_REDIS_URL: redis.url }, runner })));
    }
  });

  after(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await Promise.all(runners.map((r) => r.close()));
    await Promise.all([cds?.stop(), redis?.stop()]);
  });

  it('refuses a sign-in without the write scope, and an expired one, storing nothing', async () => {
    const readOnly = await token(levelOff, READ);
    const before = await riskView(replicas[0], levelOff, readOnly);
    assert.ok(before.analysis?.review?.correctable);
    const t6 = before.analysis.review.bodies.find((b) => b.label === 'T5');
    assert.ok(t6);
    const noScope = await correct(replicas[0], before.analysis.id, readOnly, {
      patient: levelOff,
      action: 'set-level',
      zMm: middle(t6.zRangeMm),
      level: 'T6',
    });
    assert.equal(noScope.status, 403);
    assert.match(
      ((await noScope.json()) as { error: string }).error,
      /does not allow changes to the record.*patient\/Provenance\.c/,
    );
    const shortLived = await token(levelOff, WRITE, { tokenLifetimeSeconds: 1 });
    await new Promise((r) => setTimeout(r, 1300));
    const expired = await correct(replicas[0], before.analysis.id, shortLived, {
      patient: levelOff,
      action: 'confirm',
    });
    assert.equal(expired.status, 401);
    assert.match(((await expired.json()) as { error: string }).error, /expired/);
    assert.deepEqual(await segSeries(), []);
    const provenance = await fetch(`${cds.fhir.baseUrl}/Provenance`, {
      headers: { authorization: `Bearer ${cds.fhir.auth?.adminToken}` },
    });
    assert.equal(((await provenance.json()) as { total?: number; entry?: unknown[] }).entry?.length ?? 0, 0);
  });

  it('moves a one-level-off ROI to T6: SEG in Orthanc, Provenance, new risk on both replicas and in the next card', async () => {
    const write = await token(levelOff, WRITE, { user: 'Dr Ada Reviewer' });
    const [a, b] = await Promise.all(replicas.map((r) => riskView(r, levelOff, write)));
    assert.equal(a.analysis?.id, b.analysis?.id);
    assert.equal(a.analysis?.roi?.kind, 'automatic');
    assert.equal(a.analysis?.roi?.level, 'T6');
    const bodies = a.analysis?.review?.bodies ?? [];
    // The automatic count named L1 T12 (a lumbar rib): the true T6 is the body it calls T5 (its "T6" is truly T7).
    const trueT6 = levelOffPhantom(lowP).truth.levels.find((l) => l.label === 'T6');
    assert.ok(trueT6);
    const picked = bodies.find((x) => Math.abs(middle(x.zRangeMm) - middle(trueT6.zRangeMm)) < 5);
    assert.equal(picked?.label, 'T5');
    const png = await fetch(new URL(a.analysis?.review?.pictureUrl ?? '', replicas[1]));
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.ok((await png.arrayBuffer()).byteLength > 10_000);

    const res = await correct(replicas[0], a.analysis?.id ?? '', write, {
      patient: levelOff,
      action: 'set-level',
      zMm: middle(picked.zRangeMm),
      level: 'T6',
    });
    const corrected = (await res.json()) as View & { provenance?: string };
    assert.equal(res.status, 200, JSON.stringify(corrected));
    assert.equal(corrected.analysis?.roi?.kind, 'segmentation');
    assert.deepEqual(
      { ...corrected.analysis?.roi?.review, time: undefined },
      { action: 'corrected', fromLevel: 'T5', level: 'T6', reviewer: 'Dr Ada Reviewer', time: undefined },
    );
    assert.notEqual(corrected.analysis?.id, a.analysis?.id);
    assert.notEqual(corrected.risk?.probability, a.risk?.probability);
    assert.match(corrected.provenance ?? '', /^Provenance\//);

    // The SEG is in the CT's study, on the true T6.
    const segs = await segSeries();
    assert.equal(segs.length, 1);
    assert.equal(segs[0].description, 'BoneMet Risk reviewed marrow ROI');
    const phantom = levelOffPhantom(lowP);
    const studyRes = await fetch(
      `${cds.orthanc.dicomWebUrl}/series?SeriesInstanceUID=${segs[0].uid}&includefield=StudyInstanceUID`,
    );
    const study =
      ((await studyRes.json()) as Record<string, { Value?: string[] }>[])[0]['0020000D']?.Value?.[0] ?? '';
    const dicomweb = createDicomWebSource({
      baseUrl: cds.orthanc.dicomWebUrl,
      allowedOrigins: [new URL(cds.orthanc.dicomWebUrl).origin],
    });
    const [file] = await dicomweb.retrieveSeries({ studyInstanceUid: study, seriesInstanceUid: segs[0].uid });
    const seg = readSegmentation(file, phantom.image.grid, 'the reviewed SEG');
    let inBoth = 0;
    let inSeg = 0;
    let inTruth = 0;
    for (let i = 0; i < seg.mask.data.length; i++) {
      const s = seg.mask.data[i] !== 0;
      const t = phantom.marrow.data[i] !== 0;
      if (s) inSeg++;
      if (t) inTruth++;
      if (s && t) inBoth++;
    }
    // The stored ROI is the one built at the true T6, and lies inside that vertebra's marrow.
    const atT6 = findMarrowRoi(phantom.image, { levelAt: { zMm: middle(picked.zRangeMm), level: 'T6' } });
    assert.equal(atT6.level, 'T6');
    assert.deepEqual(seg.mask.data, atT6.mask?.data);
    assert.ok(
      inBoth / inSeg >= 0.95,
      `${((100 * inBoth) / inSeg).toFixed(1)} % of the ROI in the true T6 marrow`,
    );
    assert.ok(inTruth > inSeg);
    assert.equal(seg.content.creatorName?.replace(/\^/g, ' ').trim(), 'Dr Ada Reviewer');

    // The other replica, which kept the automatic result, answers the corrected one.
    const other = await riskView(replicas[1], levelOff, write);
    assert.equal(other.analysis?.id, corrected.analysis?.id);
    assert.equal(other.risk?.probability, corrected.risk?.probability);

    // The next card, from either replica, says who corrected the ROI.
    const hook = await fetch(new URL(HOOK, replicas[1]), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await cds.jwt()}` },
      body: JSON.stringify(
        cds.hookBody(levelOff, {
          fhirAuthorization: {
            access_token: cds.fhir.auth?.adminToken,
            token_type: 'Bearer',
            expires_in: 300,
            scope: 'patient/*.read',
            subject: 'bonemet',
          },
        }),
      ),
    });
    const cards = ((await hook.json()) as { cards: { summary: string; detail: string }[] }).cards;
    assert.equal(cards.length, 1);
    assert.match(
      cards[0].detail,
      /corrected by Dr Ada Reviewer on \d{4}-\d{2}-\d{2} \(the vertebra counted as T5 is T6\)/,
    );
    const pct = Math.round((corrected.risk?.probability ?? 0) * 100);
    assert.match(cards[0].summary, new RegExp(`${pct} %|${pct}%`));
  });

  it('gives a Rad-score once a person names T6 on a scan the automatic ROI refused', async () => {
    const write = await token(refused, WRITE);
    const before = await riskView(replicas[1], refused, write);
    assert.equal(before.status, 'unavailable');
    assert.equal(before.analysis?.stage, 'roi');
    assert.equal(before.analysis?.review?.level, null);
    const trueT6 = refusedPhantom(lowP).truth.levels.find((l) => l.label === 'T6');
    assert.ok(trueT6);
    const body = before.analysis?.review?.bodies.find(
      (x) => Math.abs(middle(x.zRangeMm) - middle(trueT6.zRangeMm)) < 5,
    );
    assert.ok(body, 'the spine picture lists the true T6 among its bodies');
    assert.equal(body.label, '?');
    const res = await correct(replicas[1], before.analysis?.id ?? '', write, {
      patient: refused,
      action: 'set-level',
      zMm: middle(body.zRangeMm),
      level: 'T6',
    });
    const after = (await res.json()) as View;
    assert.equal(res.status, 200, JSON.stringify(after));
    assert.equal(after.status, 'complete');
    assert.equal(typeof after.radScore, 'number');
    assert.deepEqual(
      { ...after.analysis?.roi?.review, time: undefined, reviewer: undefined },
      { action: 'corrected', fromLevel: '?', level: 'T6', time: undefined, reviewer: undefined },
    );
  });

  it('refuses a position on no vertebra with the reason, and an analysis of another patient', async () => {
    const write = await token(refused, WRITE);
    const view = await riskView(replicas[0], refused, write);
    const off = await correct(replicas[0], view.analysis?.id ?? '', write, {
      patient: refused,
      action: 'set-level',
      zMm: 5000,
      level: 'T6',
    });
    assert.equal(off.status, 422);
    assert.match(((await off.json()) as { error: string }).error, /no vertebral body at z 5000\.0 mm/);
    const lo = await riskView(replicas[0], levelOff, await token(levelOff, WRITE));
    const cross = await correct(replicas[0], lo.analysis?.id ?? '', write, {
      patient: refused,
      action: 'confirm',
    });
    assert.equal(cross.status, 404);
  });
});
