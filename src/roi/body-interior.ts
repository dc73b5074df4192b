/**
 * The cancellous interior of one vertebral body: per slice, the body is the bone region (3x3-smoothed HU > 110,
 * opened by 2 mm to cut partial-volume bridges) connected to the tracked centre and anterior to the spinal
 * canal, holes filled; the slices are clipped to their consensus footprint and trimmed of pedicle roots, rib
 * heads and vessels (body-shape.ts); the interior is the part at or below 500 HU (inside the cortex); the stack
 * is eroded in 3D from the cortex, reduced to its largest piece and clipped to a HU window.
 */
import type { Volume } from '../volume/types.ts';
import { makeGrid } from '../volume/grid.ts';
import { erode } from '../volume/morphology.ts';
import { largestComponent } from '../volume/components.ts';
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import { openPlane } from './plane-morphology.ts';
import type { Plane } from './plane-morphology.ts';
import { consensusBodies, measureRoiShape } from './body-shape.ts';
import type { RoiShape } from './body-shape.ts';

const REGION_HU = 110;
const CORTEX_HU = 500;
const CANAL_HU = 80;
const HALF_BOX_MM = 32;
/** Probes for the canal's front (QC) reach this far (mm) each side of the centre column: half a canal's width. */
const CANAL_PROBE_MM = 10;
/** Soft tissue behind the body's back wall is the canal when it runs at least this deep (mm). */
const CANAL_RUN_MM = 4;
/** Opening radius (mm) of the bone region before the fill: cuts partial-volume bridges to vessels. */
const BRIDGE_MM = 2;
/** The unopened shell is used when it encloses this many times the opened body's area... */
const THIN_SHELL_GAIN = 1.5;
/** ...and no more than a large lumbar body's cross-section (mm^2; ~50 x 40 mm). */
const MAX_BODY_MM2 = 2000;

/** The interior of one body and the measurements QC needs. */
export interface BodyInterior {
  /** Linear indices (input grid) of the ROI voxels. */
  readonly voxels: Int32Array;
  /** Anterior / posterior height ratio of the body (1 = intact, < 1 = wedged). */
  readonly wedgeRatio: number;
  /** Where the ROI lies within the body, for QC. */
  readonly shape: RoiShape;
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
}

function flood(allowed: Uint8Array, out: Uint8Array, box: Box, seeds: readonly number[]): void {
  const stack: number[] = [];
  for (const s of seeds) {
    if (allowed[s] === 1 && out[s] === 0) {
      out[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    const x = p % box.w;
    const y = (p - x) / box.w;
    const nb = [
      x > 0 ? p - 1 : -1,
      x < box.w - 1 ? p + 1 : -1,
      y > 0 ? p - box.w : -1,
      y < box.h - 1 ? p + box.w : -1,
    ];
    for (const q of nb) {
      if (q >= 0 && allowed[q] === 1 && out[q] === 0) {
        out[q] = 1;
        stack.push(q);
      }
    }
  }
}

/**
 * The filled body region of one slice (box-local: 0 outside, 1 cortex above 500 HU, 2 interior), the row where
 * the centre column meets the canal (the region's back limit) and, `withCanalFront`, the canal's front across its
 * width (QC, see canalFront; null otherwise), or null when no bone is at the centre. Bridges narrower than ~4 mm (partial volume
 * between the body and a contrast-filled vessel touching it) are cut by a 2 mm opening before the fill.
 */
function bodyRegion(
  volume: Volume,
  f: AxialFrame,
  z: number,
  cx: number,
  cy: number,
  box: Box,
  cortexOnMean: boolean,
  withCanalFront: boolean,
): { labels: Uint8Array; canal: number; canalFront: number | null } | null {
  const { w, h, x0, y0 } = box;
  const raw = new Float64Array(w * h);
  for (let j = 0; j < h; j++) {
    const row = f.nx * (y0 + j + f.ny * z) + x0;
    for (let i = 0; i < w; i++) raw[i + w * j] = volume.data[row + i];
  }
  const smooth = new Float64Array(w * h);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      let s = 0;
      let n = 0;
      for (let b = Math.max(0, j - 1); b <= Math.min(h - 1, j + 1); b++) {
        for (let a = Math.max(0, i - 1); a <= Math.min(w - 1, i + 1); a++) {
          s += raw[a + w * b];
          n++;
        }
      }
      smooth[i + w * j] = s / n;
    }
  }
  const ci = Math.round(cx) - x0;
  const cj = Math.round(cy) - y0;
  // The canal: along the centre column going back, the first low pixel after the posterior cortex.
  let canal = f.posteriorSign > 0 ? h : -1;
  let seenCortex = false;
  const minGap = Math.round(3 / f.syMm);
  for (let t = 1; t < h; t++) {
    const j = cj + t * f.posteriorSign;
    if (j < 0 || j >= h) break;
    const v = smooth[ci + w * j];
    if (v > 350) seenCortex = true;
    if (v < CANAL_HU && (seenCortex || t > minGap)) {
      canal = j;
      break;
    }
  }
  const above = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    if ((j - canal) * f.posteriorSign >= 0) continue;
    for (let i = 0; i < w; i++) if (smooth[i + w * j] > REGION_HU) above[i + w * j] = 1;
  }
  const opened = fillFromCentre(
    openPlane(above, { w, h, sxMm: f.sxMm, syMm: f.syMm }, BRIDGE_MM),
    box,
    ci,
    cj,
  );
  if (opened === null) return null;
  // An osteoporotic body's cortex can be thinner than the opening: the opening then breaks the shell and the
  // fill leaves only trabeculae. The unopened shell is used when it encloses a much larger body that is still
  // no larger than a vertebral body can be.
  let body = opened;
  const unopened = fillFromCentre(above, box, ci, cj);
  if (unopened !== null) {
    const area = (m: Uint8Array): number => m.reduce((a, v) => a + v, 0) * f.sxMm * f.syMm;
    const a = area(unopened);
    if (a > THIN_SHELL_GAIN * area(opened) && a <= MAX_BODY_MM2) body = unopened;
  }
  const cortexHu = cortexOnMean ? smooth : raw;
  for (let p = 0; p < w * h; p++) if (body[p] === 1 && cortexHu[p] <= CORTEX_HU) body[p] = 2;
  const front = withCanalFront ? canalFront(smooth, box, ci, cj, f, canal) : null;
  return { labels: body, canal, canalFront: front };
}

/**
 * The row of the spinal canal's front, for QC: the nearest front found by probes across the canal's width
 * (every ~2 mm within CANAL_PROBE_MM of the centre column), each the first pixel below CANAL_HU once the probe
 * has crossed the body's back wall (above 350 HU: fatty marrow or a haemangioma inside the body reads as soft
 * tissue too) that starts a run of soft tissue at least CANAL_RUN_MM deep (a canal, not a basivertebral vein's
 * channel). The canal (~15 mm wide) need not lie straight behind the tracked body centre: a rotated or
 * asymmetric body puts that centre off the canal's midline, and a single column then runs down the canal's
 * bony wall. Never behind `centreColumn`, the row where the centre column met the canal (the box edge when it
 * did not).
 */
function canalFront(
  smooth: Float64Array,
  box: Box,
  ci: number,
  cj: number,
  f: AxialFrame,
  centreColumn: number,
): number {
  const { w, h } = box;
  const run = Math.max(1, Math.round(CANAL_RUN_MM / f.syMm));
  const step = Math.max(1, Math.round(2 / f.sxMm));
  const reach = Math.round(CANAL_PROBE_MM / f.sxMm);
  let best = centreColumn;
  for (let di = -reach; di <= reach; di += step) {
    const i = ci + di;
    if (i < 0 || i >= w) continue;
    let seenCortex = false;
    for (let t = 1; t < h; t++) {
      const j = cj + t * f.posteriorSign;
      const jEnd = j + (run - 1) * f.posteriorSign;
      if (jEnd < 0 || jEnd >= h) break;
      if (smooth[i + w * j] > 350) seenCortex = true;
      if (smooth[i + w * j] >= CANAL_HU || !seenCortex) continue;
      let soft = true;
      for (let r = 1; r < run && soft; r++) soft = smooth[i + w * (j + r * f.posteriorSign)] < CANAL_HU;
      if (!soft) continue;
      if ((j - best) * f.posteriorSign < 0) best = j;
      break;
    }
  }
  return best;
}

/** The region of `allowed` connected to a seed within 4 pixels of (ci, cj), its holes filled; null without seed. */
function fillFromCentre(allowed: Uint8Array, box: Box, ci: number, cj: number): Uint8Array | null {
  const { w, h } = box;
  let seed = -1;
  for (let r = 0; r <= 4 && seed < 0; r++) {
    for (let b = -r; b <= r && seed < 0; b++) {
      for (let a = -r; a <= r; a++) {
        const i = ci + a;
        const j = cj + b;
        if (i >= 0 && j >= 0 && i < w && j < h && allowed[i + w * j] === 1) {
          seed = i + w * j;
          break;
        }
      }
    }
  }
  if (seed < 0) return null;
  const body = new Uint8Array(w * h);
  flood(allowed, body, box, [seed]);
  // Fill holes: background reachable from the box border stays background.
  const background = new Uint8Array(w * h);
  const notBody = new Uint8Array(w * h);
  for (let p = 0; p < w * h; p++) notBody[p] = body[p] === 1 ? 0 : 1;
  const border: number[] = [];
  for (let i = 0; i < w; i++) border.push(i, i + w * (h - 1));
  for (let j = 0; j < h; j++) border.push(w * j, w - 1 + w * j);
  flood(notBody, background, box, border);
  for (let p = 0; p < w * h; p++) body[p] = background[p] === 1 ? 0 : 1;
  return body;
}

/** Height (mm) of bone in a band of rows [ja, jb] of the given regions, summed over slices. */
function bandHeight(
  regions: readonly (Uint8Array | null)[],
  box: Box,
  ja: number,
  jb: number,
  dz: number,
): number {
  let total = 0;
  for (const reg of regions) {
    if (reg === null) continue;
    let n = 0;
    let bone = 0;
    for (let j = Math.min(ja, jb); j <= Math.max(ja, jb); j++) {
      for (let i = Math.round(box.w * 0.35); i <= Math.round(box.w * 0.65); i++) {
        n++;
        if (reg[i + box.w * j] !== 0) bone++;
      }
    }
    total += n === 0 ? 0 : (bone / n) * dz;
  }
  return total;
}

/**
 * Extracts the ROI of the body made of `slices` (plus one neighbouring slice each side for the wedge measure):
 * interior (box-local label 2) of the consensus bodies, eroded by `erosionMm` with a ball on the image spacing
 * (no reach along z when the slices are thicker than the radius), largest 26-connected piece, then kept where
 * huWindow[0] <= HU <= huWindow[1]. The wedge ratio compares the bone height of the front and back thirds (of
 * the unclipped regions). `shape` measures the ROI against the bodies and the canal for QC. With `cortexOnMean`
 * (an image whose pixel noise is high, see search-image.ts) the cortex is told from the marrow on the 3x3 mean:
 * single noisy pixels above 500 HU in the marrow would otherwise be taken for cortex, and the erosion would widen
 * each into a 2 mm hole.
 */
export function extractBodyInterior(
  volume: Volume,
  f: AxialFrame,
  track: SpineTrack,
  slices: readonly number[],
  erosionMm: number,
  huWindow: readonly [number, number],
  cortexOnMean = false,
): BodyInterior {
  const zs = [...slices].sort((a, b) => a - b);
  const zLo = zs[0];
  const zHi = zs[zs.length - 1];
  const mid = zs[zs.length >> 1];
  const cx = track.cx[mid];
  const cy = track.cy[mid];
  const x0 = Math.max(0, Math.round(cx - HALF_BOX_MM / f.sxMm));
  const y0 = Math.max(0, Math.round(cy - HALF_BOX_MM / f.syMm));
  const box: Box = {
    x0,
    y0,
    w: Math.min(f.nx - 1, Math.round(cx + HALF_BOX_MM / f.sxMm)) - x0 + 1,
    h: Math.min(f.ny - 1, Math.round(cy + HALF_BOX_MM / f.syMm)) - y0 + 1,
  };
  const pad = 1;
  const depth = zHi - zLo + 1 + 2 * pad;
  const plane: Plane = { w: box.w, h: box.h, sxMm: f.sxMm, syMm: f.syMm };
  const regions: (Uint8Array | null)[] = [];
  let canalRow = -1;
  for (let z = Math.max(0, zLo - 1); z <= Math.min(f.nz - 1, zHi + 1); z++) {
    const reg = bodyRegion(volume, f, z, track.cx[z], track.cy[z], box, cortexOnMean, z === mid);
    regions.push(reg === null ? null : reg.labels);
    if (reg !== null && reg.canalFront !== null) canalRow = reg.canalFront;
  }
  const first = zLo - Math.max(0, zLo - 1);
  const bodies = consensusBodies(regions.slice(first, first + zHi - zLo + 1), plane, f.posteriorSign);
  const stack = new Uint8Array(box.w * box.h * depth);
  bodies.forEach((body, k) => {
    const reg = regions[first + k];
    if (body === null || reg === null) return;
    const off = box.w * box.h * (k + pad);
    for (let q = 0; q < box.w * box.h; q++) if (body[q] === 1 && reg[q] === 2) stack[off + q] = 1;
  });
  const midReg = regions[mid - Math.max(0, zLo - 1)];
  let wedgeRatio = 1;
  if (midReg !== null) {
    let ja = box.h;
    let jb = -1;
    for (let p = 0; p < midReg.length; p++) {
      if (midReg[p] === 0) continue;
      const j = Math.floor(p / box.w);
      ja = Math.min(ja, j);
      jb = Math.max(jb, j);
    }
    if (jb > ja) {
      const third = Math.max(1, Math.round((jb - ja) / 3));
      const front = f.posteriorSign > 0 ? [ja, ja + third] : [jb - third, jb];
      const back = f.posteriorSign > 0 ? [jb - third, jb] : [ja, ja + third];
      const hb = bandHeight(regions, box, back[0], back[1], f.szMm);
      wedgeRatio = hb > 0 ? bandHeight(regions, box, front[0], front[1], f.szMm) / hb : 1;
    }
  }
  const grid = makeGrid([box.w, box.h, depth], [f.sxMm, f.syMm, f.szMm]);
  // Bits of rib or vessel left beside the body after the erosion are not the body: keep the main piece.
  const eroded = largestComponent(erode(stack, grid, erosionMm), grid.size);
  const out: number[] = [];
  const roiPlanes: Uint8Array[] = [];
  for (let z = zLo; z <= zHi; z++) {
    const off = box.w * box.h * (z - zLo + pad);
    const roiPlane = new Uint8Array(box.w * box.h);
    for (let j = 0; j < box.h; j++) {
      for (let i = 0; i < box.w; i++) {
        if (eroded[off + i + box.w * j] === 0) continue;
        // The shape is judged before the HU clip: a dense trabecular bar or bone island inside the marrow is
        // left out of the ROI by its HU, not a sign that the ROI left the body.
        roiPlane[i + box.w * j] = 1;
        const idx = box.x0 + i + f.nx * (box.y0 + j + f.ny * z);
        const v = volume.data[idx];
        if (v < huWindow[0] || v > huWindow[1]) continue;
        out.push(idx);
      }
    }
    roiPlanes.push(roiPlane);
  }
  const shape = measureRoiShape(roiPlanes, bodies, mid - zLo, canalRow, plane, f.posteriorSign);
  return { voxels: Int32Array.from(out), wedgeRatio, shape };
}
