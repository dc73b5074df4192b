import type { FeatureClass, FeatureDef, ShapeInput } from '../types.ts';
import { marchingCubes } from './shape-mesh.ts';
import { meshDiameters } from './shape-diameters.ts';
import { covarianceEigenvalues3 } from './principal-axes.ts';

/** What every 3D shape feature is derived from, computed once per ROI. */
export interface ShapeState {
  /** V, mesh volume, mm^3. */
  readonly volume: number;
  /** A, mesh surface area, mm^2. */
  readonly area: number;
  readonly voxelCount: number;
  readonly voxelVolume: number;
  readonly diameters: {
    readonly slice: number;
    readonly column: number;
    readonly row: number;
    readonly full: number;
  };
  /** Covariance eigenvalues of the voxel-centre coordinates, ascending (least, minor, major). */
  readonly eigenvalues: readonly [number, number, number];
}

/** Builds the mesh, diameters and principal axes of the (unfiltered) ROI once. */
function prepare(input: ShapeInput): ShapeState {
  const mesh = marchingCubes(input.mask, input.size, input.spacingMm);
  const [sx, sy, sz] = input.spacingMm;
  return {
    volume: mesh.meshVolumeMm3,
    area: mesh.surfaceAreaMm2,
    voxelCount: input.voxelCount,
    voxelVolume: sz * sx * sy,
    diameters: meshDiameters(mesh.vertices, input.spacingMm),
    eigenvalues: covarianceEigenvalues3(input.mask, input.size, input.spacingMm),
  };
}

/** 4 sqrt(lambda), NaN for a negative eigenvalue as PyRadiomics (it logs a warning and returns nan). */
const axisLength = (lambda: number): number => (lambda < 0 ? Number.NaN : 4 * Math.sqrt(lambda));
const ratio = (small: number, big: number): number =>
  small < 0 || big < 0 ? Number.NaN : Math.sqrt(small / big);

const PR = 'PyRadiomics shape (radiomics/shape.py)';

const features: Record<string, FeatureDef<ShapeState>> = {
  MeshVolume: {
    compute: (s) => s.volume,
    doc: 'Volume enclosed by the marching-cubes mesh: sum over triangles of the signed tetrahedron volume (origin, a, b, c) = a . (b x c) / 6.',
    reference: `IBSI RNU0 (volume); ${PR} getMeshVolumeFeatureValue`,
  },
  VoxelVolume: {
    compute: (s) => s.voxelCount * s.voxelVolume,
    doc: 'Number of ROI voxels times the volume of one voxel.',
    reference: `IBSI YEKZ (approximate volume); ${PR} getVoxelVolumeFeatureValue`,
  },
  SurfaceArea: {
    compute: (s) => s.area,
    doc: 'Area of the marching-cubes mesh: sum over triangles of |ab x ac| / 2.',
    reference: `IBSI C0JK; ${PR} getSurfaceAreaFeatureValue`,
  },
  SurfaceVolumeRatio: {
    compute: (s) => s.area / s.volume,
    doc: 'Surface area divided by mesh volume, A / V (mm^-1).',
    reference: `IBSI 2PR5; ${PR} getSurfaceVolumeRatioFeatureValue`,
  },
  Sphericity: {
    compute: (s) => Math.cbrt(36 * Math.PI * s.volume * s.volume) / s.area,
    doc: 'Roundness relative to a sphere: (36 pi V^2)^(1/3) / A, 1 for a sphere.',
    reference: `IBSI QCFX; ${PR} getSphericityFeatureValue`,
  },
  Compactness1: {
    compute: (s) => s.volume / (Math.pow(s.area, 1.5) * Math.sqrt(Math.PI)),
    doc: 'V / (sqrt(pi) A^(3/2)); deprecated in PyRadiomics (correlated with Sphericity).',
    reference: `IBSI SKGS; ${PR} getCompactness1FeatureValue`,
  },
  Compactness2: {
    compute: (s) => (36 * Math.PI * s.volume * s.volume) / (s.area * s.area * s.area),
    doc: '36 pi V^2 / A^3 (= Sphericity^3); deprecated in PyRadiomics.',
    reference: `IBSI BQWJ; ${PR} getCompactness2FeatureValue`,
  },
  SphericalDisproportion: {
    compute: (s) => s.area / Math.cbrt(36 * Math.PI * s.volume * s.volume),
    doc: 'A / (36 pi V^2)^(1/3), the inverse of Sphericity; deprecated in PyRadiomics.',
    reference: `IBSI KRCK; ${PR} getSphericalDisproportionFeatureValue`,
  },
  Maximum3DDiameter: {
    compute: (s) => s.diameters.full,
    doc: 'Largest Euclidean distance between two mesh vertices (Feret diameter).',
    reference: `IBSI L0JK; ${PR} getMaximum3DDiameterFeatureValue`,
  },
  Maximum2DDiameterSlice: {
    compute: (s) => s.diameters.slice,
    doc: 'Largest distance between two mesh vertices with the same z (the row-column, usually axial, plane).',
    reference: `${PR} getMaximum2DDiameterSliceFeatureValue`,
  },
  Maximum2DDiameterColumn: {
    compute: (s) => s.diameters.column,
    doc: 'Largest distance between two mesh vertices with the same y (the row-slice, usually coronal, plane).',
    reference: `${PR} getMaximum2DDiameterColumnFeatureValue`,
  },
  Maximum2DDiameterRow: {
    compute: (s) => s.diameters.row,
    doc: 'Largest distance between two mesh vertices with the same x (the column-slice, usually sagittal, plane).',
    reference: `${PR} getMaximum2DDiameterRowFeatureValue`,
  },
  MajorAxisLength: {
    compute: (s) => axisLength(s.eigenvalues[2]),
    doc: '4 sqrt(lambda_major), lambda_major the largest eigenvalue of the covariance of the voxel-centre coordinates (mm).',
    reference: `IBSI TDIC; ${PR} getMajorAxisLengthFeatureValue`,
  },
  MinorAxisLength: {
    compute: (s) => axisLength(s.eigenvalues[1]),
    doc: '4 sqrt(lambda_minor), the second-largest covariance eigenvalue of the voxel-centre coordinates.',
    reference: `IBSI P9VJ; ${PR} getMinorAxisLengthFeatureValue`,
  },
  LeastAxisLength: {
    compute: (s) => axisLength(s.eigenvalues[0]),
    doc: '4 sqrt(lambda_least), the smallest covariance eigenvalue of the voxel-centre coordinates (0 for one slice).',
    reference: `IBSI 7J51; ${PR} getLeastAxisLengthFeatureValue`,
  },
  Elongation: {
    compute: (s) => ratio(s.eigenvalues[1], s.eigenvalues[2]),
    doc: 'sqrt(lambda_minor / lambda_major): 1 for a circular cross-section, towards 0 for a line.',
    reference: `IBSI Q3CK; ${PR} getElongationFeatureValue`,
  },
  Flatness: {
    compute: (s) => ratio(s.eigenvalues[0], s.eigenvalues[2]),
    doc: 'sqrt(lambda_least / lambda_major): 1 for a sphere-like ROI, 0 for a flat (single-slice) one.',
    reference: `IBSI N17B; ${PR} getFlatnessFeatureValue`,
  },
};

const deprecated = ['Compactness1', 'Compactness2', 'SphericalDisproportion'];

/**
 * PyRadiomics' 3D shape class on the unfiltered ROI mask: marching-cubes mesh (surface, volume, vertex diameters)
 * and the principal axes of the voxel centres. 17 features, 14 enabled by default.
 */
export const shape: FeatureClass<ShapeInput, ShapeState> = {
  name: 'shape',
  prepare,
  features,
  defaultFeatures: Object.keys(features).filter((f) => !deprecated.includes(f)),
  deprecated,
};
