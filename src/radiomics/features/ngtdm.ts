import type { FeatureClass, RoiInput } from '../types.ts';
import { featureDef } from './texture-math.ts';
import { angleReach, anglesFor, linearOffset, roiBoxSize } from './angles.ts';

/**
 * Neighbouring Grey Tone Difference Matrix features, PyRadiomics `RadiomicsNGTDM` (docs: "Radiomic Features" >
 * "Neighbouring Gray Tone Difference Matrix (NGTDM) Features"; IBSI IPET). For each ROI voxel, A = mean level
 * of its neighbours inside the ROI (every offset of the `distances`, centre excluded); s_i = sum over voxels
 * of level i of |i - A| (0 for a voxel without neighbour), n_i = number of voxels of level i, p_i = n_i / N_vp.
 * As PyRadiomics' `calculate_ngtdm`, every ROI voxel is counted in n_i, so N_vp = N_p.
 */
export interface NgtdmPrepared {
  /** N_gp: grey levels with n_i > 0 (rows kept). */
  readonly levelCount: number;
  /** Grey level i, p_i and s_i of each kept row. */
  readonly levels: Float64Array;
  readonly p: Float64Array;
  readonly s: Float64Array;
  /** N_vp: the voxels counted. */
  readonly voxelCount: number;
}

/** Builds the NGTDM in one pass over the box. */
export function prepareNgtdm(input: RoiInput): NgtdmPrepared {
  const settings = input.settings;
  const angles = anglesFor(roiBoxSize(input), settings, settings.distances, true);
  const [nx, ny, nz] = input.size;
  const { mask, binned } = input;
  const na = angles.count;
  const offsets = angles.offsets;
  const jump = new Int32Array(na);
  for (let a = 0; a < na; a++) jump[a] = linearOffset(angles, a, input.size);
  const [rx, ry, rz] = angleReach(angles);
  const ng = input.maxGrayLevel;
  const count = new Float64Array(ng + 1);
  const diff = new Float64Array(ng + 1);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        const inner = x >= rx && x < nx - rx && y >= ry && y < ny - ry && z >= rz && z < nz - rz;
        const level = binned[i];
        let neighbours = 0;
        let sum = 0;
        for (let a = 0; a < na; a++) {
          if (!inner) {
            const xx = x + offsets[3 * a];
            const yy = y + offsets[3 * a + 1];
            const zz = z + offsets[3 * a + 2];
            if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;
          }
          const j = i + jump[a];
          if (mask[j] === 0) continue;
          neighbours++;
          sum += binned[j];
        }
        count[level] += 1;
        if (neighbours > 0) diff[level] += Math.abs(level - sum / neighbours);
      }
    }
  }
  let total = 0;
  for (let g = 1; g <= ng; g++) total += count[g];
  const n = input.grayLevels.length;
  const levels = new Float64Array(n);
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const g = input.grayLevels[k];
    levels[k] = g;
    p[k] = count[g] / total;
    s[k] = diff[g];
  }
  return { levelCount: n, levels, p, s, voxelCount: total };
}

function sumPs(prep: NgtdmPrepared): number {
  let v = 0;
  for (let k = 0; k < prep.levelCount; k++) v += prep.p[k] * prep.s[k];
  return v;
}

function sumS(prep: NgtdmPrepared): number {
  let v = 0;
  for (let k = 0; k < prep.levelCount; k++) v += prep.s[k];
  return v;
}

const SECTION = 'PyRadiomics docs, Radiomic Features > NGTDM';

export const ngtdm: FeatureClass<RoiInput, NgtdmPrepared> = {
  name: 'ngtdm',
  prepare: prepareNgtdm,
  features: {
    Coarseness: featureDef(
      (prep) => {
        const v = sumPs(prep);
        return v === 0 ? 1e6 : 1 / v;
      },
      'Spatial rate of change: 1 / sum_i p_i s_i; 10^6 when the sum is 0 (homogeneous region).',
      `IBSI QCDE; ${SECTION} 1. Coarseness`,
    ),
    Contrast: featureDef(
      (prep) => {
        const n = prep.levelCount;
        if (n <= 1) return 0;
        let pairs = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const d = prep.levels[i] - prep.levels[j];
            pairs += prep.p[i] * prep.p[j] * d * d;
          }
        }
        return (pairs / (n * (n - 1))) * (sumS(prep) / prep.voxelCount);
      },
      'Spatial intensity change and dynamic range: [sum_ij p_i p_j (i - j)^2 / (N_gp (N_gp - 1))] [sum_i s_i / N_vp]; 0 when N_gp = 1.',
      `IBSI 65HE; ${SECTION} 2. Contrast`,
    ),
    Busyness: featureDef(
      (prep) => {
        const n = prep.levelCount;
        let denominator = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            denominator += Math.abs(prep.levels[i] * prep.p[i] - prep.levels[j] * prep.p[j]);
          }
        }
        return denominator === 0 ? 0 : sumPs(prep) / denominator;
      },
      'Rapid changes between a voxel and its neighbourhood: sum_i p_i s_i / sum_ij |i p_i - j p_j|; 0 when the denominator is 0.',
      `IBSI NQ30; ${SECTION} 3. Busyness`,
    ),
    Complexity: featureDef(
      (prep) => {
        const n = prep.levelCount;
        let v = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const ps = prep.p[i] * prep.s[i] + prep.p[j] * prep.s[j];
            v += (Math.abs(prep.levels[i] - prep.levels[j]) * ps) / (prep.p[i] + prep.p[j]);
          }
        }
        return v / prep.voxelCount;
      },
      'Non-uniformity and rapid changes: sum_ij |i - j| (p_i s_i + p_j s_j) / (p_i + p_j) / N_vp.',
      `IBSI HDEZ; ${SECTION} 4. Complexity`,
    ),
    Strength: featureDef(
      (prep) => {
        const total = sumS(prep);
        if (total === 0) return 0;
        const n = prep.levelCount;
        let v = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const d = prep.levels[i] - prep.levels[j];
            v += (prep.p[i] + prep.p[j]) * d * d;
          }
        }
        return v / total;
      },
      'Visibility of primitives: sum_ij (p_i + p_j) (i - j)^2 / sum_i s_i; 0 when sum_i s_i = 0.',
      `IBSI 1X9X; ${SECTION} 5. Strength`,
    ),
  },
  defaultFeatures: ['Coarseness', 'Contrast', 'Busyness', 'Complexity', 'Strength'],
  deprecated: [],
};
