import type { RoiInput } from '../types.ts';
import type { AngleSet } from './angles.ts';
import { angleLengthMm, anglesFor, roiBoxSize } from './angles.ts';
import { levelIndex } from './texture-math.ts';

/**
 * The GLRLM state every GLRLM feature reads: run-length counts P(i, j | angle) per angle (or one merged
 * matrix with `weightingNorm`), rows = grey levels present, columns = run lengths 1..maxRun.
 * Layout: P[a * n * maxRun + i * maxRun + (j - 1)].
 */
export interface GlrlmPrepared {
  /** Number of matrices kept (angles with at least one run; 1 when merged). */
  readonly angleCount: number;
  readonly levelCount: number;
  /** Longest possible run (the largest box dimension); columns of the matrix. */
  readonly maxRun: number;
  /** Grey level value of each row. */
  readonly levels: Float64Array;
  /** Run counts (weighted when merged). */
  readonly counts: Float64Array;
  /** Runs per length p_r(j) (a * maxRun + j - 1) and per grey level p_g(i) (a * n + i). */
  readonly pr: Float64Array;
  readonly pg: Float64Array;
  /** N_r(angle): number of runs; N_p(angle) = sum_j j p_r(j): voxels covered by the runs. */
  readonly runCount: Float64Array;
  readonly voxelCount: Float64Array;
  /** Scratch buffer of angleCount values. */
  readonly scratch: Float64Array;
}

/**
 * Counts the runs along angle `a` into `out` (the angle's n x maxRun block). A run is a maximal sequence of ROI
 * voxels of equal level, consecutive along the angle's offset (a voxel outside the ROI ends it). Each ROI voxel
 * whose predecessor along the angle is not a ROI voxel of its level starts a run, which is walked forward.
 * When no line of the box along the angle holds two ROI voxels, the angle is emptied (the ROI is flat across
 * it; PyRadiomics `calculate_glrlm`).
 */
function countRuns(
  input: RoiInput,
  lut: Int32Array,
  angles: AngleSet,
  a: number,
  out: Float64Array,
  maxRun: number,
): void {
  const [nx, ny, nz] = input.size;
  const { mask, binned } = input;
  const dx = angles.offsets[3 * a];
  const dy = angles.offsets[3 * a + 1];
  const dz = angles.offsets[3 * a + 2];
  const step = dx + nx * (dy + ny * dz);
  let longRun = false;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        const g = binned[i];
        const px = x - dx;
        const py = y - dy;
        const pz = z - dz;
        if (px >= 0 && px < nx && py >= 0 && py < ny && pz >= 0 && pz < nz) {
          const p = i - step;
          if (mask[p] !== 0 && binned[p] === g) continue;
        }
        let run = 1;
        let xx = x + dx;
        let yy = y + dy;
        let zz = z + dz;
        let j = i + step;
        while (
          xx >= 0 &&
          xx < nx &&
          yy >= 0 &&
          yy < ny &&
          zz >= 0 &&
          zz < nz &&
          mask[j] !== 0 &&
          binned[j] === g
        ) {
          run++;
          xx += dx;
          yy += dy;
          zz += dz;
          j += step;
        }
        out[lut[g] * maxRun + run - 1] += 1;
        if (run > 1) longRun = true;
      }
    }
  }
  if (!longRun && !hasLineWithTwoVoxels(input, dx, dy, dz)) out.fill(0);
}

/** Whether some line of the box along offset (dx, dy, dz) holds at least two ROI voxels. */
function hasLineWithTwoVoxels(input: RoiInput, dx: number, dy: number, dz: number): boolean {
  const [nx, ny, nz] = input.size;
  const mask = input.mask;
  const step = dx + nx * (dy + ny * dz);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        let xx = x + dx;
        let yy = y + dy;
        let zz = z + dz;
        let j = i + step;
        while (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) {
          if (mask[j] !== 0) return true;
          xx += dx;
          yy += dy;
          zz += dz;
          j += step;
        }
      }
    }
  }
  return false;
}

/**
 * Builds the GLRLM state as PyRadiomics `RadiomicsGLRLM._calculateMatrix` + `_calculateCoefficients`: one
 * matrix per angle (distance 1, one of each +/- pair, in-plane with force2D) reduced to the levels present;
 * with `weightingNorm` the angles are summed weighted by their offset length in mm under the norm (1 for
 * 'no_weighting'); angles without runs are removed; then p_r, p_g, N_r and N_p per matrix.
 * IBSI: GLRLM section (TP0I); "3D averaged" (ITBB) by default, "3D merged" (IAZD) with weighting.
 */
export function prepareGlrlm(input: RoiInput): GlrlmPrepared {
  const s = input.settings;
  const angles = anglesFor(roiBoxSize(input), s, [1], false);
  const n = input.grayLevels.length;
  const maxRun = Math.max(input.size[0], input.size[1], input.size[2]);
  const block = n * maxRun;
  const lut = levelIndex(input);
  let counts = new Float64Array(angles.count * block);
  for (let a = 0; a < angles.count; a++) {
    countRuns(input, lut, angles, a, counts.subarray(a * block, (a + 1) * block), maxRun);
  }
  let na = angles.count;
  if (s.weightingNorm !== null) {
    const merged = new Float64Array(block);
    for (let a = 0; a < na; a++) {
      const w = angleLengthMm(angles, a, input.spacingMm, s.weightingNorm);
      for (let k = 0; k < block; k++) merged[k] += counts[a * block + k] * w;
    }
    counts = merged;
    na = 1;
  }
  let kept = 0;
  for (let a = 0; a < na; a++) {
    let total = 0;
    for (let k = 0; k < block; k++) total += counts[a * block + k];
    if (total === 0 && na > 1) continue;
    if (kept !== a) counts.copyWithin(kept * block, a * block, (a + 1) * block);
    kept++;
  }
  return marginals(counts.subarray(0, kept * block), kept, n, maxRun, input.grayLevels);
}

function marginals(
  counts: Float64Array,
  na: number,
  n: number,
  maxRun: number,
  grayLevels: Int32Array,
): GlrlmPrepared {
  const pr = new Float64Array(na * maxRun);
  const pg = new Float64Array(na * n);
  const runCount = new Float64Array(na);
  const voxelCount = new Float64Array(na);
  for (let a = 0; a < na; a++) {
    const base = a * n * maxRun;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < maxRun; r++) {
        const v = counts[base + i * maxRun + r];
        if (v === 0) continue;
        pr[a * maxRun + r] += v;
        pg[a * n + i] += v;
        total += v;
      }
    }
    let covered = 0;
    for (let r = 0; r < maxRun; r++) covered += pr[a * maxRun + r] * (r + 1);
    runCount[a] = total === 0 ? NaN : total;
    voxelCount[a] = covered;
  }
  return {
    angleCount: na,
    levelCount: n,
    maxRun,
    levels: Float64Array.from(grayLevels),
    counts,
    pr,
    pg,
    runCount,
    voxelCount,
    scratch: new Float64Array(na),
  };
}
