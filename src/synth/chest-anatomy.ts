/**
 * Patient-level anatomy of the chest CT phantom, drawn once per seed: body outline, spine layout (vertebral
 * body heights, radii, discs, curvature), ribs, lungs, sternum, marrow texture. Lengths in mm in the patient
 * frame: u to the patient's left, v posterior, z superior (the LPS axes, centred on the body).
 */
import type { Rng } from '../stats/random.ts';
import { levelLabel } from '../roi/level-names.ts';
import { SettingsError } from '../errors.ts';

/** Options of the chest phantom; every field has a default. */
export interface ChestPhantomOptions {
  readonly seed?: number;
  /** In-plane voxel counts [nx, ny]; default [512, 512]. */
  readonly size?: readonly [number, number];
  /** In-plane pixel spacing (mm); default 0.7. */
  readonly pixelMm?: number;
  /** Slice thickness = spacing along z (mm); default 5 (1.25 and 3 work too). */
  readonly sliceMm?: number;
  /** First (most superior) vertebra covered, C7..L2; default 'C7'. */
  readonly firstLevel?: string;
  /** Last (most inferior) vertebra covered, C7..L2; default 'L2'. */
  readonly lastLevel?: string;
  /** Latent marrow factor (0 typical, about -2..2): sets marrow mean density and texture. */
  readonly marrowFactor?: number;
  /** A T6 compression fracture: wedged body (anterior height reduced) with sclerotic marrow. */
  readonly fracturedT6?: boolean;
  /**
   * A lumbar rib pair on L1 (about 1 % of people), shaped like the twelfth: a count from the last rib names L1 as
   * T12, so with the top of the thoracic spine out of the scan every level is named one too low.
   */
  readonly lumbarRib?: boolean;
  /** Noise SD (HU); default 12 * sqrt(5 / sliceMm). */
  readonly noiseHu?: number;
  /** The level whose cancellous interior is returned as the marrow truth mask; default 'T6'. */
  readonly marrowLevel?: string;
}

/** One vertebra of the phantom (label per level-names.ts). */
export interface VertebraSpec {
  readonly label: number;
  readonly zBottomMm: number;
  readonly zTopMm: number;
  /** Semi-axes of the elliptic body: left-right and antero-posterior. */
  readonly rxMm: number;
  readonly ryMm: number;
  readonly cortexMm: number;
  readonly cortexHu: number;
  readonly marrowHu: number;
  /** Fraction by which the anterior height is reduced (0 = intact). */
  readonly wedge: number;
  readonly tpReachMm: number;
  readonly canalRxMm: number;
}

/** One rib (a pair, left and right): attached near its vertebra at zHeadMm, descending as it wraps forward. */
export interface RibSpec {
  readonly zHeadMm: number;
  readonly halfHeightMm: number;
  readonly dropMm: number;
  /** Wall path: angle from the posterior midline (rad), start and end. */
  readonly phiStart: number;
  readonly phiEnd: number;
  /** Semi-axes of the ellipse the rib follows. */
  readonly wallAMm: number;
  readonly wallBMm: number;
}

/** A plane wave of the marrow texture. */
export interface TextureWave {
  readonly ku: number;
  readonly kv: number;
  readonly kz: number;
  readonly phase: number;
  readonly amp: number;
}

/** Everything the rasteriser needs for one patient. */
export interface ChestAnatomy {
  readonly bodyAMm: number;
  readonly bodyBMm: number;
  /** Body centre in image-plane LPS coordinates (mm). */
  readonly centreXMm: number;
  readonly centreYMm: number;
  readonly rotationRad: number;
  readonly vertebrae: readonly VertebraSpec[];
  readonly ribs: readonly RibSpec[];
  /** Spine curvature: lateral (scoliosis) and antero-posterior (kyphosis) amplitudes and the thoracic span. */
  readonly spineV0Mm: number;
  readonly kyphosisMm: number;
  readonly scoliosisMm: number;
  readonly thoracicTopMm: number;
  readonly thoracicBottomMm: number;
  readonly lungApexMm: number;
  readonly lungDomeMm: number;
  readonly sternumTopMm: number;
  readonly sternumBottomMm: number;
  readonly texture: readonly TextureWave[];
  /** Scan range (mm, z superior): the first slice centre is at scanBottomMm. */
  readonly scanBottomMm: number;
  readonly scanTopMm: number;
}

const FIRST_LABEL = 6; // C6, partly above the default coverage
const LAST_LABEL = 22; // L3, partly below it
const HEIGHT_MM = [13, 14, 15, 16, 16.5, 17, 17.5, 18, 18.5, 19, 20, 21, 22, 23, 25, 26, 27];
/** Disc above each vertebra (mm); at least 5.6 so that a 5 mm slice always falls inside every disc. */
const DISC_ABOVE_MM = [5.6, 5.6, 5.6, 6, 6, 6, 6, 6.5, 6.5, 6.5, 6.5, 7, 7, 7, 8, 9, 9.5];
const RIB_WIDTH_SCALE = [0.62, 0.78, 0.88, 0.95];

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function semiAxes(label: number): [number, number] {
  if (label <= 7) return [label === 6 ? 10 : 11, label === 6 ? 7.5 : 8];
  if (label <= 19) return [12 + 0.6 * (label - 8), 9 + 0.5 * (label - 8)];
  return [20.5 + (label - 20), 15 + 0.5 * (label - 20)];
}

/** Validates the coverage levels; returns their labels. */
export function coverageLabels(options: ChestPhantomOptions): [number, number] {
  const parse = (name: string, key: string): number => {
    let label: number;
    try {
      label = levelLabel(name);
    } catch (e) {
      throw new SettingsError('invalid-setting', `${key} must be a level C7..L2, got "${name}"`, {
        cause: e,
      });
    }
    if (label < 7 || label > 21) {
      throw new SettingsError('invalid-setting', `${key} must be a level C7..L2, got "${name}"`);
    }
    return label;
  };
  const first = parse(options.firstLevel ?? 'C7', 'firstLevel');
  const last = parse(options.lastLevel ?? 'L2', 'lastLevel');
  if (first > last) {
    throw new SettingsError(
      'invalid-setting',
      `firstLevel ${options.firstLevel} lies below lastLevel ${options.lastLevel}`,
    );
  }
  return [first, last];
}

/**
 * Draws one patient's anatomy from `rng`: body size 2a x 2b with a in 138..162 mm and b in 97..113 mm, centre
 * shift up to 12 mm, rotation up to 4 degrees, vertebral size x0.9..1.1 and height x0.92..1.08, kyphosis
 * 4..12 mm, scoliosis up to 4 mm; marrow mean clamp(225 + 35 f, 150, 300) HU and texture SD
 * clamp(28 + 6 f, 15, 40) HU for marrow factor f.
 */
export function drawAnatomy(rng: Rng, options: ChestPhantomOptions): ChestAnatomy {
  const [firstLabel, lastLabel] = coverageLabels(options);
  const f = options.marrowFactor ?? 0;
  const bodyA = uniform(rng, 138, 162);
  const bodyB = uniform(rng, 97, 113);
  const sizeScale = uniform(rng, 0.9, 1.1);
  const heightScale = uniform(rng, 0.92, 1.08);
  const cortexMm = uniform(rng, 1.0, 1.5);
  const marrowHu = clamp(225 + 35 * f, 150, 300);
  const vertebrae: VertebraSpec[] = [];
  let zTop = 0;
  for (let label = FIRST_LABEL; label <= LAST_LABEL; label++) {
    const k = label - FIRST_LABEL;
    if (k > 0) zTop -= DISC_ABOVE_MM[k] * uniform(rng, 1, 1.06);
    const h = HEIGHT_MM[k] * heightScale * uniform(rng, 0.97, 1.03);
    const [rx, ry] = semiAxes(label);
    const fractured = options.fracturedT6 === true && label === 13;
    vertebrae.push({
      label,
      zTopMm: zTop,
      zBottomMm: zTop - h,
      rxMm: rx * sizeScale * uniform(rng, 0.97, 1.03),
      ryMm: ry * sizeScale * uniform(rng, 0.97, 1.03),
      cortexMm,
      cortexHu: uniform(rng, 700, 1000),
      marrowHu: fractured ? 650 : marrowHu + uniform(rng, -8, 8),
      wedge: fractured ? 0.45 : 0,
      tpReachMm: label >= 20 ? 34 : label <= 7 ? 28 : 30,
      canalRxMm: label <= 7 ? 9 : 8,
    });
    zTop -= h;
  }
  const byLabel = (label: number): VertebraSpec => vertebrae[label - FIRST_LABEL];
  const mid = (v: VertebraSpec): number => (v.zTopMm + v.zBottomMm) / 2;
  const ribs: RibSpec[] = [];
  for (let k = 1; k <= (options.lumbarRib === true ? 13 : 12); k++) {
    const v = byLabel(7 + k);
    const h = v.zTopMm - v.zBottomMm;
    ribs.push({
      zHeadMm: mid(v) + 0.15 * h,
      halfHeightMm: k === 1 ? 4.5 : 5,
      dropMm: (40 + 2 * k) * heightScale,
      phiStart: 0.55,
      phiEnd: k <= 7 ? 2.45 : k <= 10 ? 2.2 : 1.6,
      wallAMm: (bodyA - 14) * (RIB_WIDTH_SCALE[k - 1] ?? 1),
      wallBMm: bodyB - 14,
    });
  }
  const texSd = clamp(28 + 6 * f, 15, 40);
  const lambdaMm = clamp(5 - 0.8 * f, 3, 8);
  const nWaves = 8;
  const texture: TextureWave[] = [];
  for (let i = 0; i < nWaves; i++) {
    const k = (2 * Math.PI) / (lambdaMm * uniform(rng, 0.7, 1.4));
    const theta = uniform(rng, 0, Math.PI);
    const tilt = uniform(rng, -0.4, 0.4);
    texture.push({
      ku: k * Math.cos(theta) * Math.cos(tilt),
      kv: k * Math.sin(theta) * Math.cos(tilt),
      kz: k * Math.sin(tilt),
      phase: uniform(rng, 0, 2 * Math.PI),
      amp: texSd * Math.sqrt(2 / nWaves),
    });
  }
  const first = byLabel(firstLabel);
  const last = byLabel(lastLabel);
  const above = byLabel(firstLabel - 1);
  const below = byLabel(lastLabel + 1);
  return {
    bodyAMm: bodyA,
    bodyBMm: bodyB,
    centreXMm: uniform(rng, -12, 12),
    centreYMm: uniform(rng, -12, 12),
    rotationRad: (uniform(rng, -4, 4) * Math.PI) / 180,
    vertebrae,
    ribs,
    spineV0Mm: bodyB - 62,
    kyphosisMm: uniform(rng, 4, 12),
    scoliosisMm: uniform(rng, -4, 4),
    thoracicTopMm: byLabel(8).zTopMm,
    thoracicBottomMm: byLabel(19).zBottomMm,
    lungApexMm: byLabel(8).zTopMm + 15,
    lungDomeMm: mid(byLabel(17)),
    sternumTopMm: mid(byLabel(9)),
    sternumBottomMm: mid(byLabel(16)),
    texture,
    scanTopMm: (first.zTopMm + above.zBottomMm) / 2 + uniform(rng, -1.5, 1.5),
    scanBottomMm: (last.zBottomMm + below.zTopMm) / 2 + uniform(rng, -1.5, 1.5),
  };
}

/** Centre (u, v) of the spine at height z: kyphosis bulges the thoracic spine backwards, lordosis above/below. */
export function spineCentreAt(a: ChestAnatomy, zMm: number): [number, number] {
  const t = (a.thoracicTopMm - zMm) / (a.thoracicTopMm - a.thoracicBottomMm);
  const s = Math.sin(Math.PI * clamp(t, -0.3, 1.3));
  return [a.scoliosisMm * Math.sin(Math.PI * t), a.spineV0Mm + a.kyphosisMm * (s - 0.6)];
}
