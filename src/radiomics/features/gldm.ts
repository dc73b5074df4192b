import type { FeatureClass, RoiInput } from '../types.ts';
import { angleReach, anglesFor, linearOffset, roiBoxSize } from './angles.ts';
import {
  EPS,
  featureDef,
  levelIndex,
  marginalVariance,
  matrixEmphasis,
  sumOfSquares,
} from './texture-math.ts';

/**
 * Grey Level Dependence Matrix features, PyRadiomics `RadiomicsGLDM` (docs: "Radiomic Features" >
 * "Gray Level Dependence Matrix (GLDM) Features"; IBSI "neighbouring grey level dependence matrix", REK0).
 * A neighbour (every offset of the `distances`, inside the ROI) is dependent on the centre when
 * |level difference| <= alpha (`gldm_a`); P(i, j) counts voxels of level i with j = 1 + number of dependent
 * neighbours (the count includes the centre voxel). N_z = N_p: every ROI voxel is one dependency zone.
 */
export interface GldmPrepared {
  readonly levelCount: number;
  /** Matrix columns: 1 + number of neighbours of a voxel. */
  readonly maxDependence: number;
  readonly levels: Float64Array;
  /** P[i * maxDependence + (j - 1)]. */
  readonly counts: Float64Array;
  /** Voxels per dependence size p_d(j) and per grey level p_g(i). */
  readonly pd: Float64Array;
  readonly pg: Float64Array;
  /** N_z = N_p, the ROI voxel count. */
  readonly voxelCount: number;
}

/** Counts each ROI voxel's dependent neighbours in one pass (PyRadiomics `calculate_gldm`). */
export function prepareGldm(input: RoiInput): GldmPrepared {
  const s = input.settings;
  const angles = anglesFor(roiBoxSize(input), s, s.distances, true);
  const alpha = s.gldm_a;
  const [nx, ny, nz] = input.size;
  const { mask, binned } = input;
  const na = angles.count;
  const offsets = angles.offsets;
  const jump = new Int32Array(na);
  for (let a = 0; a < na; a++) jump[a] = linearOffset(angles, a, input.size);
  const [rx, ry, rz] = angleReach(angles);
  const n = input.grayLevels.length;
  const lut = levelIndex(input);
  const width = na + 1;
  const counts = new Float64Array(n * width);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        const inner = x >= rx && x < nx - rx && y >= ry && y < ny - ry && z >= rz && z < nz - rz;
        const level = binned[i];
        let dependent = 0;
        for (let a = 0; a < na; a++) {
          if (!inner) {
            const xx = x + offsets[3 * a];
            const yy = y + offsets[3 * a + 1];
            const zz = z + offsets[3 * a + 2];
            if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;
          }
          const j = i + jump[a];
          if (mask[j] !== 0 && Math.abs(level - binned[j]) <= alpha) dependent++;
        }
        counts[lut[level] * width + dependent] += 1;
      }
    }
  }
  const pd = new Float64Array(width);
  const pg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < width; d++) {
      pd[d] += counts[i * width + d];
      pg[i] += counts[i * width + d];
    }
  }
  return {
    levelCount: n,
    maxDependence: width,
    levels: Float64Array.from(input.grayLevels),
    counts,
    pd,
    pg,
    voxelCount: input.voxelCount,
  };
}

/** sum_ij P(i,j) w(i, j) / N_z (i = grey level value, j = dependence size). */
function emphasis(prep: GldmPrepared, w: (i: number, j: number) => number): number {
  return matrixEmphasis(prep.counts, prep.levels, prep.levelCount, prep.maxDependence, prep.voxelCount, w);
}

const SECTION = 'PyRadiomics docs, Radiomic Features > GLDM';

export const gldm: FeatureClass<RoiInput, GldmPrepared> = {
  name: 'gldm',
  prepare: prepareGldm,
  features: {
    SmallDependenceEmphasis: featureDef(
      (prep) => emphasis(prep, (_i, j) => 1 / (j * j)),
      'Distribution of small dependencies: sum_ij P(i,j) / j^2 / N_z.',
      `IBSI SODN; ${SECTION} 1. Small Dependence Emphasis (SDE)`,
    ),
    LargeDependenceEmphasis: featureDef(
      (prep) => emphasis(prep, (_i, j) => j * j),
      'Distribution of large dependencies: sum_ij P(i,j) j^2 / N_z.',
      `IBSI IMOQ; ${SECTION} 2. Large Dependence Emphasis (LDE)`,
    ),
    GrayLevelNonUniformity: featureDef(
      (prep) => sumOfSquares(prep.pg) / prep.voxelCount,
      'Similarity of grey levels: sum_i (sum_j P(i,j))^2 / N_z.',
      `IBSI FP8K; ${SECTION} 3. Gray Level Non-Uniformity (GLN)`,
    ),
    GrayLevelNonUniformityNormalized: featureDef(
      (prep) => sumOfSquares(prep.pg) / prep.voxelCount ** 2,
      'Deprecated in PyRadiomics (equal to first-order Uniformity): sum_i (sum_j P(i,j))^2 / N_z^2.',
      `IBSI 5SPA; ${SECTION} DEPRECATED. Gray Level Non-Uniformity Normalized (GLNN)`,
    ),
    DependenceNonUniformity: featureDef(
      (prep) => sumOfSquares(prep.pd) / prep.voxelCount,
      'Similarity of dependencies: sum_j (sum_i P(i,j))^2 / N_z.',
      `IBSI Z87G; ${SECTION} 4. Dependence Non-Uniformity (DN)`,
    ),
    DependenceNonUniformityNormalized: featureDef(
      (prep) => sumOfSquares(prep.pd) / prep.voxelCount ** 2,
      'Normalised dependence non-uniformity: sum_j (sum_i P(i,j))^2 / N_z^2.',
      `IBSI OKJI; ${SECTION} 5. Dependence Non-Uniformity Normalized (DNN)`,
    ),
    GrayLevelVariance: featureDef(
      (prep) => marginalVariance(prep.pg, prep.voxelCount, (k) => prep.levels[k]),
      'Variance of grey levels: sum_ij p(i,j) (i - mu)^2, mu = sum_ij p(i,j) i, p = P / N_z.',
      `IBSI 1PFV; ${SECTION} 6. Gray Level Variance (GLV)`,
    ),
    DependenceVariance: featureDef(
      (prep) => marginalVariance(prep.pd, prep.voxelCount, (k) => k + 1),
      'Variance of dependence sizes: sum_ij p(i,j) (j - mu)^2, mu = sum_ij p(i,j) j.',
      `IBSI DNX2; ${SECTION} 7. Dependence Variance (DV)`,
    ),
    DependenceEntropy: featureDef(
      (prep) => {
        let h = 0;
        for (let k = 0; k < prep.counts.length; k++) {
          const p = prep.counts[k] / prep.voxelCount;
          if (p !== 0) h -= p * Math.log2(p + EPS);
        }
        return h;
      },
      'Randomness of dependencies and grey levels: -sum_ij p(i,j) log2(p(i,j) + eps).',
      `IBSI FCBV; ${SECTION} 8. Dependence Entropy (DE)`,
    ),
    DependencePercentage: featureDef(
      (prep) => {
        let zones = 0;
        for (let k = 0; k < prep.pg.length; k++) zones += prep.pg[k];
        return zones / prep.voxelCount;
      },
      'Deprecated in PyRadiomics (always 1): dependency zones per voxel, N_z / N_p.',
      `IBSI 6XV8; ${SECTION} DEPRECATED. Dependence Percentage`,
    ),
    LowGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i) => 1 / (i * i)),
      'Concentration of low grey levels: sum_ij P(i,j) / i^2 / N_z.',
      `IBSI TL9H; ${SECTION} 9. Low Gray Level Emphasis (LGLE)`,
    ),
    HighGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i) => i * i),
      'Concentration of high grey levels: sum_ij P(i,j) i^2 / N_z.',
      `IBSI OAE7; ${SECTION} 10. High Gray Level Emphasis (HGLE)`,
    ),
    SmallDependenceLowGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => 1 / (i * i * j * j)),
      'Small dependence with low grey levels: sum_ij P(i,j) / (i^2 j^2) / N_z.',
      `IBSI EQ3F; ${SECTION} 11. Small Dependence Low Gray Level Emphasis (SDLGLE)`,
    ),
    SmallDependenceHighGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => (i * i) / (j * j)),
      'Small dependence with high grey levels: sum_ij P(i,j) i^2 / j^2 / N_z.',
      `IBSI JA6D; ${SECTION} 12. Small Dependence High Gray Level Emphasis (SDHGLE)`,
    ),
    LargeDependenceLowGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => (j * j) / (i * i)),
      'Large dependence with low grey levels: sum_ij P(i,j) j^2 / i^2 / N_z.',
      `IBSI NBZI; ${SECTION} 13. Large Dependence Low Gray Level Emphasis (LDLGLE)`,
    ),
    LargeDependenceHighGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => i * i * j * j),
      'Large dependence with high grey levels: sum_ij P(i,j) i^2 j^2 / N_z.',
      `IBSI 9QMG; ${SECTION} 14. Large Dependence High Gray Level Emphasis (LDHGLE)`,
    ),
  },
  defaultFeatures: [
    'SmallDependenceEmphasis',
    'LargeDependenceEmphasis',
    'GrayLevelNonUniformity',
    'DependenceNonUniformity',
    'DependenceNonUniformityNormalized',
    'GrayLevelVariance',
    'DependenceVariance',
    'DependenceEntropy',
    'LowGrayLevelEmphasis',
    'HighGrayLevelEmphasis',
    'SmallDependenceLowGrayLevelEmphasis',
    'SmallDependenceHighGrayLevelEmphasis',
    'LargeDependenceLowGrayLevelEmphasis',
    'LargeDependenceHighGrayLevelEmphasis',
  ],
  deprecated: ['GrayLevelNonUniformityNormalized', 'DependencePercentage'],
};
