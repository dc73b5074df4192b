/**
 * Rib heads along the spine (DESIGN section 6, step 4). A rib is a long curved bone that starts at its
 * vertebra (the head at the costovertebral joint, beside the body's back corner) and runs laterally and
 * round the chest; a lumbar transverse process ends within ~5 cm of the midline, a cervical one within ~4 cm.
 * The bone around the spine is resampled in a frame that follows the tracked body centre (a straightened
 * slab, 1.5 mm pixels, every slice), the vertebra itself is cut out, and the bone left is split into connected
 * pieces: a piece that comes within 36 mm of the body centre and reaches 65 mm or more from it is a rib; the
 * z of its medial end is its head. Pieces whose medial end is 36..60 mm out are kept as possible floating ribs
 * (`medial` false): rib-levels.ts takes them only just below the last rib with a head. On slices thicker than
 * 3 mm a piece holding two ribs' medial ends (their arcs touching from one slice to the next) is split between
 * them (rib-head-clumps.ts), so that no rib level is lost. A piece beside the body that runs out 48..65 mm and
 * stops is kept apart as a rib neck (see RibNeck): on thick slices the first rib, flat and turning forward
 * just beyond its tubercle, can show no more than that.
 */
import type { Volume } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import { BRIDGING_SLICE_MM, NECK_MM, headClumps, outwardRunMm } from './rib-head-clumps.ts';
import { FRONT_MM, PIXEL_MM, ribSlab } from './rib-slab.ts';

/** A rib comes within NEAR_MM of the body centre and reaches FAR_MM or more from it. */
const NEAR_MM = 36;
const FAR_MM = 65;
/** The 11th and 12th ribs (one facet, no costotransverse joint) may be seen only from this far out (mm). */
const FLOATING_NEAR_MM = 60;
/** The medial end's voxels: within this (mm) of the piece's most medial point. */
const HEAD_DEPTH_MM = 6;
/** Two heads on one side closer than this (mm along z) are one rib. */
const MERGE_MM = 8;

/** A rib head: the side and the z (continuous slice index) of the rib's medial end. */
export interface RibHead {
  readonly side: 'left' | 'right';
  readonly z: number;
  /** How far the rib reaches from the body centre (mm). */
  readonly reachMm: number;
  /**
   * True when the rib's medial end lies within 36 mm of the body centre (its head and neck seen); false for a
   * rib whose medial end is 36..60 mm out, as a floating rib's thin head and neck can be.
   */
  readonly medial: boolean;
}

/**
 * A bone reaching this far (mm) from the body centre is no cervical transverse process: C7's, the longest, ends
 * within ~40 mm of the midline (bitransverse width ~75-80 mm), while the first rib's neck and tubercle lie
 * 45-55 mm out, against T1's transverse process.
 */
const NECK_REACH_MM = 48;
/**
 * A rib neck rises from the head to the tubercle over at most this height along z (mm), the first rib's (flat,
 * ~5 mm tall) far less; a piece taller than this plus one slice (partial volume at each end) is no neck.
 */
const NECK_SPAN_MM = 16;
/**
 * A rib neck runs back from the head beside the body's back corner: its medial end lies on average no further
 * than this (mm) in front of the body centre (a contrast-filled vessel beside the body lies further forward).
 */
const NECK_FRONT_MM = -5;

/**
 * A short bone beside the vertebra (medial end within 36 mm of the body centre, reaching 48..65 mm out, at most
 * one rib tall, lying behind the body's centre): a rib's head and neck whose shaft was not followed, as the first
 * rib's on thick slices, where its thin shaft turns forward and down out of the bone threshold. A transverse
 * process of C7 does not reach that far out.
 */
export interface RibNeck {
  readonly side: 'left' | 'right';
  /** Continuous slice index of the neck's medial end. */
  readonly z: number;
  readonly reachMm: number;
}

/**
 * The rib heads of the scan, by side, in slice order. Pure; about (240 / 1.5) x (90 / 1.5) samples a slice.
 * Left is the patient's left (+x in LPS).
 */
export function findRibHeads(volume: Volume, f: AxialFrame, track: SpineTrack): RibHead[] {
  return findRibBones(volume, f, track).heads;
}

/** The rib heads (see findRibHeads) and the short rib necks (see RibNeck) of the scan, in slice order. */
export function findRibBones(
  volume: Volume,
  f: AxialFrame,
  track: SpineTrack,
): { heads: RibHead[]; necks: RibNeck[] } {
  const slab = ribSlab(volume, f, track);
  return ribPieces(slab.bone, slab.w, slab.h, slab.nz, f.szMm);
}

/**
 * The neck of a short piece (see RibNeck) from its voxels, or null when it is taller than a rib or lies in front
 * of the body's centre (a contrast-filled vessel beside the body, say).
 */
function neckOf(
  piece: readonly number[],
  w: number,
  h: number,
  near: number,
  far: number,
  szMm: number,
): RibNeck | null {
  const plane = w * h;
  const mid = (w - 1) / 2;
  let z0 = Infinity;
  let z1 = -Infinity;
  let zSum = 0;
  let vSum = 0;
  let left = 0;
  let n = 0;
  for (const p of piece) {
    const z = Math.floor(p / plane);
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
    const i = p % w;
    if (Math.abs(i - mid) * PIXEL_MM > near + HEAD_DEPTH_MM) continue;
    zSum += z;
    vSum += (Math.floor(p / w) % h) * PIXEL_MM - FRONT_MM;
    if (i > mid) left++;
    n++;
  }
  if (n === 0 || (z1 - z0) * szMm > NECK_SPAN_MM + szMm || vSum / n < NECK_FRONT_MM) return null;
  return { side: 2 * left >= n ? 'left' : 'right', z: zSum / n, reachMm: far };
}

/** Connected pieces (6-connected in the slab) that are ribs, and their medial ends, merged per side. */
function ribPieces(
  bone: Uint8Array,
  w: number,
  h: number,
  nz: number,
  szMm: number,
): { heads: RibHead[]; necks: RibNeck[] } {
  const plane = w * h;
  const seen = new Uint8Array(bone.length);
  const heads: RibHead[] = [];
  const necks: RibNeck[] = [];
  const stack: number[] = [];
  const piece: number[] = [];
  const mid = (w - 1) / 2;
  for (let start = 0; start < bone.length; start++) {
    if (bone[start] === 0 || seen[start] === 1) continue;
    piece.length = 0;
    stack.push(start);
    seen[start] = 1;
    let near = Infinity;
    let far = 0;
    while (stack.length > 0) {
      const p = stack.pop() ?? 0;
      piece.push(p);
      const i = p % w;
      const j = Math.floor(p / w) % h;
      const z = Math.floor(p / plane);
      const r = Math.abs(i - mid) * PIXEL_MM;
      if (r < near) near = r;
      if (r > far) far = r;
      const nb = [
        i > 0 ? p - 1 : -1,
        i < w - 1 ? p + 1 : -1,
        j > 0 ? p - w : -1,
        j < h - 1 ? p + w : -1,
        z > 0 ? p - plane : -1,
        z < nz - 1 ? p + plane : -1,
      ];
      for (const q of nb) {
        if (q >= 0 && bone[q] === 1 && seen[q] === 0) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    if (near <= NEAR_MM && far >= NECK_REACH_MM && far < FAR_MM) {
      const neck = neckOf(piece, w, h, near, far, szMm);
      if (neck !== null) necks.push(neck);
    }
    if (near > FLOATING_NEAR_MM || far < FAR_MM) continue;
    // Head voxels (the medial end) counted per slice; a piece holding two ribs' medial ends is split between them.
    let z0 = nz;
    let z1 = -1;
    for (const p of piece) {
      const z = Math.floor(p / plane);
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
    const counts = new Array<number>(z1 - z0 + 1).fill(0);
    for (const p of piece) {
      if (Math.abs((p % w) - mid) * PIXEL_MM <= near + HEAD_DEPTH_MM) counts[Math.floor(p / plane) - z0]++;
    }
    const split = szMm > BRIDGING_SLICE_MM ? headClumps(counts, szMm) : [];
    let ribEnds: [number, number][] = [];
    if (split.length > 1) {
      const seeds: number[][] = counts.map(() => []);
      for (const p of piece) {
        if (Math.abs((p % w) - mid) * PIXEL_MM <= near + HEAD_DEPTH_MM)
          seeds[Math.floor(p / plane) - z0].push(p);
      }
      const runsOut = (z: number): boolean =>
        seeds[z].length > 0 && outwardRunMm(bone, w, h, z + z0, seeds[z], PIXEL_MM) >= NECK_MM;
      ribEnds = split.filter(([a, b]) => {
        for (let z = a; z <= b; z++) if (runsOut(z)) return true;
        return false;
      });
    }
    const clumps = ribEnds.length > 1 ? ribEnds : [[0, counts.length - 1]];
    for (const [a, b] of clumps) {
      // One clump: the whole piece, as before; split: the slices from one valley to the next.
      const lo = clumps.length === 1 ? 0 : a;
      const hi = clumps.length === 1 ? counts.length - 1 : b;
      let zSum = 0;
      let n = 0;
      let left = 0;
      let clumpNear = Infinity;
      let clumpFar = 0;
      for (const p of piece) {
        const z = Math.floor(p / plane) - z0;
        if (z < lo || z > hi) continue;
        const i = p % w;
        const r = Math.abs(i - mid) * PIXEL_MM;
        if (r < clumpNear) clumpNear = r;
        if (r > clumpFar) clumpFar = r;
        if (r > near + HEAD_DEPTH_MM || z < a || z > b) continue;
        zSum += z + z0;
        n++;
        if (i > mid) left++;
      }
      if (n === 0) continue;
      heads.push({
        side: 2 * left >= n ? 'left' : 'right',
        z: zSum / n,
        reachMm: clumpFar,
        medial: clumpNear <= NEAR_MM,
      });
    }
  }
  heads.sort((a, b) => a.z - b.z);
  const merged: RibHead[] = [];
  for (const hd of heads) {
    const same = merged.find((m) => m.side === hd.side && Math.abs(m.z - hd.z) * szMm < MERGE_MM);
    if (same === undefined) merged.push(hd);
    else if (hd.medial && !same.medial) merged[merged.indexOf(same)] = hd;
  }
  necks.sort((a, b) => a.z - b.z);
  return { heads: merged, necks };
}
