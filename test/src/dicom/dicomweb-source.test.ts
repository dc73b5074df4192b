import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  ACCEPT_ANY_TRANSFER_SYNTAX,
  chooseCtSeries,
  createDicomWebSource,
} from '../../../src/dicom/dicomweb-source.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { DicomError, DicomWebError } from '../../../src/errors.ts';
import { integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';

/** A scripted DICOMweb server on loopback: answers QIDO and WADO for one series, with failures on demand. */
interface Script {
  failFirst: number;
  failStatus: number;
  delayMs: number;
  redirect: boolean;
}

const STUDY = '1.2.826.0.1.1';
const SERIES = '1.2.826.0.1.1.2';
let server: Server;
let base = '';
let files: Uint8Array[] = [];
const seen: { url: string; auth: string | undefined; accept: string | undefined }[] = [];
let script: Script = { failFirst: 0, failStatus: 503, delayMs: 0, redirect: false };
let inFlight = 0;
let peak = 0;

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
  res.end(JSON.stringify(body));
}

function multipart(res: ServerResponse, parts: readonly Uint8Array[]): void {
  const b = 'bnd-42';
  const chunks: Buffer[] = [];
  for (const p of parts)
    chunks.push(Buffer.from(`\r\n--${b}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(p));
  chunks.push(Buffer.from(`\r\n--${b}--\r\n`));
  res.writeHead(200, { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${b}` });
  res.end(Buffer.concat(chunks));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  seen.push({ url, auth: req.headers.authorization, accept: req.headers.accept });
  inFlight++;
  peak = Math.max(peak, inFlight);
  try {
    if (script.delayMs > 0) await new Promise((r) => setTimeout(r, script.delayMs));
    if (script.failFirst > 0) {
      script.failFirst--;
      res.writeHead(script.failStatus, { 'Retry-After': '0' });
      res.end('busy');
      return;
    }
    if (script.redirect) {
      res.writeHead(302, { Location: 'http://example.invalid/elsewhere' });
      res.end();
      return;
    }
    const path = url.split('?')[0];
    if (path === `/dw/studies/${STUDY}/series`) {
      json(res, [
        {
          '0020000E': { vr: 'UI', Value: ['9.9'] },
          '00080060': { vr: 'CS', Value: ['SEG'] },
          '00201209': { vr: 'IS', Value: [1] },
        },
        {
          '0020000E': { vr: 'UI', Value: [SERIES] },
          '00080060': { vr: 'CS', Value: ['CT'] },
          '00201209': { vr: 'IS', Value: [files.length] },
        },
      ]);
    } else if (path === `/dw/studies/${STUDY}/series/${SERIES}/instances`) {
      json(
        res,
        files.map((_, i) => ({ '00080018': { vr: 'UI', Value: [`1.2.3.${i}`] } })),
      );
    } else if (path === `/dw/studies/${STUDY}/series/${SERIES}`) {
      multipart(res, files);
    } else if (path.startsWith(`/dw/studies/${STUDY}/series/${SERIES}/instances/1.2.3.`)) {
      multipart(res, [files[Number(path.split('.').at(-1))]]);
    } else {
      res.writeHead(404);
      res.end('no such resource');
    }
  } finally {
    inFlight--;
  }
}

function reset(s: Partial<Script> = {}): void {
  script = { failFirst: 0, failStatus: 503, delayMs: 0, redirect: false, ...s };
  seen.length = 0;
  peak = 0;
}

const source = (extra: Partial<Parameters<typeof createDicomWebSource>[0]> = {}) =>
  createDicomWebSource({
    baseUrl: `${base}/dw`,
    allowedOrigins: [base],
    retryBaseDelayMs: 1,
    timeoutMs: 2000,
    ...extra,
  });
const ref = { studyInstanceUid: STUDY, seriesInstanceUid: SERIES };
const isCode = (c: string) => (e: unknown) => e instanceof DicomWebError && e.code === c;

describe('createDicomWebSource', () => {
  before(async () => {
    files = await writeCtSeries(integerHuVolume(testGrid([4, 3, 5]), 8), {
      seed: 'dw',
      studyInstanceUid: STUDY,
      seriesInstanceUid: SERIES,
    });
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('retrieves a series as Part 10 parts asking for any transfer syntax, with the bearer token', async () => {
    reset();
    const parts = await source({ token: 'tok-123' }).retrieveSeries(ref);
    assert.deepEqual(parts, files);
    assert.equal(seen[0].accept, ACCEPT_ANY_TRANSFER_SYNTAX);
    assert.equal(seen[0].auth, 'Bearer tok-123');
  });

  it('searches series through QIDO-RS with the token from a function and picks the CT series', async () => {
    reset();
    let n = 0;
    const src = source({ token: () => `fresh-${++n}` });
    const found = await src.searchSeries(STUDY);
    assert.equal(found.length, 2);
    assert.equal(seen[0].auth, 'Bearer fresh-1');
    assert.deepEqual(await chooseCtSeries(src, STUDY), ref);
  });

  it('refuses a base URL off the allow-list before any request is made', () => {
    reset();
    assert.throws(
      () => createDicomWebSource({ baseUrl: 'http://10.1.2.3:8042/dw', allowedOrigins: [base] }),
      (e: unknown) => isCode('host-not-allowed')(e) && /10\.1\.2\.3:8042/.test(String(e)),
    );
    assert.equal(seen.length, 0);
  });

  it('retries 503 and 429 answers with backoff and then succeeds', async () => {
    reset({ failFirst: 2, failStatus: 503 });
    assert.equal((await source().retrieveSeries(ref)).length, files.length);
    assert.equal(seen.length, 3);
    reset({ failFirst: 1, failStatus: 429 });
    assert.equal((await source().searchInstances(ref)).length, files.length);
    assert.equal(seen.length, 2);
  });

  it('gives up after the retry limit with upstream-status and the HTTP status', async () => {
    reset({ failFirst: 10, failStatus: 503 });
    await assert.rejects(
      source({ retries: 2 }).retrieveSeries(ref),
      (e: unknown) => isCode('upstream-status')(e) && e instanceof DicomWebError && e.status === 503,
    );
    assert.equal(seen.length, 3);
    reset({ failFirst: 10, failStatus: 503 });
    await assert.rejects(
      source({ retries: 1 }).searchSeries(STUDY),
      (e: unknown) => e instanceof DicomWebError && e.status === 503,
    );
    assert.equal(seen.length, 2);
  });

  it('does not retry a 500 and maps 404 to not-found', async () => {
    reset({ failFirst: 1, failStatus: 500 });
    await assert.rejects(source().retrieveSeries(ref), isCode('upstream-status'));
    assert.equal(seen.length, 1);
    reset();
    await assert.rejects(
      source().retrieveSeries({ studyInstanceUid: '1.2', seriesInstanceUid: '3.4' }),
      isCode('not-found'),
    );
  });

  it('stops a slow request with timeout, for WADO and for QIDO', async () => {
    reset({ delayMs: 400 });
    await assert.rejects(source({ timeoutMs: 50 }).retrieveSeries(ref), isCode('timeout'));
    await assert.rejects(source({ timeoutMs: 50 }).searchSeries(STUDY), isCode('timeout'));
  });

  it('cancels on the caller AbortSignal, for WADO and for QIDO', async () => {
    reset({ delayMs: 400 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    await assert.rejects(source().retrieveSeries(ref, ac.signal), isCode('aborted'));
    const ac2 = new AbortController();
    setTimeout(() => ac2.abort(), 30);
    await assert.rejects(source().searchSeries(STUDY, {}, ac2.signal), isCode('aborted'));
    await assert.rejects(source().retrieveSeries(ref, AbortSignal.abort()), isCode('aborted'));
  });

  it('keeps requests in flight under the concurrency limit', async () => {
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 10)); // earlier cancelled requests finish server-side
    reset({ delayMs: 20 });
    const src = source({ concurrency: 2 });
    const got = await Promise.all(files.map((_, i) => src.retrieveInstance(ref, `1.2.3.${i}`)));
    assert.deepEqual(got, files);
    assert.equal(peak, 2);
  });

  it('refuses to follow a redirect (it could leave the allowed host)', async () => {
    reset({ redirect: true });
    await assert.rejects(source().retrieveSeries(ref), isCode('network'));
  });

  it('rejects a malformed UID with DicomError invalid-uid before building a URL', async () => {
    reset();
    await assert.rejects(
      source().retrieveSeries({ studyInstanceUid: '../../system', seriesInstanceUid: '1' }),
      (e: unknown) =>
        e instanceof DicomError && e.code === 'invalid-uid' && e.message.includes('../../system'),
    );
    assert.equal(seen.length, 0);
  });
});
