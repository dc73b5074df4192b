/**
 * The library's public API: the only path `server/` and `app/` import from (STYLE layout). The pure core
 * (volume, radiomics, stats, model) and its typed errors.
 */
export * from './errors.ts';
export * from './volume/index.ts';
export { PACKAGE_VERSION } from './version.ts';

export { extractFeatures } from './radiomics/extractor.ts';
export type { ExtractOptions, ExtractProgress } from './radiomics/extractor.ts';
export {
  parseParams,
  validateParams,
  validateSettings,
  paramsFromSettings,
  IMAGE_TYPE_NAMES,
  FEATURE_CLASS_NAMES,
} from './radiomics/params.ts';
export type { RadiomicsParams, ImageTypeName } from './radiomics/params.ts';
export { DEFAULT_SETTINGS } from './radiomics/settings.ts';
export type { RadiomicsSettings } from './radiomics/settings.ts';
export type { FeatureClassName, FeatureValue, FeatureVector } from './radiomics/types.ts';
export { allFeatureClasses } from './radiomics/features/registry.ts';

export * from './stats/roc.ts';
export * from './stats/roc-thresholds.ts';
export * from './stats/calibration.ts';
export * from './stats/dca.ts';
export * from './stats/group-tests.ts';
export * from './stats/fisher-exact.ts';
export * from './stats/distributions.ts';

export * from './model/logistic.ts';
export * from './model/logistic-predict.ts';
export * from './model/selection.ts';
export * from './model/stepwise.ts';
export * from './model/nomogram.ts';
