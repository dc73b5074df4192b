/**
 * One axial slice of the phantom's spine: vertebral body (cortical shell around textured cancellous marrow),
 * intervertebral disc, spinal canal and posterior elements (pedicles, lamina, spinous and transverse
 * processes). Coordinates in the patient frame (mm, u left, v posterior, z superior).
 */
import type { ChestAnatomy, TextureWave, VertebraSpec } from './chest-anatomy.ts';
import { spineCentreAt } from './chest-anatomy.ts';

const DISC_HU = 80;
const CANAL_HU = 15;
const ARCH_HU = 600;
const CANAL_RY_MM = 6.5;

/** Per-slice state of {@link sampleSpine}; `label` and `marrow` describe the last sampled point. */
export interface SpineSlice {
  readonly zMm: number;
  readonly su: number;
  readonly sv: number;
  /** The vertebra whose body range holds this slice, or null in a disc. */
  readonly vertebra: VertebraSpec | null;
  readonly rx: number;
  readonly ry: number;
  readonly canalRx: number;
  /** Canal centre, relative to the body centre along v. */
  readonly canalV: number;
  /** Bounding box of the spine relative to (su, sv): |du| <= halfWidth, dv in [vLo, vHi]. */
  readonly halfWidth: number;
  readonly vLo: number;
  readonly vHi: number;
  readonly texture: readonly TextureWave[];
  label: number;
  marrow: boolean;
}

/** Prepares the spine of the slice at height zMm (body, or disc with radii interpolated between its neighbours). */
export function prepareSpine(an: ChestAnatomy, zMm: number): SpineSlice {
  const [su, sv] = spineCentreAt(an, zMm);
  const vs = an.vertebrae;
  let vertebra: VertebraSpec | null = null;
  let rx = vs[0].rxMm;
  let ry = vs[0].ryMm;
  let canalRx = vs[0].canalRxMm;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i];
    if (zMm <= v.zTopMm && zMm >= v.zBottomMm) {
      vertebra = v;
      rx = v.rxMm;
      ry = v.ryMm;
      canalRx = v.canalRxMm;
      break;
    }
    const below = vs[i + 1];
    if (below !== undefined && zMm < v.zBottomMm && zMm > below.zTopMm) {
      const t = (v.zBottomMm - zMm) / (v.zBottomMm - below.zTopMm);
      rx = v.rxMm + t * (below.rxMm - v.rxMm);
      ry = v.ryMm + t * (below.ryMm - v.ryMm);
      canalRx = below.canalRxMm;
      break;
    }
  }
  const reach = vertebra === null ? canalRx + 1 : vertebra.tpReachMm + 1;
  return {
    zMm,
    su,
    sv,
    vertebra,
    rx,
    ry,
    canalRx,
    canalV: ry + CANAL_RY_MM,
    halfWidth: Math.max(reach, rx + 1),
    vLo: -ry - 1,
    vHi: ry + 2 * CANAL_RY_MM + 25,
    texture: an.texture,
    label: 0,
    marrow: false,
  };
}

function textureAt(waves: readonly TextureWave[], du: number, dv: number, z: number): number {
  let t = 0;
  for (const w of waves) t += w.amp * Math.cos(w.ku * du + w.kv * dv + w.kz * z + w.phase);
  return t;
}

function archValue(s: SpineSlice, du: number, dv: number): number {
  const au = Math.abs(du);
  const cr = s.canalRx;
  const cv = s.canalV;
  // Pedicles: from the body's back to the canal's mid-line, beside the canal.
  if (au >= cr && au <= cr + 4.5 && dv >= s.ry - 2 && dv <= cv) return ARCH_HU;
  // Transverse processes: lateral bars at the canal's mid-line.
  if (au >= cr && au <= (s.vertebra?.tpReachMm ?? 0) && Math.abs(dv - cv) <= 3) return ARCH_HU;
  // Lamina: the posterior half-ring around the canal.
  if (dv >= cv) {
    const lu = du / (cr + 5);
    const lv = (dv - cv) / (CANAL_RY_MM + 5);
    if (lu * lu + lv * lv <= 1) return ARCH_HU;
  }
  // Spinous process.
  if (au <= 2.5 && dv >= cv + CANAL_RY_MM && dv <= cv + CANAL_RY_MM + 18) return ARCH_HU;
  return NaN;
}

/**
 * HU of the spine at (u, v) without noise, or NaN where the spine is absent. Sets `s.label` to the vertebra's
 * label on body voxels (0 elsewhere) and `s.marrow` on cancellous voxels. A wedged body's top falls linearly
 * from full height at the back to (1 - wedge) x height at the front; the space above is disc.
 */
export function sampleSpine(s: SpineSlice, u: number, v: number): number {
  s.label = 0;
  s.marrow = false;
  const du = u - s.su;
  const dv = v - s.sv;
  if (Math.abs(du) > s.halfWidth || dv < s.vLo || dv > s.vHi) return NaN;
  const cu = du / s.canalRx;
  const cw = (dv - s.canalV) / CANAL_RY_MM;
  if (cu * cu + cw * cw <= 1) return CANAL_HU;
  const eu = du / s.rx;
  const ev = dv / s.ry;
  const inBody = eu * eu + ev * ev <= 1;
  const vt = s.vertebra;
  if (vt === null) return inBody ? DISC_HU : NaN;
  if (inBody) {
    let top = vt.zTopMm;
    if (vt.wedge > 0) {
      const anterior = Math.min(1, Math.max(0, (s.ry - dv) / (2 * s.ry)));
      top = vt.zBottomMm + (vt.zTopMm - vt.zBottomMm) * (1 - vt.wedge * anterior);
      if (s.zMm > top) return DISC_HU;
    }
    s.label = vt.label;
    const c = vt.cortexMm;
    const iu = du / (s.rx - c);
    const iv = dv / (s.ry - c);
    if (iu * iu + iv * iv <= 1 && s.zMm <= top - c && s.zMm >= vt.zBottomMm + c) {
      s.marrow = true;
      return Math.round(vt.marrowHu + textureAt(s.texture, du, dv, s.zMm));
    }
    return Math.round(vt.cortexHu);
  }
  return archValue(s, du, dv);
}
