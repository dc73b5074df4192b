/**
 * Radiomics settings with PyRadiomics' keys and defaults (REFERENCE-NOTES 1.1; paramSchema.yaml).
 * Validation of user input lives in params.ts; everything downstream reads this typed object only.
 */
export type Interpolator =
  | 'sitkNearestNeighbor'
  | 'sitkLinear'
  | 'sitkBSpline'
  | 'sitkGaussian'
  | 'sitkLabelGaussian'
  | 'sitkHammingWindowedSinc'
  | 'sitkCosineWindowedSinc'
  | 'sitkWelchWindowedSinc'
  | 'sitkLanczosWindowedSinc'
  | 'sitkBlackmanWindowedSinc';

export type WeightingNorm = 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting';

export interface RadiomicsSettings {
  readonly minimumROIDimensions: 1 | 2 | 3;
  readonly minimumROISize: number | null;
  readonly geometryTolerance: number;
  readonly correctMask: boolean;
  readonly additionalInfo: boolean;
  readonly label: number;
  readonly binWidth: number;
  readonly binCount: number | null;
  readonly normalize: boolean;
  readonly normalizeScale: number;
  readonly removeOutliers: number | null;
  readonly resampledPixelSpacing: readonly number[] | null;
  readonly interpolator: Interpolator;
  readonly padDistance: number;
  readonly preCrop: boolean;
  readonly distances: readonly number[];
  readonly force2D: boolean;
  readonly force2Ddimension: 0 | 1 | 2;
  readonly resegmentRange: readonly number[] | null;
  readonly resegmentMode: 'absolute' | 'relative' | 'sigma';
  readonly resegmentShape: boolean;
  readonly voxelArrayShift: number;
  readonly symmetricalGLCM: boolean;
  readonly weightingNorm: WeightingNorm | null;
  readonly gldm_a: number;
  /** Wavelet: PyWavelets name (only coif1 and haar are implemented), start_level, level. */
  readonly wavelet: string;
  readonly start_level: number;
  readonly level: number;
  /** LoG sigmas in mm. */
  readonly sigma: readonly number[];
  readonly gradientUseSpacing: boolean;
}

export const DEFAULT_SETTINGS: RadiomicsSettings = {
  minimumROIDimensions: 2,
  minimumROISize: null,
  geometryTolerance: 1e-6,
  correctMask: false,
  additionalInfo: true,
  label: 1,
  binWidth: 25,
  binCount: null,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  resampledPixelSpacing: null,
  interpolator: 'sitkBSpline',
  padDistance: 5,
  preCrop: false,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  resegmentRange: null,
  resegmentMode: 'absolute',
  resegmentShape: false,
  voxelArrayShift: 0,
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
  wavelet: 'coif1',
  start_level: 0,
  level: 1,
  sigma: [],
  gradientUseSpacing: true,
};
