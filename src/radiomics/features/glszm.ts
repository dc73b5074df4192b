import type { FeatureClass, RoiInput } from '../types.ts';
import { anglesFor, linearOffset, roiBoxSize } from './angles.ts';
import {
  EPS,
  featureDef,
  levelIndex,
  marginalVariance,
  matrixEmphasis,
  sumOfSquares,
} from './texture-math.ts';

/**
 * Grey Level Size Zone Matrix features, PyRadiomics `RadiomicsGLSZM` (docs: "Radiomic Features" >
 * "Gray Level Size Zone Matrix (GLSZM) Features"). A zone is a connected set of ROI voxels of equal grey
 * level (26-connected in 3D, 8-connected in-plane with force2D); P(i, j) counts zones of level i and size j.
 * One matrix for the whole ROI (IBSI "3D" (KOBO) / "2.5D" (62GR) with force2D).
 */
export interface GlszmPrepared {
  readonly levelCount: number;
  /** Largest zone size (matrix columns). */
  readonly maxSize: number;
  readonly levels: Float64Array;
  /** Zone counts P[i * maxSize + (j - 1)]. */
  readonly counts: Float64Array;
  /** Zones per size p_s(j) and per grey level p_g(i). */
  readonly ps: Float64Array;
  readonly pg: Float64Array;
  /** N_z: number of zones; N_p: number of ROI voxels. */
  readonly zoneCount: number;
  readonly voxelCount: number;
}

/**
 * Labels the zones by flood fill (a stack, each ROI voxel visited once; neighbours = PyRadiomics' bidirectional
 * distance-1 angle set) and counts them per grey level and size (PyRadiomics `calculate_glszm`).
 */
export function prepareGlszm(input: RoiInput): GlszmPrepared {
  const angles = anglesFor(roiBoxSize(input), input.settings, [1], true);
  const [nx, ny, nz] = input.size;
  const { binned } = input;
  const na = angles.count;
  const offsets = angles.offsets;
  const jump = new Int32Array(na);
  for (let a = 0; a < na; a++) jump[a] = linearOffset(angles, a, input.size);
  const todo = Uint8Array.from(input.mask);
  const stack = new Int32Array(input.voxelCount);
  const zoneLevel = new Int32Array(input.voxelCount);
  const zoneSize = new Int32Array(input.voxelCount);
  const nxy = nx * ny;
  let zones = 0;
  let maxSize = 0;
  for (let start = 0; start < todo.length; start++) {
    if (todo[start] === 0) continue;
    const level = binned[start];
    todo[start] = 0;
    stack[0] = start;
    let top = 1;
    let size = 0;
    while (top > 0) {
      const k = stack[--top];
      size++;
      const z = (k / nxy) | 0;
      const rem = k - z * nxy;
      const y = (rem / nx) | 0;
      const x = rem - y * nx;
      for (let a = 0; a < na; a++) {
        const xx = x + offsets[3 * a];
        const yy = y + offsets[3 * a + 1];
        const zz = z + offsets[3 * a + 2];
        if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;
        const j = k + jump[a];
        if (todo[j] !== 0 && binned[j] === level) {
          todo[j] = 0;
          stack[top++] = j;
        }
      }
    }
    zoneLevel[zones] = level;
    zoneSize[zones] = size;
    zones++;
    if (size > maxSize) maxSize = size;
  }
  const n = input.grayLevels.length;
  const lut = levelIndex(input);
  const counts = new Float64Array(n * maxSize);
  const ps = new Float64Array(maxSize);
  const pg = new Float64Array(n);
  for (let z = 0; z < zones; z++) {
    const i = lut[zoneLevel[z]];
    counts[i * maxSize + zoneSize[z] - 1] += 1;
    ps[zoneSize[z] - 1] += 1;
    pg[i] += 1;
  }
  return {
    levelCount: n,
    maxSize,
    levels: Float64Array.from(input.grayLevels),
    counts,
    ps,
    pg,
    zoneCount: zones === 0 ? 1 : zones,
    voxelCount: input.voxelCount,
  };
}

/** sum_ij P(i,j) w(i, j) / N_z (i = grey level value, j = zone size). */
function emphasis(prep: GlszmPrepared, w: (i: number, j: number) => number): number {
  return matrixEmphasis(prep.counts, prep.levels, prep.levelCount, prep.maxSize, prep.zoneCount, w);
}

const SECTION = 'PyRadiomics docs, Radiomic Features > GLSZM';

export const glszm: FeatureClass<RoiInput, GlszmPrepared> = {
  name: 'glszm',
  prepare: prepareGlszm,
  features: {
    SmallAreaEmphasis: featureDef(
      (prep) => emphasis(prep, (_i, j) => 1 / (j * j)),
      'Distribution of small zones: sum_ij P(i,j) / j^2 / N_z.',
      `IBSI 5QRC; ${SECTION} 1. Small Area Emphasis (SAE)`,
    ),
    LargeAreaEmphasis: featureDef(
      (prep) => emphasis(prep, (_i, j) => j * j),
      'Distribution of large zones: sum_ij P(i,j) j^2 / N_z.',
      `IBSI 48P8; ${SECTION} 2. Large Area Emphasis (LAE)`,
    ),
    GrayLevelNonUniformity: featureDef(
      (prep) => sumOfSquares(prep.pg) / prep.zoneCount,
      'Variability of grey levels over zones: sum_i (sum_j P(i,j))^2 / N_z.',
      `IBSI JNSA; ${SECTION} 3. Gray Level Non-Uniformity (GLN)`,
    ),
    GrayLevelNonUniformityNormalized: featureDef(
      (prep) => sumOfSquares(prep.pg) / prep.zoneCount ** 2,
      'Normalised grey-level non-uniformity: sum_i (sum_j P(i,j))^2 / N_z^2.',
      `IBSI Y1RO; ${SECTION} 4. Gray Level Non-Uniformity Normalized (GLNN)`,
    ),
    SizeZoneNonUniformity: featureDef(
      (prep) => sumOfSquares(prep.ps) / prep.zoneCount,
      'Variability of zone sizes: sum_j (sum_i P(i,j))^2 / N_z.',
      `IBSI 4JP3; ${SECTION} 5. Size-Zone Non-Uniformity (SZN)`,
    ),
    SizeZoneNonUniformityNormalized: featureDef(
      (prep) => sumOfSquares(prep.ps) / prep.zoneCount ** 2,
      'Normalised size-zone non-uniformity: sum_j (sum_i P(i,j))^2 / N_z^2.',
      `IBSI VB3A; ${SECTION} 6. Size-Zone Non-Uniformity Normalized (SZNN)`,
    ),
    ZonePercentage: featureDef(
      (prep) => prep.zoneCount / prep.voxelCount,
      'Coarseness: zones per ROI voxel, N_z / N_p.',
      `IBSI P30P; ${SECTION} 7. Zone Percentage (ZP)`,
    ),
    GrayLevelVariance: featureDef(
      (prep) => marginalVariance(prep.pg, prep.zoneCount, (k) => prep.levels[k]),
      'Variance of zone grey levels: sum_ij p(i,j) (i - mu)^2, mu = sum_ij p(i,j) i, p = P / N_z.',
      `IBSI BYLV; ${SECTION} 8. Gray Level Variance (GLV)`,
    ),
    ZoneVariance: featureDef(
      (prep) => marginalVariance(prep.ps, prep.zoneCount, (k) => k + 1),
      'Variance of zone sizes: sum_ij p(i,j) (j - mu)^2, mu = sum_ij p(i,j) j.',
      `IBSI 3NSA; ${SECTION} 9. Zone Variance (ZV)`,
    ),
    ZoneEntropy: featureDef(
      (prep) => {
        let h = 0;
        for (let k = 0; k < prep.counts.length; k++) {
          const p = prep.counts[k] / prep.zoneCount;
          if (p !== 0) h -= p * Math.log2(p + EPS);
        }
        return h;
      },
      'Randomness of zone sizes and grey levels: -sum_ij p(i,j) log2(p(i,j) + eps).',
      `IBSI GU8N; ${SECTION} 10. Zone Entropy (ZE)`,
    ),
    LowGrayLevelZoneEmphasis: featureDef(
      (prep) => emphasis(prep, (i) => 1 / (i * i)),
      'Proportion of low grey-level zones: sum_ij P(i,j) / i^2 / N_z.',
      `IBSI XMSY; ${SECTION} 11. Low Gray Level Zone Emphasis (LGLZE)`,
    ),
    HighGrayLevelZoneEmphasis: featureDef(
      (prep) => emphasis(prep, (i) => i * i),
      'Proportion of high grey-level zones: sum_ij P(i,j) i^2 / N_z.',
      `IBSI 5GN9; ${SECTION} 12. High Gray Level Zone Emphasis (HGLZE)`,
    ),
    SmallAreaLowGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => 1 / (i * i * j * j)),
      'Small zones of low grey level: sum_ij P(i,j) / (i^2 j^2) / N_z.',
      `IBSI 5RAI; ${SECTION} 13. Small Area Low Gray Level Emphasis (SALGLE)`,
    ),
    SmallAreaHighGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => (i * i) / (j * j)),
      'Small zones of high grey level: sum_ij P(i,j) i^2 / j^2 / N_z.',
      `IBSI HW1V; ${SECTION} 14. Small Area High Gray Level Emphasis (SAHGLE)`,
    ),
    LargeAreaLowGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => (j * j) / (i * i)),
      'Large zones of low grey level: sum_ij P(i,j) j^2 / i^2 / N_z.',
      `IBSI YH51; ${SECTION} 15. Large Area Low Gray Level Emphasis (LALGLE)`,
    ),
    LargeAreaHighGrayLevelEmphasis: featureDef(
      (prep) => emphasis(prep, (i, j) => i * i * j * j),
      'Large zones of high grey level: sum_ij P(i,j) i^2 j^2 / N_z.',
      `IBSI J17V; ${SECTION} 16. Large Area High Gray Level Emphasis (LAHGLE)`,
    ),
  },
  defaultFeatures: [
    'SmallAreaEmphasis',
    'LargeAreaEmphasis',
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'SizeZoneNonUniformity',
    'SizeZoneNonUniformityNormalized',
    'ZonePercentage',
    'GrayLevelVariance',
    'ZoneVariance',
    'ZoneEntropy',
    'LowGrayLevelZoneEmphasis',
    'HighGrayLevelZoneEmphasis',
    'SmallAreaLowGrayLevelEmphasis',
    'SmallAreaHighGrayLevelEmphasis',
    'LargeAreaLowGrayLevelEmphasis',
    'LargeAreaHighGrayLevelEmphasis',
  ],
  deprecated: [],
};
