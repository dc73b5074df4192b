import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeCtSeries } from '../../src/dicom/ct-writer.ts';
import type { SeriesRef } from '../../src/dicom/dicomweb-source.ts';
import { readPart10 } from '../../src/dicom/part10.ts';
import { makeVertebraVolume } from '../../src/synth/vertebra-volume.ts';
import { startOrthanc } from '../support/orthanc.ts';

/**
 * DICOMweb retrieval: a generated 512x512x70 CT series in a real Orthanc on loopback, fetched as one
 * WADO-RS series request. Side by side in one run (in a fresh process, see dicomweb-probe.ts): our
 * retrieval + decode to a Volume, and curl writing the same multipart response (same URL, same Accept
 * header) to /dev/null, with our time taken apart (Node's transfer alone, the first write to fresh memory
 * of the volume's size, the decode alone). The probe runs twice: with the process's default allocator, and
 * with glibc asked to back large allocations by transparent huge pages (GLIBC_TUNABLES
 * glibc.malloc.hugetlb=1, how the service is meant to run), because on some virtual machines the first
 * write to fresh 4 KiB pages costs more than the whole transfer. Also the peak extra memory while the
 * series streams in, relative to the decoded volume's size (measured in a fresh process).
 */

const PROBE = fileURLToPath(new URL('./dicomweb-probe.ts', import.meta.url));

interface ProbeResult {
  readonly oursMs: number;
  readonly curlMs: number;
  readonly drainMs: number;
  readonly touchMs: number;
  readonly decodeMs: number;
  readonly wireBytes: number;
  readonly volumeBytes: number;
}

function runProbe(dicomWebUrl: string, ref: SeriesRef, runs: number, env: NodeJS.ProcessEnv): ProbeResult {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', PROBE, dicomWebUrl, ref.studyInstanceUid, ref.seriesInstanceUid, String(runs)],
    { encoding: 'utf8', env },
  );
  if (r.status !== 0) throw new Error(`retrieval probe failed: ${r.stderr}`);
  const parsed: unknown = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  const keys = ['oursMs', 'curlMs', 'drainMs', 'touchMs', 'decodeMs', 'wireBytes', 'volumeBytes'] as const;
  if (typeof parsed !== 'object' || parsed === null || keys.some((k) => !(k in parsed))) {
    throw new Error(`retrieval probe printed ${r.stdout}`);
  }
  const get = (k: (typeof keys)[number]): number => Number((parsed as Record<string, unknown>)[k]);
  return {
    oursMs: get('oursMs'),
    curlMs: get('curlMs'),
    drainMs: get('drainMs'),
    touchMs: get('touchMs'),
    decodeMs: get('decodeMs'),
    wireBytes: get('wireBytes'),
    volumeBytes: get('volumeBytes'),
  };
}

function printProbe(label: string, p: ProbeResult): void {
  const mbps = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(0);
  console.log(`  ${label}:`);
  console.log(
    `    ours (WADO-RS series + decode to Volume): median ${p.oursMs.toFixed(1)} ms, ${mbps(p.wireBytes, p.oursMs)} MB/s on the wire, ${mbps(p.volumeBytes, p.oursMs)} MB/s of volume`,
  );
  console.log(
    `    curl (same URL and Accept, to /dev/null): median ${p.curlMs.toFixed(1)} ms (${(p.wireBytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(`    ratio ours/curl: ${(p.oursMs / p.curlMs).toFixed(2)}x (goal <= 1.5x)`);
  console.log(
    `    apart: Node transfer + multipart split ${p.drainMs.toFixed(1)} ms (${(p.drainMs / p.curlMs).toFixed(2)}x curl); first write to a fresh ${(p.volumeBytes / 1e6).toFixed(0)} MB array ${p.touchMs.toFixed(1)} ms; decode from memory ${p.decodeMs.toFixed(1)} ms`,
  );
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
    const first = readPart10(files[0], 'first slice').dataset;
    const ref: SeriesRef = {
      studyInstanceUid: String(first.StudyInstanceUID),
      seriesInstanceUid: String(first.SeriesInstanceUID),
    };
    console.log(
      `dicomweb: ${size.join('x')} CT series (${files.length} instances) from Orthanc on loopback, ${runs} runs each`,
    );

    printProbe('default allocator', runProbe(orthanc.dicomWebUrl, ref, runs, process.env));
    const thp = [process.env.GLIBC_TUNABLES, 'glibc.malloc.hugetlb=1'].filter(Boolean).join(':');
    printProbe(
      'large allocations on transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)',
      runProbe(orthanc.dicomWebUrl, ref, runs, { ...process.env, GLIBC_TUNABLES: thp }),
    );
    const mem = measureMemory(orthanc.dicomWebUrl, ref);
    console.log(
      `  peak extra memory while the series streams in: ${mem.extraMb.toFixed(0)} MB for a ${mem.volumeMb.toFixed(0)} MB volume = ${(mem.extraMb / mem.volumeMb).toFixed(2)}x (goal < 3x)`,
    );
  } finally {
    await orthanc.stop();
  }
}
