// Run by test/bench/dicomweb.ts in a fresh process: `<dicomweb url> <study uid> <series uid> <runs>`, so that
// the retrieval can be measured under different allocator settings of the process (its environment). Prints
// one JSON line: per-run milliseconds of our retrieval and of curl (interleaved, same URL and Accept), and
// the parts of our time measured apart: Node's transfer and multipart split alone, the first write to a
// fresh volume-sized array, and the decode of the same instances from memory into an array written before.
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ACCEPT_ANY_TRANSFER_SYNTAX, createDicomWebSource } from '../../src/dicom/dicomweb-source.ts';
import { fetchSeriesVolume } from '../../src/dicom/fetch-series.ts';
import { MultipartReader } from '../../src/dicom/multipart.ts';
import { SliceStack } from '../../src/dicom/slice-stack.ts';

const [base, studyInstanceUid, seriesInstanceUid, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
const ref = { studyInstanceUid, seriesInstanceUid };
const source = createDicomWebSource({ baseUrl: base, allowedOrigins: [new URL(base).origin] });
const url = `${base}/studies/${studyInstanceUid}/series/${seriesInstanceUid}`;

/** curl's own total time (ms) of one GET to /dev/null; throws when curl fails. */
function curlOnce(): { ms: number; bytes: number } {
  const r = spawnSync(
    'curl',
    [
      '-sS',
      '-o',
      '/dev/null',
      '-H',
      `Accept: ${ACCEPT_ANY_TRANSFER_SYNTAX}`,
      '-w',
      '%{time_total} %{size_download} %{http_code}',
      url,
    ],
    { encoding: 'utf8' },
  );
  const [t, size, code] = r.stdout.trim().split(' ');
  if (r.status !== 0 || code !== '200')
    throw new Error(`curl failed (${r.status}, HTTP ${code}): ${r.stderr}`);
  return { ms: Number(t) * 1000, bytes: Number(size) };
}

/** Node's http client reading the same response through the multipart splitter, decoding nothing. */
function drainOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { headers: { Accept: ACCEPT_ANY_TRANSFER_SYNTAX } }, (res) => {
      const reader = new MultipartReader(res.headers['content-type'] ?? '', false);
      let parts = 0;
      res.on('data', (c: Buffer) => {
        parts += reader.push(c).length;
      });
      res.on('end', () => {
        reader.end();
        if (parts === 0) reject(new Error('no part received'));
        else resolve(performance.now() - t0);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Warm-up: Orthanc's cache, our JIT.
for (let w = 0; w < 2; w++) {
  curlOnce();
  await fetchSeriesVolume(source, ref);
  await drainOnce();
}
const ours: number[] = [];
const curl: number[] = [];
const drain: number[] = [];
let wireBytes = 0;
let voxels = 0;
for (let r = 0; r < runs; r++) {
  const c = curlOnce();
  curl.push(c.ms);
  wireBytes = c.bytes;
  const t0 = performance.now();
  const v = await fetchSeriesVolume(source, ref);
  ours.push(performance.now() - t0);
  voxels = v.volume.data.length;
  drain.push(await drainOnce());
}

// The first write to fresh memory of the volume's size, and the decode alone into memory written before.
const touch: number[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  new Float32Array(voxels).fill(-1024);
  touch.push(performance.now() - t0);
}
const files = await source.retrieveSeries(ref);
const target = new Float32Array(voxels).fill(0);
const decode: number[] = [];
for (let r = 0; r < runs + 2; r++) {
  const t0 = performance.now();
  const stack = new SliceStack(files.length, {}, () => target, voxels / files.length);
  for (let i = 0; i < files.length; i++) await stack.add(files[i], `instance ${i + 1}`);
  stack.finish();
  if (r >= 2) decode.push(performance.now() - t0);
}
console.log(
  JSON.stringify({
    oursMs: median(ours),
    curlMs: median(curl),
    drainMs: median(drain),
    touchMs: median(touch),
    decodeMs: median(decode),
    wireBytes,
    volumeBytes: voxels * 4,
  }),
);
