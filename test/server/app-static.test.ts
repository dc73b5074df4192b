import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { parseModelArtifact, parseParams } from '../../src/index.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

/** The service serving the built SMART app under /app/ (a stand-in build in a temp folder) and its model. */

const dir = mkdtempSync(join(tmpdir(), 'bonemet-app-dist-'));
const params = parseParams('setting:\n  binWidth: 25\n');
const make = (appDir: string) =>
  createApp({
    config: loadConfig({ BONEMET_AUTH: 'off' }),
    params,
    appDir,
    logger: pino({ level: 'silent' }),
  });

describe('the app under /app/ and GET /api/model', () => {
  before(() => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>index page</title>');
    writeFileSync(join(dir, 'launch.html'), '<!doctype html><title>launch page</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'export {};');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the pages framable by any origin, with connections to FHIR servers allowed and scripts only from itself', async () => {
    const res = await request(make(dir)).get('/app/launch.html').expect(200);
    assert.match(res.text, /launch page/);
    assert.equal(res.headers['x-frame-options'], undefined);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors \*/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /connect-src 'self' https: http:/);
    assert.equal(res.headers['cache-control'], 'no-cache');
  });

  it('answers the index page for the app root and any other path under /app/, caches hashed assets for good', async () => {
    const app = make(dir);
    assert.match((await request(app).get('/app/').expect(200)).text, /index page/);
    assert.match((await request(app).get('/app/some/screen').expect(200)).text, /index page/);
    const asset = await request(app).get('/app/assets/main-abc123.js').expect(200);
    assert.match(String(asset.headers['cache-control']), /immutable/);
    const api = await request(app).get('/healthz').expect(200);
    assert.equal(api.headers['x-frame-options'], 'SAMEORIGIN', 'the API keeps helmet’s defaults');
  });

  it('answers 503 saying how to build when the app is not built', async () => {
    const res = await request(make(join(dir, 'missing')))
      .get('/app/')
      .expect(503);
    assert.match(res.text, /npm run build:app/);
  });

  it('gives the model artifact, valid, with an ETag that revalidates', async () => {
    const app = make(dir);
    const res = await request(app).get('/api/model').expect(200);
    const model = parseModelArtifact(res.body);
    assert.equal(model.id, 'bonemet-risk-demo');
    assert.equal(model.trainingData.synthetic, true);
    await request(app).get('/api/model').set('If-None-Match', String(res.headers.etag)).expect(304);
  });
});
