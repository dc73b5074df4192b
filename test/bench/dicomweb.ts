import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { writeCtSeries } from '../../src/dicom/ct-writer.ts';
import { ACCEPT_ANY_TRANSFER_SYNTAX, createDicomWebSource } from '../../src/dicom/dicomweb-source.ts';
import type { SeriesRef } from '../../src/dicom/dicomweb-source.ts';
import { fetchSeriesVolume } from '../../src/dicom/fetch-series.ts';
import { readPart10 } from '../../src/dicom/part10.ts';
import { makeVertebraVolume } from '../../src/synth/vertebra-volume.ts';
import { startOrthanc } from '../support/orthanc.ts';

/**
 * DICOMweb retrieval: a generated 512x512x70 CT series in a real Orthanc on loopback, fetched as one
 * WADO-RS series request. Side by side in one run: our retrieval + decode to a Volume, and curl writing
 * the same multipart response (same URL, same Accept header) to /dev/null. Also the peak extra memory
 * while the series streams in, relative to the decoded volume's size (measured in a fresh process).
 */

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** curl's own total time (ms) of one GET to /dev/null; throws when curl fails. */
function curlMs(url: string): { ms: number; bytes: number } {
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

const MEMORY_PROBE = fileURLToPath(new URL('./dicomweb-memory.ts', import.meta.url));

/** Runs the memory probe in a fresh Node process (so its peak RSS is this retrieval's alone). */
function measureMemory(dicomWebUrl: string, ref: SeriesRef): { extraMb: number; volumeMb: number } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', MEMORY_PROBE, dicomWebUrl, ref.studyInstanceUid, ref.seriesInstanceUid],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`memory probe failed: ${r.stderr}`);
  const parsed: unknown = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  if (typeof parsed !== 'object' || parsed === null || !('extraMb' in parsed) || !('volumeMb' in parsed)) {
    throw new Error(`memory probe printed ${r.stdout}`);
  }
  return { extraMb: Number(parsed.extraMb), volumeMb: Number(parsed.volumeMb) };
}

/** The DICOMweb retrieval benchmark (see the file comment). */
export async function benchDicomweb(runs = 7): Promise<void> {
  const size = [512, 512, 70] as const;
  const { image } = makeVertebraVolume({ size, seed: 11 });
  const files = await writeCtSeries(image, { seed: 'bench-dicomweb' });
  const orthanc = await startOrthanc();
  try {
    for (const f of files) await orthanc.upload(f);
    const source = createDicomWebSource({
      baseUrl: orthanc.dicomWebUrl,
      allowedOrigins: [orthanc.baseUrl],
    });
    const first = readPart10(files[0], 'first slice').dataset;
    const ref: SeriesRef = {
      studyInstanceUid: String(first.StudyInstanceUID),
      seriesInstanceUid: String(first.SeriesInstanceUID),
    };
    const url = `${orthanc.dicomWebUrl}/studies/${ref.studyInstanceUid}/series/${ref.seriesInstanceUid}`;
    const volumeBytes = size[0] * size[1] * size[2] * 4;
    console.log(
      `dicomweb: ${size.join('x')} CT series (${files.length} instances) from Orthanc on loopback, ${runs} runs each`,
    );

    // Warm-up: Orthanc's cache, our JIT.
    for (let w = 0; w < 2; w++) {
      curlMs(url);
      await fetchSeriesVolume(source, ref);
    }
    const ours: number[] = [];
    const curl: number[] = [];
    let wireBytes = 0;
    for (let r = 0; r < runs; r++) {
      const c = curlMs(url);
      curl.push(c.ms);
      wireBytes = c.bytes;
      const t0 = performance.now();
      const v = await fetchSeriesVolume(source, ref);
      ours.push(performance.now() - t0);
      if (v.volume.data.length !== size[0] * size[1] * size[2]) throw new Error('wrong volume size');
    }
    const oursMs = median(ours);
    const curlMedian = median(curl);
    console.log(
      `  ours (WADO-RS series + decode to Volume): median ${oursMs.toFixed(1)} ms, ${(wireBytes / 1e6 / (oursMs / 1000)).toFixed(0)} MB/s on the wire, ${(volumeBytes / 1e6 / (oursMs / 1000)).toFixed(0)} MB/s of volume`,
    );
    console.log(
      `  curl (same URL and Accept, to /dev/null): median ${curlMedian.toFixed(1)} ms (${(wireBytes / 1e6).toFixed(1)} MB)`,
    );
    console.log(`  ratio ours/curl: ${(oursMs / curlMedian).toFixed(2)}x (goal <= 1.5x)`);
    const mem = measureMemory(orthanc.dicomWebUrl, ref);
    console.log(
      `  peak extra memory while the series streams in: ${mem.extraMb.toFixed(0)} MB for a ${mem.volumeMb.toFixed(0)} MB volume = ${(mem.extraMb / mem.volumeMb).toFixed(2)}x (goal < 3x)`,
    );
  } finally {
    await orthanc.stop();
  }
}
