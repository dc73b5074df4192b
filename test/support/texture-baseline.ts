import { caseOf, columnSettings, featureRows, loadCase, readBaseline, usableColumns } from './baseline.ts';
import type { Baseline } from './baseline.ts';
import { isClose, relativeError } from './tolerance.ts';
import type { Tolerance } from './tolerance.ts';
import { cropMask, cropVolume, requireBoundingBox } from '../../src/volume/crop.ts';
import { buildRoiInput } from '../../src/radiomics/roi-input.ts';
import { DEFAULT_SETTINGS } from '../../src/radiomics/settings.ts';
import type { RadiomicsSettings } from '../../src/radiomics/settings.ts';
import type { FeatureClass, RoiInput } from '../../src/radiomics/types.ts';

/**
 * PyRadiomics baseline checks for the texture feature classes: builds each column's RoiInput from the case
 * image (cropped to the label's bounding box, the column's settings) and compares every feature row.
 */

/** DESIGN.md section 7: original-image features equal the baselines to rel 1e-6 (abs 1e-9 near zero). */
export const BASELINE_TOLERANCE: Tolerance = { rel: 1e-6, abs: 1e-9 };

/** The settings keys the texture classes read (everything else in a column's settings is preprocessing). */
const TEXTURE_KEYS = [
  'label',
  'binWidth',
  'binCount',
  'force2D',
  'force2Ddimension',
  'distances',
  'weightingNorm',
  'gldm_a',
  'symmetricalGLCM',
  'resegmentRange',
  'resegmentMode',
  'normalize',
  'normalizeScale',
] as const;

/**
 * Column suffixes compared here: none, `_2d`, `_FBN`, `_combined` (discretisation only), and `_flatRegion`,
 * `_resegmentation`, `_normalization`, whose small preprocessing step (range re-segmentation, whole-image
 * z-score) is done by the test-only stand-ins below. `_resampling` needs B-spline resampling and is left to
 * the extractor tests.
 */
export const EXCLUDED_SUFFIXES = ['_resampling'] as const;

/** The column's settings merged over the defaults. */
export function textureSettings(b: Baseline, column: string): RadiomicsSettings {
  const raw = columnSettings(b, column);
  const picked: Record<string, unknown> = {};
  for (const k of TEXTURE_KEYS) if (k in raw && raw[k] !== undefined) picked[k] = raw[k];
  return { ...DEFAULT_SETTINGS, ...picked } as RadiomicsSettings;
}

/**
 * Range re-segmentation of the ROI as PyRadiomics `imageoperations.resegmentMask`: 'absolute' keeps
 * range[0] <= v (<= range[1]); 'sigma' uses mean + k * sd of the ROI values (population sd); 'relative' uses
 * k * max. A test-only stand-in: preprocessing lives outside the feature classes.
 */
function resegment(values: Float64Array, mask: Uint8Array, s: RadiomicsSettings): void {
  const range = s.resegmentRange;
  if (range === null || range.length === 0) return;
  const sorted = [...range].sort((x, y) => x - y);
  let n = 0;
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    n++;
    sum += values[i];
    if (values[i] > max) max = values[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) ss += (values[i] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const bound = (k: number): number =>
    s.resegmentMode === 'sigma' ? mean + k * sd : s.resegmentMode === 'relative' ? k * max : k;
  const lo = bound(sorted[0]);
  const hi = sorted.length > 1 ? bound(sorted[1]) : Infinity;
  for (let i = 0; i < mask.length; i++) if (values[i] < lo || values[i] > hi) mask[i] = 0;
}

/**
 * Whole-image normalisation as PyRadiomics `imageoperations.normalizeImage` without outlier removal
 * (SimpleITK Normalize: (x - mean) / sd with the sample sd of the whole image, times normalizeScale).
 * Normalises the cropped values in place. A test-only stand-in.
 */
function normalise(whole: ArrayLike<number>, cropped: Float64Array, scale: number): void {
  let sum = 0;
  for (let i = 0; i < whole.length; i++) sum += whole[i];
  const mean = sum / whole.length;
  let ss = 0;
  for (let i = 0; i < whole.length; i++) ss += (whole[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (whole.length - 1));
  for (let i = 0; i < cropped.length; i++) cropped[i] = ((cropped[i] - mean) / sd) * scale;
}

/** The RoiInput of a baseline column. */
export function baselineRoi(b: Baseline, column: string): RoiInput {
  const s = textureSettings(b, column);
  const { image, mask } = loadCase(caseOf(column));
  const box = requireBoundingBox(mask, s.label);
  const v = cropVolume(image, box);
  const m = cropMask(mask, box);
  const values = Float64Array.from(v.data);
  const roi = Uint8Array.from(m.data, (x) => (x === s.label ? 1 : 0));
  if (s.normalize) normalise(image.data, values, s.normalizeScale);
  resegment(values, roi, s);
  return buildRoiInput(values, roi, v.grid.size, v.grid.spacingMm, s, column);
}

/** Result of one column's comparison. */
export interface ColumnCheck {
  readonly column: string;
  readonly compared: number;
  readonly worstRelativeError: number;
  readonly worstFeature: string;
  /** One line per value outside the tolerance. */
  readonly failures: readonly string[];
}

/** The baseline of a class, its `original_<class>_*` rows and the columns compared here. */
export function classBaseline(className: string): {
  baseline: Baseline;
  rows: Map<string, Map<string, number>>;
  columns: string[];
} {
  const baseline = readBaseline(className);
  return {
    baseline,
    rows: featureRows(baseline, className),
    columns: usableColumns(baseline, EXCLUDED_SUFFIXES),
  };
}

/** Computes every baseline row of `column` with the class and compares at {@link BASELINE_TOLERANCE}. */
export function checkColumn<P>(
  fc: FeatureClass<RoiInput, P>,
  baseline: Baseline,
  rows: Map<string, Map<string, number>>,
  column: string,
): ColumnCheck {
  const prep = fc.prepare(baselineRoi(baseline, column));
  let compared = 0;
  let worst = 0;
  let worstFeature = '';
  const failures: string[] = [];
  for (const [name, byColumn] of rows) {
    const expected = byColumn.get(column);
    if (expected === undefined) continue;
    const feature = fc.features[name];
    if (feature === undefined) {
      failures.push(`${name}: in the baseline but not produced`);
      continue;
    }
    const actual = feature.compute(prep);
    compared++;
    const err = relativeError(actual, expected);
    if (err > worst || Number.isNaN(err)) {
      worst = err;
      worstFeature = name;
    }
    if (!isClose(actual, expected, BASELINE_TOLERANCE)) {
      failures.push(`${name}: got ${actual}, expected ${expected} (relative error ${err.toExponential(2)})`);
    }
  }
  return { column, compared, worstRelativeError: worst, worstFeature, failures };
}
