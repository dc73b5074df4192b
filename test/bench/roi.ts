// Times findMarrowRoi on a full-size synthetic chest CT (512x512x~75 at 0.7 x 0.7 x 5 mm): median of runs; then
// once on each real CT the project carries (test/reference/realct) and on any DICOM folders named in
// BONEMET_BENCH_REALCT (colon-separated, e.g. an unpacked realct-dev chest), with the level found.
import { makeChestPhantom } from '../../src/synth/chest-phantom.ts';
import { findMarrowRoi } from '../../src/roi/marrow-roi.ts';
import { readDicomFolder } from '../../src/dicom/folder.ts';
import { referencePath } from '../support/reference.ts';

/** Prints the median time of findMarrowRoi over several runs on one phantom, then the real CTs' times. */
export async function benchRoi(runs = 9): Promise<void> {
  const p = makeChestPhantom({ seed: 7 });
  const [nx, ny, nz] = p.image.grid.size;
  for (let i = 0; i < 3; i++) findMarrowRoi(p.image);
  const times: number[] = [];
  let level: string | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    level = findMarrowRoi(p.image).level;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(
    `roi: findMarrowRoi on ${nx}x${ny}x${nz}: median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}) over ${runs} runs; level ${level}`,
  );
  const folders = [
    referencePath('realct', 'lungdx-a0002-chest'),
    referencePath('realct', 'pancreas-ct-001'),
    ...(process.env.BONEMET_BENCH_REALCT ?? '').split(':').filter((s) => s.length > 0),
  ];
  for (const folder of folders) {
    const { volume, acquisition } = await readDicomFolder(folder);
    const options = { contrast: 'allow' as const, ...(acquisition === null ? {} : { acquisition }) };
    findMarrowRoi(volume, options);
    const t0 = performance.now();
    const r = findMarrowRoi(volume, options);
    const ms = performance.now() - t0;
    const [x, y, z] = volume.grid.size;
    const mm = volume.grid.spacingMm[2];
    console.log(
      `roi: ${folder.split('/').pop() ?? folder} ${x}x${y}x${z} (${mm} mm): ${ms.toFixed(0)} ms; level ${r.level ?? 'none'}, confidence ${r.levelConfidence.toFixed(2)}`,
    );
  }
}
