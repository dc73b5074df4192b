/**
 * Synthetic chest CT phantom, one per seed: 512x512 axial slices of ~0.7 mm pixels, 5 mm thick by default,
 * covering C7..L2, with ground truth (vertebral body level labels and a marrow mask). Pure and deterministic.
 */
import type { Mask, Volume } from '../volume/types.ts';
import { makeGrid } from '../volume/grid.ts';
import { createRng } from '../stats/random.ts';
import type { ChestAnatomy, ChestPhantomOptions } from './chest-anatomy.ts';
import { coverageLabels, drawAnatomy } from './chest-anatomy.ts';
import { AIR_HU, prepareThorax, sampleThorax } from './thorax-slice.ts';
import { prepareSpine, sampleSpine } from './spine-slice.ts';
import { levelLabel, levelName } from '../roi/level-names.ts';
import type { LevelName } from '../roi/level-names.ts';
import { SettingsError } from '../errors.ts';

export type { ChestPhantomOptions } from './chest-anatomy.ts';

/** A vertebral body's true extent along z (LPS z, superior positive, mm), clipped to the scan. */
export interface TrueLevel {
  readonly label: LevelName;
  readonly zRangeMm: readonly [number, number];
}

/** The phantom and its ground truth. */
export interface ChestPhantom {
  readonly image: Volume;
  /** Vertebral body voxels (cortex and marrow) labelled by level: C7 = 7, T1..T12 = 8..19, L1 = 20, ... */
  readonly levels: Mask;
  /** Label 1 on the cancellous interior (inside the cortical shell) of `marrowLevel` (default T6). */
  readonly marrow: Mask;
  readonly truth: {
    readonly levels: readonly TrueLevel[];
    readonly marrowLevel: LevelName;
    readonly fracturedLevel: LevelName | null;
    readonly anatomy: ChestAnatomy;
  };
}

const NOISE_TABLE = 1 << 16;

function positive(value: number | undefined, fallback: number, key: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0)
    throw new SettingsError('invalid-setting', `${key} must be > 0, got ${v}`);
  return v;
}

/**
 * Generates the chest CT phantom for `options.seed` (default 1): HU rounded to integers in a Float32Array on
 * an LPS grid (identity direction, slice 0 the most inferior), additive Gaussian noise of SD `noiseHu`, and the
 * ground truth. Same options, same bytes.
 */
export function makeChestPhantom(options: ChestPhantomOptions = {}): ChestPhantom {
  const [nx, ny] = options.size ?? [512, 512];
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 16 || ny < 16) {
    throw new SettingsError('invalid-setting', `size must be two integers >= 16, got ${nx}x${ny}`);
  }
  const px = positive(options.pixelMm, 0.7, 'pixelMm');
  const dz = positive(options.sliceMm, 5, 'sliceMm');
  const noiseHu = options.noiseHu ?? 12 * Math.sqrt(5 / dz);
  coverageLabels(options);
  const marrowLabel = levelLabel(options.marrowLevel ?? 'T6');
  const rng = createRng(options.seed ?? 1);
  const an = drawAnatomy(rng, options);
  const nz = Math.max(1, Math.floor((an.scanTopMm - an.scanBottomMm) / dz) + 1);
  const origin: [number, number, number] = [(-(nx - 1) / 2) * px, (-(ny - 1) / 2) * px, an.scanBottomMm];
  const grid = makeGrid([nx, ny, nz], [px, px, dz], origin);
  const data = new Float32Array(nx * ny * nz);
  const levels = new Uint8Array(nx * ny * nz);
  const marrow = new Uint8Array(nx * ny * nz);
  const noise = new Float32Array(NOISE_TABLE);
  // Noise: a table of N(0, noiseHu^2) values rounded to integers, read from a random offset per row (cheaper than a draw per voxel).
  for (let i = 0; i < NOISE_TABLE; i++) noise[i] = Math.round(noiseHu * rng.normal());
  let state = Math.floor(rng.next() * 0x7fffffff) | 1;
  const cos = Math.cos(an.rotationRad);
  const sin = Math.sin(an.rotationRad);
  const x0 = origin[0] - an.centreXMm;
  const y0 = origin[1] - an.centreYMm;
  const ia2 = 1 / (an.bodyAMm * an.bodyAMm);
  const ib2 = 1 / (an.bodyBMm * an.bodyBMm);
  for (let z = 0; z < nz; z++) {
    const zMm = origin[2] + z * dz;
    const thorax = prepareThorax(an, zMm);
    const spine = prepareSpine(an, zMm);
    const { su, sv, halfWidth, vLo, vHi } = spine;
    for (let y = 0; y < ny; y++) {
      const dy = y0 + y * px;
      let u = cos * x0 + sin * dy;
      let v = -sin * x0 + cos * dy;
      const du = cos * px;
      const dv = -sin * px;
      let base = nx * (y + ny * z);
      state = (Math.imul(state, 1664525) + 1013904223) | 0;
      const row = (state >>> 16) % (NOISE_TABLE - nx);
      for (let x = 0; x < nx; x++, base++, u += du, v += dv) {
        const n = noise[row + x];
        if (u * u * ia2 + v * v * ib2 > 1) {
          data[base] = AIR_HU + n;
          continue;
        }
        let hu: number;
        const su1 = u - su;
        const sv1 = v - sv;
        if (su1 <= halfWidth && su1 >= -halfWidth && sv1 >= vLo && sv1 <= vHi) {
          hu = sampleSpine(spine, u, v);
          if (hu === hu) {
            if (spine.label !== 0) levels[base] = spine.label;
            if (spine.marrow && spine.label === marrowLabel) marrow[base] = 1;
          } else hu = sampleThorax(thorax, u, v);
        } else hu = sampleThorax(thorax, u, v);
        data[base] = hu + n;
      }
    }
  }
  const zTop = origin[2] + (nz - 1) * dz;
  const truthLevels: TrueLevel[] = [];
  for (const v of an.vertebrae) {
    if (v.zTopMm < origin[2] || v.zBottomMm > zTop) continue;
    truthLevels.push({
      label: levelName(v.label),
      zRangeMm: [Math.max(v.zBottomMm, origin[2]), Math.min(v.zTopMm, zTop)],
    });
  }
  return {
    image: { grid, data, storedType: 'int16' },
    levels: { grid, data: levels },
    marrow: { grid, data: marrow },
    truth: {
      levels: truthLevels,
      marrowLevel: levelName(marrowLabel),
      fracturedLevel: options.fracturedT6 === true ? 'T6' : null,
      anatomy: an,
    },
  };
}
