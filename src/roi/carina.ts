/**
 * The carina: where the trachea, an air tube in front of the spine in the midline, divides into the two main
 * bronchi. It lies at about T4-T5 (T3..T7 with age, posture and breath), so it is a prior on the level count
 * when one end of the thoracic spine is out of the scan, and a check when both are in.
 */
import type { Volume } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';

/** Air (HU): the tracheal and bronchial lumen. */
const AIR_HU = -600;
/** The search box in front of the vertebral body centre (mm): left-right half-width, front and back. */
const HALF_X_MM = 30;
const FROM_MM = 15;
const TO_MM = 75;
/** An airway's cross-section (mm^2): the trachea ~200-300, a main bronchus ~80-150. */
const MIN_AIRWAY_MM2 = 30;
/** The trachea is seen over at least this length (mm) above the carina. */
const TRACHEA_MM = 15;
/** Levels the carina may lie at (label numbers: T3 = 10 .. T7 = 14). */
export const CARINA_LEVELS: readonly [number, number] = [10, 14];

/** An air piece: its area (mm^2) and centroid (mm, x left, y in the box). */
interface Airway {
  readonly mm2: number;
  readonly xMm: number;
  readonly yMm: number;
}

/** Air pieces (4-connected) in the box of slice z, not reaching its sides, largest first. */
function airways(volume: Volume, f: AxialFrame, track: SpineTrack, z: number): Airway[] {
  const { nx, ny, sxMm, syMm } = f;
  const x0 = Math.max(0, Math.round(track.cx[z] - HALF_X_MM / sxMm));
  const x1 = Math.min(nx - 1, Math.round(track.cx[z] + HALF_X_MM / sxMm));
  const ya = Math.round(track.cy[z] - (FROM_MM / syMm) * f.posteriorSign);
  const yb = Math.round(track.cy[z] - (TO_MM / syMm) * f.posteriorSign);
  const y0 = Math.max(0, Math.min(ya, yb));
  const y1 = Math.min(ny - 1, Math.max(ya, yb));
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  if (w <= 0 || h <= 0) return [];
  const air = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const row = nx * (y0 + j + ny * z) + x0;
    for (let i = 0; i < w; i++) if (volume.data[row + i] < AIR_HU) air[i + w * j] = 1;
  }
  const areas: Airway[] = [];
  const stack: number[] = [];
  for (let s = 0; s < air.length; s++) {
    if (air[s] !== 1) continue;
    air[s] = 2;
    stack.push(s);
    let n = 0;
    let si = 0;
    let sj = 0;
    let touches = false;
    while (stack.length > 0) {
      const p = stack.pop() ?? 0;
      n++;
      const i = p % w;
      const j = (p - i) / w;
      si += i;
      sj += j;
      // A piece reaching the box's sides is lung, not an airway inside the mediastinum.
      if (i === 0 || i === w - 1) touches = true;
      for (const q of [
        i > 0 ? p - 1 : -1,
        i < w - 1 ? p + 1 : -1,
        j > 0 ? p - w : -1,
        j < h - 1 ? p + w : -1,
      ]) {
        if (q >= 0 && air[q] === 1) {
          air[q] = 2;
          stack.push(q);
        }
      }
    }
    const mm2 = n * sxMm * syMm;
    if (!touches && mm2 >= MIN_AIRWAY_MM2) areas.push({ mm2, xMm: (si / n) * sxMm, yMm: (sj / n) * syMm });
  }
  return areas.sort((a, b) => b.mm2 - a.mm2);
}

/** Two airways side by side (further apart left-right than front-back): the main bronchi, not the oesophagus. */
function isBronchi(a: readonly Airway[]): boolean {
  if (a.length < 2) return false;
  return (
    Math.abs(a[0].xMm - a[1].xMm) > 1.5 * Math.abs(a[0].yMm - a[1].yMm) && Math.abs(a[0].xMm - a[1].xMm) > 8
  );
}

/**
 * The carina's slice (index), or null: going down from the top, the first slice with two airways side by side
 * (the main bronchi, also seen on the slices of the next 5 mm) after at least 15 mm of slices with one (the trachea), in the
 * midline box in front of the spine. Air in the oesophagus lies behind the trachea, not beside it.
 */
export function findCarina(volume: Volume, f: AxialFrame, track: SpineTrack): number | null {
  const order: number[] = [];
  for (let i = 0; i < f.nz; i++) order.push(f.superiorSign > 0 ? f.nz - 1 - i : i);
  const found = order.map((z) => airways(volume, f, track, z));
  // The bronchi seen again within the next 5 mm (not checked on slices thicker than 5 mm).
  const confirm = Math.floor(5 / f.szMm);
  let trachea = 0;
  for (let i = 0; i < order.length; i++) {
    const a = found[i];
    if (isBronchi(a) && trachea >= TRACHEA_MM) {
      let ok = true;
      for (let j = i + 1; j <= Math.min(order.length - 1, i + confirm); j++)
        if (!isBronchi(found[j])) ok = false;
      if (ok) return order[i];
    }
    if (a.length >= 1 && !isBronchi(a)) trachea += f.szMm;
    else if (a.length === 0) trachea = 0;
  }
  return null;
}
