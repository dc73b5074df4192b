import type { IndexXYZ, Vec3 } from '../volume/types.ts';
import type { RadiomicsSettings } from './settings.ts';

/** PyRadiomics feature class names. */
export type FeatureClassName =
  'firstorder' | 'shape' | 'shape2D' | 'glcm' | 'glrlm' | 'glszm' | 'gldm' | 'ngtdm';

/**
 * One image type's ROI, cropped to the mask's bounding box (no padding), ready for the feature classes.
 * Index order x fastest: i = x + nx * (y + ny * z). The extractor builds it once per image type and every
 * class reads the same arrays, so nothing is re-discretised or re-scanned twice.
 */
export interface RoiInput {
  /** Box size [nx, ny, nz]. */
  readonly size: IndexXYZ;
  readonly spacingMm: Vec3;
  /** Image values (float64) over the whole box; only voxels with mask = 1 are meaningful. */
  readonly values: Float64Array;
  /** 1 where the voxel is in the ROI (after resegmentation), else 0; box-sized. */
  readonly mask: Uint8Array;
  /** Number of ROI voxels (Np). */
  readonly voxelCount: number;
  /** Discretised grey level per box voxel: 1..maxGrayLevel inside the ROI, 0 outside. */
  readonly binned: Int32Array;
  /** Ng: the highest discretised level in the ROI (PyRadiomics `coefficients['Ng']`). */
  readonly maxGrayLevel: number;
  /** The distinct discretised levels present in the ROI, ascending (`coefficients['grayLevels']`). */
  readonly grayLevels: Int32Array;
  /** The settings in force (validated). */
  readonly settings: RadiomicsSettings;
}

/** The unfiltered mask for shape features: bounding box of the ROI, box-sized 0/1 array. */
export interface ShapeInput {
  readonly size: IndexXYZ;
  readonly spacingMm: Vec3;
  readonly mask: Uint8Array;
  readonly voxelCount: number;
  readonly settings: RadiomicsSettings;
}

/** One feature: how to compute it from the class's prepared state, its doc string and formula source. */
export interface FeatureDef<P> {
  readonly compute: (prep: P) => number;
  /** One or two sentences: what it measures and its formula in words. */
  readonly doc: string;
  /** Where the definition comes from: IBSI code and/or PyRadiomics documentation section. */
  readonly reference: string;
}

/**
 * A feature class plug-in (STYLE house rule 3). `prepare` does the heavy scan once (matrices, histograms);
 * each feature's `compute` derives one number from it. `defaultFeatures` lists PyRadiomics' enabled-by-default
 * set; `deprecated` names features PyRadiomics keeps but disables by default (computed only when asked by name).
 */
export interface FeatureClass<I, P> {
  readonly name: FeatureClassName;
  readonly prepare: (input: I) => P;
  readonly features: Readonly<Record<string, FeatureDef<P>>>;
  readonly defaultFeatures: readonly string[];
  readonly deprecated: readonly string[];
}

/** An extracted value: a feature (number) or a diagnostic (string, number or JSON-able). */
export type FeatureValue = number | string;

/** Ordered result of an extraction: `diagnostics_*` entries first, then `<imageType>_<class>_<Feature>`. */
export type FeatureVector = ReadonlyMap<string, FeatureValue>;
