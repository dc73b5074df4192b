// Times findMarrowRoi on a full-size synthetic chest CT (512x512x~75 at 0.7 x 0.7 x 5 mm): median of runs.
import { makeChestPhantom } from '../../src/synth/chest-phantom.ts';
import { findMarrowRoi } from '../../src/roi/marrow-roi.ts';

/** Prints the median time of findMarrowRoi over several runs on one phantom. */
export function benchRoi(runs = 9): void {
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
}
