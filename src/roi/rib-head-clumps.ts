/**
 * Medial clumps of a rib piece (DESIGN section 6, step 4): on thick slices two neighbouring ribs' posterior arcs
 * can touch from one slice to the next and make one connected piece; the bone beside the vertebra (each rib's
 * head, neck and the transverse process it rests on) still shows one clump per rib along z, which splits it.
 */

/**
 * Slices thicker than this (mm) can bridge two ribs: the gap between one rib's posterior arc and the next one's
 * (~5-10 mm) then spans at most a slice or two. On thinner slices a piece with two medial clumps is a rib joined
 * by other dense tissue (a contrast-filled vein at the thoracic inlet, the scapula), not two ribs, and is kept whole.
 */
export const BRIDGING_SLICE_MM = 3;
/** Two ribs' medial ends on one side lie at least this far apart along z (mm): one vertebra, ~15 mm at T1. */
const TWO_HEADS_MM = 10;
/** A valley between two medial clumps holds at most this share of the smaller clump's peak. */
const VALLEY_SHARE = 0.25;
/** Each of two clumps holds at least this share of the other's head voxels (two ribs' ends are alike). */
const CLUMP_SHARE = 1 / 3;

/**
 * The slice ranges [a, b] (indices into `counts`) of the medial clumps of one bone piece, superior or inferior
 * first as `counts` runs. `counts[z]` is the number of the piece's head voxels (its medial end) in slice z. A rib's
 * head, neck and the transverse process it rests on make one clump ~10-15 mm tall beside the vertebra; below it,
 * at the intervertebral foramen, little bone lies beside the spine until the next rib's clump. On thick slices
 * two ribs' posterior arcs can touch from one slice to the next and make one piece: the piece is split at a
 * valley holding at most a quarter of the smaller flanking peak, when the peaks are >= 10 mm apart (one
 * vertebra) and each side holds at least a third of the other's head voxels; repeated on each part.
 */
export function headClumps(counts: readonly number[], szMm: number): [number, number][] {
  const split = (a: number, b: number): [number, number][] => {
    let best = -1;
    let bestRatio = VALLEY_SHARE;
    for (let z = a + 1; z < b; z++) {
      let up = a;
      for (let q = a; q < z; q++) if (counts[q] > counts[up]) up = q;
      let down = z + 1;
      for (let q = z + 1; q <= b; q++) if (counts[q] > counts[down]) down = q;
      const peak = Math.min(counts[up], counts[down]);
      if (peak <= 0 || (down - up) * szMm < TWO_HEADS_MM) continue;
      const ratio = counts[z] / peak;
      if (ratio > bestRatio) continue;
      let upSum = 0;
      let downSum = 0;
      for (let q = a; q < z; q++) upSum += counts[q];
      for (let q = z + 1; q <= b; q++) downSum += counts[q];
      if (Math.min(upSum, downSum) < CLUMP_SHARE * Math.max(upSum, downSum)) continue;
      best = z;
      bestRatio = ratio;
    }
    if (best < 0) return [[a, b]];
    return [...split(a, best - 1), ...split(best + 1, b)];
  };
  return split(0, counts.length - 1);
}

/**
 * A rib's head continues as its neck, which runs laterally in the axial plane to the tubercle: a medial clump
 * is a rib's end only when, in one of its slices, bone runs on from it at least this far (mm) outwards; a
 * transverse process's tip or a vessel's wall beside the spine stops short of it.
 */
export const NECK_MM = 20;

/** How far (mm, outwards from the most medial seed; pixels of `pixelMm`) the bone 4-connected in slice z to the seeds runs. */
export function outwardRunMm(
  bone: Uint8Array,
  w: number,
  h: number,
  z: number,
  seeds: readonly number[],
  pixelMm: number,
): number {
  const plane = w * h;
  const mid = (w - 1) / 2;
  const seen = new Set<number>(seeds);
  const stack = [...seeds];
  let near = Infinity;
  let far = 0;
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    const i = p % w;
    const j = Math.floor(p / w) % h;
    const r = Math.abs(i - mid) * pixelMm;
    if (r < near) near = r;
    if (r > far) far = r;
    const nb = [i > 0 ? p - 1 : -1, i < w - 1 ? p + 1 : -1, j > 0 ? p - w : -1, j < h - 1 ? p + w : -1];
    for (const q of nb) {
      if (q >= 0 && Math.floor(q / plane) === z && bone[q] === 1 && !seen.has(q)) {
        seen.add(q);
        stack.push(q);
      }
    }
  }
  return far - near;
}
