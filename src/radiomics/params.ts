import { parse as parseYaml } from 'yaml';
import { SettingsError } from '../errors.ts';
import type { FeatureClassName } from './types.ts';
import type { Interpolator, RadiomicsSettings, WeightingNorm } from './settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

/**
 * PyRadiomics parameter files (`setting`, `imageType`, `featureClass`; YAML or JSON) read and validated once at the
 * door (STYLE house rule 4). Keys, defaults and ranges mirror PyRadiomics' paramSchema.yaml; an unknown key or a
 * bad value is rejected with its path and value, e.g. `setting.binWidth must be > 0, got -25`.
 */

export type ImageTypeName =
  'Original' | 'Wavelet' | 'LoG' | 'Square' | 'SquareRoot' | 'Logarithm' | 'Exponential' | 'Gradient';

export const IMAGE_TYPE_NAMES: readonly ImageTypeName[] = [
  'Original',
  'Wavelet',
  'LoG',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'Gradient',
];

export const FEATURE_CLASS_NAMES: readonly FeatureClassName[] = [
  'firstorder',
  'shape',
  'shape2D',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
];

/** A validated parameter set: global settings, enabled image types with their own overrides, enabled features. */
export interface RadiomicsParams {
  readonly settings: RadiomicsSettings;
  /** Enabled image types in file order, each with its settings (global settings + the type's overrides). */
  readonly imageTypes: ReadonlyArray<{ readonly name: ImageTypeName; readonly settings: RadiomicsSettings }>;
  /** Enabled classes in file order; `null` = the class's PyRadiomics default set, else the named features. */
  readonly featureClasses: ReadonlyArray<{
    readonly name: FeatureClassName;
    readonly features: readonly string[] | null;
  }>;
}

const INTERPOLATORS: readonly Interpolator[] = [
  'sitkNearestNeighbor',
  'sitkLinear',
  'sitkBSpline',
  'sitkGaussian',
  'sitkLabelGaussian',
  'sitkHammingWindowedSinc',
  'sitkCosineWindowedSinc',
  'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc',
  'sitkBlackmanWindowedSinc',
];
const WEIGHTING: readonly WeightingNorm[] = ['manhattan', 'euclidean', 'infinity', 'no_weighting'];

type Check<T> = (value: unknown, path: string) => T;

function fail(path: string, rule: string, value: unknown): never {
  throw new SettingsError('invalid-setting', `${path} must be ${rule}, got ${JSON.stringify(value)}`);
}
const num =
  (rule: string, ok: (v: number) => boolean, integer = false): Check<number> =>
  (v, p) =>
    typeof v === 'number' && Number.isFinite(v) && (!integer || Number.isInteger(v)) && ok(v)
      ? v
      : fail(p, rule, v);
const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false', v));
const nullable =
  <T>(inner: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null || v === undefined ? null : inner(v, p);
const list =
  <T>(inner: Check<T>, rule: string, minLen = 1, maxLen = Infinity): Check<T[]> =>
  (v, p) => {
    if (!Array.isArray(v) || v.length < minLen || v.length > maxLen) return fail(p, rule, v);
    return v.map((x: unknown, i) => inner(x, `${p}[${i}]`));
  };
const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, p) => {
    const found = values.find((x) => x === v);
    return found !== undefined ? found : fail(p, `one of ${values.join(', ')}`, v);
  };

const positive = num('a number > 0', (v) => v > 0);
const positiveInt = num('an integer > 0', (v) => v > 0, true);
const nonNegativeInt = num('an integer >= 0', (v) => v >= 0, true);
const nonNegative = num('a number >= 0', (v) => v >= 0);
const dims: Check<1 | 2 | 3> = (v, p) => (v === 1 || v === 2 || v === 3 ? v : fail(p, '1, 2 or 3', v));
const axis: Check<0 | 1 | 2> = (v, p) => (v === 0 || v === 1 || v === 2 ? v : fail(p, '0, 1 or 2', v));
const interpolator: Check<Interpolator> = (v, p) => {
  // PyRadiomics also accepts SimpleITK's integer codes.
  const byCode: Record<number, Interpolator> = {
    1: 'sitkNearestNeighbor',
    2: 'sitkLinear',
    3: 'sitkBSpline',
    4: 'sitkGaussian',
    5: 'sitkLabelGaussian',
  };
  if (typeof v === 'number' && byCode[v] !== undefined) return byCode[v];
  return oneOf(INTERPOLATORS)(v, p);
};

type SettingChecks = { readonly [K in keyof RadiomicsSettings]: Check<RadiomicsSettings[K]> };

/** Checkers of every supported `setting` key (ranges as PyRadiomics' paramSchema.yaml). */
const SETTING_CHECKS: SettingChecks = {
  minimumROIDimensions: dims,
  minimumROISize: nullable(positiveInt),
  geometryTolerance: nonNegative,
  correctMask: bool,
  additionalInfo: bool,
  label: num('an integer from 1 to 255', (v) => v >= 1 && v <= 255, true),
  binWidth: positive,
  binCount: nullable(positiveInt),
  normalize: bool,
  normalizeScale: positive,
  removeOutliers: nullable(positive),
  resampledPixelSpacing: nullable(list(nonNegative, 'a list of 3 spacings >= 0 (mm)', 3, 3)),
  interpolator,
  padDistance: nonNegativeInt,
  preCrop: bool,
  distances: list(positiveInt, 'a non-empty list of integers > 0'),
  force2D: bool,
  force2Ddimension: axis,
  resegmentRange: nullable(
    list(
      num('a number', () => true),
      'a list of 1 or 2 numbers',
      1,
      2,
    ),
  ),
  resegmentMode: oneOf(['absolute', 'relative', 'sigma'] as const),
  resegmentShape: bool,
  voxelArrayShift: num('a number', () => true),
  symmetricalGLCM: bool,
  weightingNorm: nullable(oneOf(WEIGHTING)),
  gldm_a: nonNegativeInt,
  wavelet: (v, p) => (typeof v === 'string' && v.length > 0 ? v : fail(p, 'a wavelet name such as coif1', v)),
  start_level: nonNegativeInt,
  level: positiveInt,
  sigma: list(positive, 'a list of sigmas > 0 (mm)', 0),
  gradientUseSpacing: bool,
};

function isSettingKey(key: string): key is keyof RadiomicsSettings {
  return Object.hasOwn(SETTING_CHECKS, key);
}

type MutableSettings = { -readonly [K in keyof RadiomicsSettings]: RadiomicsSettings[K] };

function applySetting<K extends keyof RadiomicsSettings>(
  out: MutableSettings,
  key: K,
  value: unknown,
  path: string,
): void {
  out[key] = SETTING_CHECKS[key](value, path);
}

/** PyRadiomics keys that are valid there but belong to features this engine does not offer. */
const UNSUPPORTED_KEYS: Readonly<Record<string, string>> = {
  lbp2DRadius: 'LBP image types are not implemented',
  lbp2DSamples: 'LBP image types are not implemented',
  lbp2DMethod: 'LBP image types are not implemented',
  lbp3DLevels: 'LBP image types are not implemented',
  lbp3DIcosphereRadius: 'LBP image types are not implemented',
  lbp3DIcosphereSubdivision: 'LBP image types are not implemented',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a `setting`-style mapping over `base`, returning complete settings. */
export function validateSettings(
  raw: unknown,
  base: RadiomicsSettings = DEFAULT_SETTINGS,
  path = 'setting',
): RadiomicsSettings {
  if (raw === null || raw === undefined) return base;
  if (!isRecord(raw)) fail(path, 'a mapping of setting names to values', raw);
  const out: MutableSettings = { ...base };
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) {
      const why = UNSUPPORTED_KEYS[key];
      throw new SettingsError(
        'unknown-setting',
        why !== undefined
          ? `${path}.${key} is not supported: ${why}`
          : `${path}.${key} is not a known setting (PyRadiomics keys: ${Object.keys(SETTING_CHECKS).join(', ')})`,
      );
    }
    applySetting(out, key, value, `${path}.${key}`);
  }
  if (out.binCount === null && !(out.binWidth > 0)) fail(`${path}.binWidth`, 'a number > 0', out.binWidth);
  return out;
}
function isImageTypeName(v: string): v is ImageTypeName {
  return (IMAGE_TYPE_NAMES as readonly string[]).includes(v);
}
function isFeatureClassName(v: string): v is FeatureClassName {
  return (FEATURE_CLASS_NAMES as readonly string[]).includes(v);
}

const TOP_LEVEL_KEYS = ['setting', 'imageType', 'featureClass', 'voxelSetting'];

/**
 * Validates a parsed parameter document. Absent `imageType` enables Original only; absent `featureClass` enables
 * every class with its default features (PyRadiomics' behaviour). A class given with no list (or an empty one)
 * enables its default set; feature names are checked against the class registry by the extractor.
 */
export function validateParams(doc: unknown): RadiomicsParams {
  if (doc === null || doc === undefined) doc = {};
  if (!isRecord(doc)) fail('parameters', 'a mapping with setting, imageType and featureClass', doc);
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      throw new SettingsError(
        'unknown-setting',
        `${key} is not a parameter section (expected ${TOP_LEVEL_KEYS.join(', ')})`,
      );
    }
  }
  if (doc['voxelSetting'] !== undefined && doc['voxelSetting'] !== null) {
    throw new SettingsError(
      'unknown-setting',
      'voxelSetting is not supported: this engine extracts segment-based features only',
    );
  }
  const settings = validateSettings(doc['setting']);

  const imageTypes: Array<{ name: ImageTypeName; settings: RadiomicsSettings }> = [];
  const rawTypes = doc['imageType'];
  if (rawTypes === undefined || rawTypes === null) {
    imageTypes.push({ name: 'Original', settings });
  } else {
    if (!isRecord(rawTypes)) fail('imageType', 'a mapping of image type names to their settings', rawTypes);
    for (const [name, custom] of Object.entries(rawTypes)) {
      if (name === 'LBP2D' || name === 'LBP3D') {
        throw new SettingsError(
          'unknown-image-type',
          `imageType.${name} is not supported by this engine (LBP filters are not implemented)`,
        );
      }
      if (!isImageTypeName(name)) {
        throw new SettingsError(
          'unknown-image-type',
          `imageType.${name} is not a known image type (${IMAGE_TYPE_NAMES.join(', ')})`,
        );
      }
      imageTypes.push({ name, settings: validateSettings(custom, settings, `imageType.${name}`) });
    }
    if (imageTypes.length === 0) fail('imageType', 'a mapping with at least one image type', rawTypes);
  }

  const featureClasses: Array<{ name: FeatureClassName; features: string[] | null }> = [];
  const rawClasses = doc['featureClass'];
  if (rawClasses === undefined || rawClasses === null) {
    // As PyRadiomics: every class; shape2D only with force2D, and then in place of the 3D shape class.
    for (const name of FEATURE_CLASS_NAMES) {
      const enabled = name === 'shape2D' ? settings.force2D : !(name === 'shape' && settings.force2D);
      if (enabled) featureClasses.push({ name, features: null });
    }
  } else {
    if (!isRecord(rawClasses))
      fail('featureClass', 'a mapping of feature class names to feature lists', rawClasses);
    for (const [name, list] of Object.entries(rawClasses)) {
      if (!isFeatureClassName(name)) {
        throw new SettingsError(
          'unknown-feature-class',
          `featureClass.${name} is not a known feature class (${FEATURE_CLASS_NAMES.join(', ')})`,
        );
      }
      if (list === null || list === undefined || (Array.isArray(list) && list.length === 0)) {
        featureClasses.push({ name, features: null });
      } else if (Array.isArray(list) && list.every((x): x is string => typeof x === 'string')) {
        featureClasses.push({ name, features: list });
      } else {
        fail(`featureClass.${name}`, 'empty or a list of feature names', list);
      }
    }
  }
  return { settings, imageTypes, featureClasses };
}

/** Parses a parameter file's text (YAML, of which JSON is a subset) and validates it. */
export function parseParams(text: string, source = 'parameter file'): RadiomicsParams {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new SettingsError(
      'invalid-setting',
      `${source} is not valid YAML/JSON: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  return validateParams(doc);
}

/** Parameters built from settings alone (Original image, every class's defaults), as PyRadiomics without a file. */
export function paramsFromSettings(raw: unknown): RadiomicsParams {
  return validateParams({ setting: raw });
}
