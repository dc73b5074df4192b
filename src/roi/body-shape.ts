/**
 * Shape control of one vertebral body across its slices: the body's consensus footprint (what most of its slices
 * agree on) clips each slice, so a leak into a vessel on one slice is cut; an opening removes the pedicle roots
 * and rib heads; and the measures QC uses to reject an ROI that is not the body's interior.
 */
import { dilatePlane, erodePlane, openPlane, planeSolidity } from './plane-morphology.ts';
import type { Plane } from './plane-morphology.ts';

/** Dilation (mm) of the consensus footprint a slice is clipped to (the body's outline varies along z). */
const FOOTPRINT_SLACK_MM = 2;
/** Opening radius (mm) of the filled body: removes protrusions narrower than ~8 mm (pedicle roots, rib heads). */
const PROTRUSION_MM = 4;

/**
 * The bodies of the slices (0/1, box-local; null where no body was found), each clipped to the pixels present in
 * at least half of the slices (dilated by 2 mm), opened by a 4 mm disc, and trimmed at its back corners.
 */
export function consensusBodies(
  regions: readonly (Uint8Array | null)[],
  p: Plane,
  posteriorSign: 1 | -1,
): (Uint8Array | null)[] {
  const n = p.w * p.h;
  const votes = new Uint16Array(n);
  let slices = 0;
  for (const r of regions) {
    if (r === null) continue;
    slices++;
    for (let q = 0; q < n; q++) if (r[q] !== 0) votes[q]++;
  }
  const majority = new Uint8Array(n);
  for (let q = 0; q < n; q++) if (2 * votes[q] >= slices && votes[q] > 0) majority[q] = 1;
  const footprint = dilatePlane(majority, p, FOOTPRINT_SLACK_MM);
  return regions.map((r) => {
    if (r === null) return null;
    const clipped = new Uint8Array(n);
    for (let q = 0; q < n; q++) if (r[q] !== 0 && footprint[q] === 1) clipped[q] = 1;
    return trimRadial(trimPosteriorCorners(openPlane(clipped, p, PROTRUSION_MM), p, posteriorSign), p);
  });
}

const BINS = 72;
/** Half-width (bins of 5 degrees) of the window the reference radius is the median of. */
const HALF_WINDOW = 12;

/**
 * Clears the pixels farther from the body's centroid than 1.15 x the median, over +-60 degrees, of the largest
 * radius per 5-degree sector, plus 1 mm: what is left is star-shaped and free of narrow-angle outgrowths (a rib
 * head or a vessel touching the body), which span fewer sectors than the window's half.
 */
function trimRadial(body: Uint8Array, p: Plane): Uint8Array {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < p.h; y++) {
    for (let x = 0; x < p.w; x++) {
      if (body[x + p.w * y] === 0) continue;
      n++;
      sx += x;
      sy += y;
    }
  }
  if (n === 0) return body;
  const cx = sx / n;
  const cy = sy / n;
  const bin = new Int32Array(p.w * p.h);
  const dist = new Float64Array(p.w * p.h);
  const rMax = new Float64Array(BINS);
  for (let y = 0; y < p.h; y++) {
    for (let x = 0; x < p.w; x++) {
      const q = x + p.w * y;
      if (body[q] === 0) continue;
      const dx = (x - cx) * p.sxMm;
      const dy = (y - cy) * p.syMm;
      const b = Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * BINS) % BINS;
      bin[q] = b;
      dist[q] = Math.hypot(dx, dy);
      rMax[b] = Math.max(rMax[b], dist[q]);
    }
  }
  const limit = new Float64Array(BINS);
  const win = new Float64Array(2 * HALF_WINDOW + 1);
  for (let b = 0; b < BINS; b++) {
    for (let k = -HALF_WINDOW; k <= HALF_WINDOW; k++) win[k + HALF_WINDOW] = rMax[(b + k + BINS) % BINS];
    win.sort();
    limit[b] = 1.15 * win[HALF_WINDOW] + 1;
  }
  for (let q = 0; q < body.length; q++) if (body[q] === 1 && dist[q] > limit[bin[q]]) body[q] = 0;
  return body;
}

/**
 * Clears, in the back 40 % of the body's rows, the pixels outside the left-right range the front 60 % spans
 * (plus 1 mm): the pedicle roots and rib heads that flare sideways from the body's back corners.
 */
function trimPosteriorCorners(body: Uint8Array, p: Plane, posteriorSign: 1 | -1): Uint8Array {
  let ya = p.h;
  let yb = -1;
  for (let y = 0; y < p.h; y++) {
    for (let x = 0; x < p.w; x++) {
      if (body[x + p.w * y] === 0) continue;
      ya = Math.min(ya, y);
      yb = Math.max(yb, y);
      break;
    }
  }
  if (yb - ya < 4) return body;
  const depth = yb - ya + 1;
  const isBack = (y: number): boolean => (posteriorSign > 0 ? y - ya : yb - y) >= Math.round(0.6 * depth);
  let xa = p.w;
  let xb = -1;
  for (let y = ya; y <= yb; y++) {
    if (isBack(y)) continue;
    for (let x = 0; x < p.w; x++) {
      if (body[x + p.w * y] === 0) continue;
      xa = Math.min(xa, x);
      xb = Math.max(xb, x);
    }
  }
  const slack = Math.round(1 / p.sxMm);
  for (let y = ya; y <= yb; y++) {
    if (!isBack(y)) continue;
    for (let x = 0; x < p.w; x++) if (x < xa - slack || x > xb + slack) body[x + p.w * y] = 0;
  }
  return body;
}

/** Geometry of an ROI within its body, for QC. */
export interface RoiShape {
  /** ROI pixels on each slice of the body (0 where none). */
  readonly sliceCounts: readonly number[];
  /** Lowest solidity (count / convex-hull area) over the slices holding >= 20 ROI pixels. */
  readonly minSolidity: number;
  /** Anterior-posterior and left-right extent of the ROI (mm, all slices). */
  readonly apMm: number;
  readonly lrMm: number;
  /** Distance (mm) of the ROI centroid in front of the spinal canal's front edge (mid slice). */
  readonly centroidAnteriorMm: number;
  /** Whether the ROI centroid (rounded to a pixel) lies within the mid slice's body. */
  readonly centroidInBody: boolean;
  /** ROI pixels over body pixels (the clipped, opened bodies), all slices. */
  readonly bodyFraction: number;
}

/** Half-width (mm) of a notch closed before the convexity is judged. */
const NOTCH_MM = 3;

/** Morphological closing of a plane by a disc of `radiusMm`. */
function closePlane(mask: Uint8Array, p: Plane, radiusMm: number): Uint8Array {
  return erodePlane(dilatePlane(mask, p, radiusMm), p, radiusMm);
}

/**
 * Measures the ROI (box-local 0/1 planes, one per body slice) against the bodies and the canal row of the mid
 * slice; `posteriorSign` is +1 when rows increase towards the back.
 */
export function measureRoiShape(
  roi: readonly Uint8Array[],
  bodies: readonly (Uint8Array | null)[],
  midIndex: number,
  canalRow: number,
  p: Plane,
  posteriorSign: 1 | -1,
): RoiShape {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  let sx = 0;
  let sy = 0;
  let total = 0;
  let bodyTotal = 0;
  let minSolidity = 1;
  const sliceCounts: number[] = [];
  roi.forEach((plane, k) => {
    let c = 0;
    for (let y = 0; y < p.h; y++) {
      for (let x = 0; x < p.w; x++) {
        if (plane[x + p.w * y] === 0) continue;
        c++;
        sx += x;
        sy += y;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
    sliceCounts.push(c);
    total += c;
    const body = bodies[k];
    if (body !== null) for (const v of body) bodyTotal += v;
    // A channel into the marrow narrower than ~6 mm (the basivertebral veins' foramen in the back wall, widened
    // by the erosion) is closed before the convexity is judged; a leak out of the body is far wider.
    if (c >= 20) minSolidity = Math.min(minSolidity, planeSolidity(closePlane(plane, p, NOTCH_MM), p.w, p.h));
  });
  if (total === 0) {
    return {
      sliceCounts,
      minSolidity: 1,
      apMm: 0,
      lrMm: 0,
      centroidAnteriorMm: 0,
      centroidInBody: false,
      bodyFraction: 0,
    };
  }
  const cx = Math.round(sx / total);
  const cy = Math.round(sy / total);
  const midBody = bodies[midIndex];
  return {
    sliceCounts,
    minSolidity,
    apMm: (y1 - y0 + 1) * p.syMm,
    lrMm: (x1 - x0 + 1) * p.sxMm,
    centroidAnteriorMm: (canalRow - sy / total) * posteriorSign * p.syMm,
    centroidInBody: midBody !== null && midBody[cx + p.w * cy] === 1,
    bodyFraction: bodyTotal > 0 ? total / bodyTotal : 0,
  };
}

/** QC limits on the ROI's geometry (mm, mm^2, ratios); see {@link roiShapeReasons}. */
export const SHAPE_LIMITS = {
  /** Largest slice over the median slice: a leak into a vessel or rib roughly doubles one slice. */
  maxSliceRatio: 1.5,
  /** Cancellous interiors are convex: solidity (count / convex-hull area) of every slice at least this. */
  minSolidity: 0.75,
  /** The centroid lies this far (mm) in front of the canal: half the depth of a C7..L5 body. */
  centroidAnteriorMm: [5, 30] as const,
  /** Largest body (L5) is ~40 x 55 mm; an ROI wider or deeper has left it. */
  maxApMm: 45,
  maxLrMm: 60,
  /**
   * Mean ROI cross-section (mm^2) over the body's slices: a T1 interior eroded by 2 mm is ~3 cm^2, an L5 one
   * ~13 cm^2; the low end allows small bodies, end slices cut by an endplate and HU clipping.
   */
  sliceAreaMm2: [80, 1600] as const,
  /** ROI over filled-body volume: the eroded, HU-clipped interior is a part of the body, never all of it. */
  bodyFraction: [0.1, 0.95] as const,
};

/**
 * The reasons the ROI of body `name` is not that body's interior (empty when it is), from its shape and its mean
 * cross-section `sliceAreaMm2` (ROI volume / (slices x slice spacing)); the limits are {@link SHAPE_LIMITS}.
 */
export function roiShapeReasons(name: string, s: RoiShape, sliceAreaMm2: number): string[] {
  const L = SHAPE_LIMITS;
  const out: string[] = [];
  const counts = s.sliceCounts.filter((c) => c > 0).sort((a, b) => a - b);
  const med = counts.length > 0 ? counts[counts.length >> 1] : 0;
  const top = counts.length > 0 ? counts[counts.length - 1] : 0;
  if (med > 0 && top / med > L.maxSliceRatio) {
    out.push(`${name} ROI leaks out of the body (a slice is ${(top / med).toFixed(1)}x the median slice)`);
  }
  if (s.minSolidity < L.minSolidity) {
    out.push(`${name} ROI is not convex (solidity ${s.minSolidity.toFixed(2)} < ${L.minSolidity})`);
  }
  const [a0, a1] = L.centroidAnteriorMm;
  if (!s.centroidInBody || s.centroidAnteriorMm < a0 || s.centroidAnteriorMm > a1) {
    out.push(
      `${name} ROI centre is not in the vertebral body (${s.centroidAnteriorMm.toFixed(0)} mm in front of the canal, ${s.centroidInBody ? 'inside' : 'outside'} the body)`,
    );
  }
  if (s.apMm > L.maxApMm || s.lrMm > L.maxLrMm) {
    out.push(`${name} ROI is larger than a vertebral body (${s.apMm.toFixed(0)} x ${s.lrMm.toFixed(0)} mm)`);
  }
  if (sliceAreaMm2 < L.sliceAreaMm2[0] || sliceAreaMm2 > L.sliceAreaMm2[1]) {
    out.push(
      `${name} ROI cross-section ${sliceAreaMm2.toFixed(0)} mm^2 is outside [${L.sliceAreaMm2.join(', ')}]`,
    );
  }
  if (s.bodyFraction < L.bodyFraction[0] || s.bodyFraction > L.bodyFraction[1]) {
    out.push(
      `${name} ROI is ${(100 * s.bodyFraction).toFixed(0)} % of its body, outside [${L.bodyFraction.map((v) => v * 100).join(', ')}] %`,
    );
  }
  return out;
}
