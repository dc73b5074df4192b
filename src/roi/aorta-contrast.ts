/**
 * Intravenous contrast check from the descending aorta: beside the thoracic vertebral bodies, anterior-left of
 * the spine, the aorta is a round, homogeneous blood-filled tube. Unenhanced blood is ~30..60 HU; an arterial or
 * portal-venous phase puts the aortic lumen well above 150 HU (typically 200..400 HU). Contrast also raises the
 * marrow's HU, which the study's model (trained on non-contrast chest CT) does not expect.
 */
import type { Volume } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { Segment } from './vertebra-levels.ts';

/**
 * Aortic lumen mean above which a scan is called contrast-enhanced (HU): well above unenhanced blood (~30..60 HU,
 * up to ~70 HU with a high haematocrit) and below the usual enhanced lumen (> 150 HU, mostly 200..400 HU), so
 * noise or a late venous phase does not flip the call either way.
 */
export const CONTRAST_AORTA_HU = 120;

/** Thoracic levels searched: T5..T11 (labels 12..18), where the aorta descends beside the bodies. */
const FIRST_LABEL = 12;
const LAST_LABEL = 18;
/** At most this many slices are measured, spread evenly over those levels. */
const MAX_SLICES = 12;
/** The aorta must be found on at least this many slices. */
const MIN_FOUND = 3;
/** Search window of the aortic centre relative to the body centre (mm): to the left, and anterior. */
const LEFT_MM: readonly [number, number] = [8, 50];
const ANTERIOR_MM: readonly [number, number] = [-15, 45];
/** Radius of the homogeneous core tested at each candidate centre (mm). */
const CORE_MM = 5;
/** A core is homogeneous when its HU SD is at most this. */
const CORE_SD_HU = 30;
/** Lumen radius limits (mm): aortic diameter ~16..40 mm. */
const MIN_RADIUS_MM = 7;
const MAX_RADIUS_MM = 20;
const RAYS = 16;
/** Rays that must meet the wall within MAX_RADIUS_MM, and the largest spread (max / min of the middle half). */
const MIN_BOUNDED = 13;
const MAX_ROUND_RATIO = 1.6;
/** Largest coefficient of variation of the bounded wall distances about their median (a circle: ~0.1). */
const MAX_WALL_CV = 0.25;
/** A wall is where HU leaves the lumen mean by this much (HU) or by this fraction of the lumen's mean. */
const EDGE_HU = 60;
const EDGE_FRACTION = 0.35;
/** A wall brighter than this is bone; a lumen walled by bone on more than MAX_BONE_RAYS rays is marrow. */
const BONE_HU = 400;
const MAX_BONE_RAYS = 4;

/** Outcome of {@link measureAortaHu}: the aortic lumen's mean HU, or null and why. */
export interface AortaMeasurement {
  readonly aortaHu: number | null;
  /** Slices on which the lumen was found, of those searched. */
  readonly slicesFound: number;
  readonly slicesSearched: number;
  readonly reason: string | null;
}

interface SliceFit {
  readonly x: number;
  readonly y: number;
  /** Offset of the centre from the body centre (mm). */
  readonly dx: number;
  readonly dy: number;
  readonly radiusMm: number;
  readonly meanHu: number;
  readonly score: number;
}

function diskStats(
  d: ArrayLike<number>,
  f: AxialFrame,
  z: number,
  x0: number,
  y0: number,
  rMm: number,
): { mean: number; sd: number } {
  const rx = rMm / f.sxMm;
  const ry = rMm / f.syMm;
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let y = Math.ceil(y0 - ry); y <= y0 + ry; y++) {
    for (let x = Math.ceil(x0 - rx); x <= x0 + rx; x++) {
      if (x < 0 || y < 0 || x >= f.nx || y >= f.ny) return { mean: NaN, sd: Infinity };
      if (((x - x0) / rx) ** 2 + ((y - y0) / ry) ** 2 > 1) continue;
      const v = d[x + f.nx * (y + f.ny * z)];
      n++;
      s += v;
      s2 += v * v;
    }
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(Math.max(0, s2 / n - mean * mean)) };
}

/** Wall distances (mm) along RAYS directions from (x0, y0); Infinity where no wall within MAX_RADIUS_MM. */
function wallRadii(
  volume: Volume,
  f: AxialFrame,
  z: number,
  x0: number,
  y0: number,
  lumenHu: number,
): { radii: number[]; boneRays: number } {
  const tol = Math.max(EDGE_HU, EDGE_FRACTION * Math.abs(lumenHu));
  const stepMm = Math.min(f.sxMm, f.syMm);
  const out: number[] = [];
  let boneRays = 0;
  for (let k = 0; k < RAYS; k++) {
    const a = (2 * Math.PI * k) / RAYS;
    const ux = Math.cos(a);
    const uy = Math.sin(a);
    let hit = Infinity;
    for (let r = CORE_MM * 0.5; r <= MAX_RADIUS_MM; r += stepMm) {
      const x = Math.round(x0 + (r * ux) / f.sxMm);
      const y = Math.round(y0 + (r * uy) / f.syMm);
      if (x < 0 || y < 0 || x >= f.nx || y >= f.ny) break;
      // Two pixels in a row off the lumen: one noisy pixel is not a wall.
      const x2 = Math.round(x0 + ((r + stepMm) * ux) / f.sxMm);
      const y2 = Math.round(y0 + ((r + stepMm) * uy) / f.syMm);
      const inside2 = x2 >= 0 && y2 >= 0 && x2 < f.nx && y2 < f.ny;
      const v = volume.data[x + f.nx * (y + f.ny * z)];
      const v2 = inside2 ? volume.data[x2 + f.nx * (y2 + f.ny * z)] : v;
      if (Math.abs(v - lumenHu) > tol && Math.abs(v2 - lumenHu) > tol) {
        hit = r;
        if (v > BONE_HU) boneRays++;
        break;
      }
    }
    out.push(hit);
  }
  return { radii: out, boneRays };
}

/** The best round homogeneous lumen on slice z in the search window, or null. */
function fitSlice(
  volume: Volume,
  f: AxialFrame,
  track: SpineTrack,
  z: number,
  leftSign: number,
): SliceFit | null {
  const step = Math.max(1, Math.round(1.5 / f.sxMm));
  const anterior = -f.posteriorSign;
  let best: SliceFit | null = null;
  for (let am = ANTERIOR_MM[0]; am <= ANTERIOR_MM[1]; am += step * f.syMm) {
    const y = Math.round(track.cy[z] + (anterior * am) / f.syMm);
    for (let lm = LEFT_MM[0]; lm <= LEFT_MM[1]; lm += step * f.sxMm) {
      const x = Math.round(track.cx[z] + (leftSign * lm) / f.sxMm);
      const core = diskStats(volume.data, f, z, x, y, CORE_MM);
      if (!(core.sd <= CORE_SD_HU) || core.mean < -20 || core.mean > 700) continue;
      const { radii, boneRays } = wallRadii(volume, f, z, x, y, core.mean);
      if (boneRays > MAX_BONE_RAYS) continue;
      const bounded = radii.filter(Number.isFinite).sort((a, b) => a - b);
      if (bounded.length < MIN_BOUNDED) continue;
      const mid = bounded.slice(bounded.length >> 2, bounded.length - (bounded.length >> 2));
      const radius = bounded[bounded.length >> 1];
      if (radius < MIN_RADIUS_MM || mid[mid.length - 1] > MAX_ROUND_RATIO * mid[0]) continue;
      let dev = 0;
      for (const b of bounded) dev += (b - radius) ** 2;
      if (Math.sqrt(dev / bounded.length) > MAX_WALL_CV * radius) continue;
      // Prefer the most central (largest smallest wall distance), least noisy candidate.
      const score = bounded[0] - core.sd / 10;
      if (best === null || score > best.score) {
        best = {
          x,
          y,
          dx: (x - track.cx[z]) * f.sxMm,
          dy: (y - track.cy[z]) * f.syMm,
          radiusMm: radius,
          meanHu: core.mean,
          score,
        };
      }
    }
  }
  if (best === null) return null;
  // The lumen's mean over 60 % of its radius (clear of the wall's partial volume).
  const lumen = diskStats(volume.data, f, z, best.x, best.y, Math.max(CORE_MM, 0.6 * best.radiusMm));
  return Number.isFinite(lumen.mean) ? { ...best, meanHu: lumen.mean } : best;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Mean HU of the descending aorta's lumen: on up to 12 slices spread over the labelled T5..T11 bodies, the
 * candidate centres 8..50 mm left of and -15..45 mm anterior to the tracked body centre whose 5 mm core has
 * SD <= 30 HU, whose wall (HU leaving the core mean by max(60 HU, 35 %) on two pixels in a row) is met within
 * 20 mm on >= 13 of 16 rays, with a median wall distance >= 7 mm, a middle half of the distances within 1.6x,
 * their SD <= 0.25 x the median (round) and bone (> 400 HU) as the wall on <= 4 rays (not a vertebral body's
 * marrow, not the gutter between body and lung). The most central such lumen is the aorta, measured as the
 * mean over 60 % of its radius. Slices whose offset from the body centre is > 15 mm from the median offset
 * are dropped; the result is the median of the slice means when >= 3 slices remain, else null with the
 * reason (an unenhanced aorta pressed against the oesophagus or azygos, with no fat between, has no wall on
 * those rays and may be missed: the scan is then not checked, which the reason says). Anatomy: the descending
 * thoracic aorta lies left anterolateral to the T5..T11 bodies; unenhanced blood is 30..60 HU.
 */
export function measureAortaHu(
  volume: Volume,
  f: AxialFrame,
  track: SpineTrack,
  segments: readonly Segment[],
): AortaMeasurement {
  const candidates: number[] = [];
  for (const s of segments) if (s.label >= FIRST_LABEL && s.label <= LAST_LABEL) candidates.push(...s.slices);
  const stride = Math.max(1, Math.ceil(candidates.length / MAX_SLICES));
  const slices = candidates.filter((_, i) => i % stride === 0);
  const none = (reason: string, found = 0): AortaMeasurement => ({
    aortaHu: null,
    slicesFound: found,
    slicesSearched: slices.length,
    reason,
  });
  if (slices.length === 0)
    return none('aorta not measured: no T5..T11 vertebra labelled, contrast not checked from the image');
  const leftSign = volume.grid.direction[0] >= 0 ? 1 : -1;
  const fits: SliceFit[] = [];
  for (const z of slices) {
    const fit = fitSlice(volume, f, track, z, leftSign);
    if (fit !== null) fits.push(fit);
  }
  // Offsets from the body centre: the aorta runs alongside the spine, so they change slowly.
  const mx = median(fits.map((p) => p.dx));
  const my = median(fits.map((p) => p.dy));
  const kept = fits.filter((p) => Math.hypot(p.dx - mx, p.dy - my) <= 15);
  if (kept.length < MIN_FOUND) {
    return none(
      `aorta not found beside the thoracic spine (${kept.length} of ${slices.length} slices), contrast not checked from the image`,
      kept.length,
    );
  }
  return {
    aortaHu: median(kept.map((p) => p.meanHu)),
    slicesFound: kept.length,
    slicesSearched: slices.length,
    reason: null,
  };
}
