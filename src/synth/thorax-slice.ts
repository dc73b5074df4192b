/**
 * One axial slice of the phantom's thorax (everything but the spine): body outline with a fat layer, lungs,
 * sternum and ribs. Values in HU before noise; coordinates in the patient frame (mm, u left, v posterior).
 */
import type { ChestAnatomy, RibSpec } from './chest-anatomy.ts';
import { spineCentreAt } from './chest-anatomy.ts';

export const AIR_HU = -1000;
const FAT_HU = -90;
const SOFT_HU = 40;
const LUNG_HU = -850;
const RIB_CORTEX_HU = 700;
const RIB_MARROW_HU = 260;
const RIB_HALF_WIDTH_MM = 3.5;
const RIB_CORTEX_MM = 1.2;
const FAT_MM = 12;

/** The part of one rib crossing this slice: an arc of its wall path and possibly its neck. */
interface RibCut {
  readonly rib: RibSpec;
  readonly phiLo: number;
  readonly phiHi: number;
  /** q^2 bounds of the band around the wall ellipse (cheap pre-test). */
  readonly q2Lo: number;
  readonly q2Hi: number;
  readonly neck: boolean;
  /** Neck segment from the joint (ju, jv) to the wall start (wu, wv), |u| side. */
  readonly ju: number;
  readonly jv: number;
  readonly wu: number;
  readonly wv: number;
}

/** Per-slice state of {@link sampleThorax}. */
export interface ThoraxSlice {
  readonly zMm: number;
  readonly a: number;
  readonly b: number;
  readonly fatA2: number;
  readonly fatB2: number;
  /** Lung semi-axes at this height (0 when no lung). */
  readonly lungA: number;
  readonly lungB: number;
  readonly lungU: number;
  readonly sternum: boolean;
  readonly ribs: readonly RibCut[];
}

/** Prepares the thorax of the slice at height zMm. */
export function prepareThorax(an: ChestAnatomy, zMm: number): ThoraxSlice {
  const apex = Math.sqrt(Math.min(1, Math.max(0, (an.lungApexMm - zMm) / 50)));
  const base = Math.min(1, Math.max(0, (zMm - (an.lungDomeMm - 35)) / 35));
  const lungScale = Math.min(apex, base);
  const ribs: RibCut[] = [];
  for (let k = 0; k < an.ribs.length; k++) {
    const rib = an.ribs[k];
    const sLo = (rib.zHeadMm - zMm - rib.halfHeightMm) / rib.dropMm;
    const sHi = (rib.zHeadMm - zMm + rib.halfHeightMm) / rib.dropMm;
    const neck = Math.abs(zMm - rib.zHeadMm) <= rib.halfHeightMm;
    if (sHi < 0 || sLo > 1) continue;
    const span = rib.phiEnd - rib.phiStart;
    const v = an.vertebrae.find((x) => x.label === 8 + k);
    const rx = v === undefined ? 14 : v.rxMm;
    const ry = v === undefined ? 11 : v.ryMm;
    const [, sv] = spineCentreAt(an, rib.zHeadMm);
    const inner = 1 - (RIB_HALF_WIDTH_MM + 0.5) / Math.min(rib.wallAMm, rib.wallBMm);
    const outer = 1 + (RIB_HALF_WIDTH_MM + 0.5) / Math.min(rib.wallAMm, rib.wallBMm);
    ribs.push({
      rib,
      phiLo: rib.phiStart + Math.max(0, sLo) * span,
      phiHi: rib.phiStart + Math.min(1, sHi) * span,
      q2Lo: inner * inner,
      q2Hi: outer * outer,
      neck,
      ju: 0.8 * rx,
      jv: sv + 0.5 * ry,
      wu: rib.wallAMm * Math.sin(rib.phiStart),
      wv: rib.wallBMm * Math.cos(rib.phiStart),
    });
  }
  return {
    zMm,
    a: an.bodyAMm,
    b: an.bodyBMm,
    fatA2: (an.bodyAMm - FAT_MM) ** 2,
    fatB2: (an.bodyBMm - FAT_MM) ** 2,
    lungA: 0.36 * an.bodyAMm * lungScale,
    lungB: 0.72 * an.bodyBMm * lungScale,
    lungU: 0.48 * an.bodyAMm,
    sternum: zMm <= an.sternumTopMm && zMm >= an.sternumBottomMm,
    ribs,
  };
}

function ribValue(edgeMm: number, zEdgeMm: number): number {
  return edgeMm > RIB_HALF_WIDTH_MM - RIB_CORTEX_MM || zEdgeMm < RIB_CORTEX_MM
    ? RIB_CORTEX_HU
    : RIB_MARROW_HU;
}

function sampleRibs(s: ThoraxSlice, au: number, v: number): number {
  for (const c of s.ribs) {
    const r = c.rib;
    const qu = au / r.wallAMm;
    const qv = v / r.wallBMm;
    const q2 = qu * qu + qv * qv;
    if (q2 >= c.q2Lo && q2 <= c.q2Hi) {
      const q = Math.sqrt(q2);
      const d = Math.abs(((q - 1) * Math.sqrt(au * au + v * v)) / q);
      if (d <= RIB_HALF_WIDTH_MM) {
        const phi = Math.atan2(qu, qv);
        if (phi >= c.phiLo && phi <= c.phiHi) {
          const zc = r.zHeadMm - (r.dropMm * (phi - r.phiStart)) / (r.phiEnd - r.phiStart);
          return ribValue(d, r.halfHeightMm - Math.abs(s.zMm - zc));
        }
      }
    }
    if (c.neck) {
      const eu = c.wu - c.ju;
      const ev = c.wv - c.jv;
      const t = Math.min(1, Math.max(0, ((au - c.ju) * eu + (v - c.jv) * ev) / (eu * eu + ev * ev)));
      const du = au - c.ju - t * eu;
      const dv = v - c.jv - t * ev;
      const d = Math.sqrt(du * du + dv * dv);
      if (d <= RIB_HALF_WIDTH_MM) return ribValue(d, r.halfHeightMm - Math.abs(s.zMm - r.zHeadMm));
    }
  }
  return NaN;
}

/**
 * HU of the thorax at (u, v) (no spine, no noise): air outside the body ellipse (u/a)^2 + (v/b)^2 <= 1,
 * a 12 mm fat layer, soft tissue, lungs, sternum and ribs (cortex 700 HU around 260 HU rib marrow).
 */
export function sampleThorax(s: ThoraxSlice, u: number, v: number): number {
  const e = (u * u) / (s.a * s.a) + (v * v) / (s.b * s.b);
  if (e > 1) return AIR_HU;
  const au = Math.abs(u);
  if (s.ribs.length > 0) {
    const r = sampleRibs(s, au, v);
    if (r === r) return r;
  }
  if (s.sternum) {
    const dv = v + s.b - 16;
    const es = (u * u) / 196 + (dv * dv) / 49;
    if (es <= 1) return (u * u) / 163 + (dv * dv) / 34 <= 1 ? 280 : 650;
  }
  if (s.lungA > 0) {
    const lu = (au - s.lungU) / s.lungA;
    const lv = v / s.lungB;
    if (lu * lu + lv * lv <= 1) return LUNG_HU;
  }
  return (u * u) / s.fatA2 + (v * v) / s.fatB2 > 1 ? FAT_HU : SOFT_HU;
}
