/**
 * Feature preprocessing fitted on the training rows only and then applied unchanged to any other rows
 * (test set, a new patient): median imputation, outlier capping, z-scores. The fitted state serialises to
 * JSON (stored in the model artifact) and back.
 *
 * Per column, in this order, on the training rows:
 * 1. **Checks.** A cell that is not a finite number or missing throws `non-numeric-value` (column and row
 *    named). A column with no observed value is `all-missing-column`; a column whose values are all equal
 *    (after imputation or after capping) is `constant-column`. By default these throw; with
 *    `onDegenerateColumn: 'drop'` the column is left out and listed in `dropped` with its reason.
 * 2. **Median imputation.** Missing cells (null, undefined, NaN) get the median of the observed training
 *    values (R `median`: the mean of the two middle values for an even count).
 * 3. **Outlier capping** (winsorising) of the imputed values. Default `{ method: 'sd', k: 3 }`: limits =
 *    training mean ± 3 × SD, SD with denominator n - 1 (R `sd`). Alternative `{ method: 'percentile',
 *    lower: 0.01, upper: 0.99 }`: limits = R type-7 quantiles of the training values. `{ method: 'none' }`
 *    disables it. Values outside the limits are set to the limit.
 * 4. **z-score** (default on): z = (x - mean) / SD with the mean and SD of the capped training values and
 *    **SD with denominator n** (population SD, as sklearn `StandardScaler`, which the study's classifiers used).
 *
 * Source: Steyerberg, Clinical Prediction Models (2nd ed.) ch. 7-9 (imputation, winsorising) and
 * scikit-learn `StandardScaler` (ddof = 0).
 */
import { DataTableError, StatsInputError } from '../errors.ts';
import { quantileType7 } from '../stats/quantile.ts';
import { parsePreprocessorJson } from './preprocess-json.ts';
import { assertTableShape, columnIndices, numericCell } from './table.ts';
import type { ColumnTable, NumericTable } from './table.ts';

/** The outlier-capping rule. */
export type OutlierCapping =
  | { readonly method: 'none' }
  | { readonly method: 'sd'; readonly k: number }
  | { readonly method: 'percentile'; readonly lower: number; readonly upper: number };

/** Options of {@link fitPreprocessor}. */
export interface PreprocessOptions {
  /** Default `{ method: 'sd', k: 3 }` (training mean ± 3 SD, SD with n - 1). */
  readonly capping?: OutlierCapping;
  /** z-score with the training mean and population SD (default true). */
  readonly standardise?: boolean;
  /** What to do with a constant or all-missing column: throw (default) or drop it and record why. */
  readonly onDegenerateColumn?: 'error' | 'drop';
}

/** The fitted preprocessing of one column. */
export interface ColumnPreprocessing {
  readonly name: string;
  /** Median of the observed training values: the imputation value. */
  readonly median: number;
  /** Capping limits; null when capping is off. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** z-score centre and scale (0 and 1 when standardise is off). */
  readonly mean: number;
  readonly sd: number;
  /** Training cells imputed and capped (for the report). */
  readonly imputed: number;
  readonly capped: number;
}

/** A column left out at fit time and why. */
export interface DroppedColumn {
  readonly name: string;
  readonly reason: 'constant-column' | 'all-missing-column';
}

/** The JSON form of a fitted preprocessor (`format` tags it; `fromJSON` refuses anything else). */
export interface PreprocessorJson {
  readonly format: 'bonemet-preprocessor';
  readonly version: 1;
  readonly capping: OutlierCapping;
  readonly standardise: boolean;
  readonly columns: readonly ColumnPreprocessing[];
  readonly dropped: readonly DroppedColumn[];
}

/** R `median` of a non-empty array (sorted copy; the mean of the two middle values for an even count). */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Mean and SD with denominator `n - ddof`. */
function meanSd(x: Float64Array, ddof: 0 | 1): { mean: number; sd: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(ss / (x.length - ddof)) };
}

function cappingLimits(
  x: Float64Array,
  capping: OutlierCapping,
): { lower: number | null; upper: number | null } {
  if (capping.method === 'none') return { lower: null, upper: null };
  if (capping.method === 'sd') {
    const { mean, sd } = meanSd(x, 1);
    return { lower: mean - capping.k * sd, upper: mean + capping.k * sd };
  }
  const [lower, upper] = quantileType7(x, [capping.lower, capping.upper]);
  return { lower, upper };
}

function isConstant(x: Float64Array): boolean {
  return x.every((v) => v === x[0]);
}

function checkOptions(capping: OutlierCapping): void {
  const ok =
    capping.method === 'none' ||
    (capping.method === 'sd' && capping.k > 0 && Number.isFinite(capping.k)) ||
    (capping.method === 'percentile' &&
      capping.lower >= 0 &&
      capping.lower < capping.upper &&
      capping.upper <= 1);
  if (!ok) {
    throw new StatsInputError(
      'invalid-value',
      `capping ${JSON.stringify(capping)} is invalid: use {method:'sd', k > 0}, {method:'percentile', 0 <= lower < upper <= 1} or {method:'none'}`,
    );
  }
}

/** A fitted preprocessing: apply it to any rows with the same columns. Build it with {@link fitPreprocessor}. */
export class Preprocessor {
  readonly capping: OutlierCapping;
  readonly standardise: boolean;
  readonly columns: readonly ColumnPreprocessing[];
  readonly dropped: readonly DroppedColumn[];

  constructor(json: Omit<PreprocessorJson, 'format' | 'version'>) {
    this.capping = json.capping;
    this.standardise = json.standardise;
    this.columns = json.columns;
    this.dropped = json.dropped;
  }

  /** Names of the output columns, in order. */
  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  /**
   * Applies the training-fitted steps to `table` (columns found by name; extra columns ignored): missing →
   * training median, clip to the training limits, z = (x - mean)/sd. Throws `missing-column` or
   * `non-numeric-value` naming the column (and row).
   */
  apply(table: ColumnTable): NumericTable {
    const n = assertTableShape(table);
    const idx = columnIndices(table, this.names, 'the rows to preprocess');
    const columns = this.columns.map((c, k) => {
      const src = table.columns[idx[k]];
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = numericCell(src[i], c.name, i, table.rowLabels);
        if (Number.isNaN(v)) v = c.median;
        if (c.lower !== null && v < c.lower) v = c.lower;
        if (c.upper !== null && v > c.upper) v = c.upper;
        out[i] = (v - c.mean) / c.sd;
      }
      return out;
    });
    return { names: this.names, columns };
  }

  toJSON(): PreprocessorJson {
    return {
      format: 'bonemet-preprocessor',
      version: 1,
      capping: this.capping,
      standardise: this.standardise,
      columns: this.columns,
      dropped: this.dropped,
    };
  }

  /** Rebuilds a preprocessor from {@link Preprocessor.toJSON} output, validating every field. */
  static fromJSON(json: unknown): Preprocessor {
    return new Preprocessor(parsePreprocessorJson(json));
  }
}

/**
 * Fits the preprocessing (imputation, capping, z-score; see the module comment for the exact rules) on the
 * training rows of `table`. Apply the result to the training rows too, to get their transformed values.
 */
export function fitPreprocessor(table: ColumnTable, options: PreprocessOptions = {}): Preprocessor {
  const capping = options.capping ?? { method: 'sd', k: 3 };
  const standardise = options.standardise ?? true;
  const onDegenerate = options.onDegenerateColumn ?? 'error';
  checkOptions(capping);
  const n = assertTableShape(table);
  if (n < 2)
    throw new StatsInputError('too-few-observations', `${n} training rows; preprocessing needs at least 2`);
  const columns: ColumnPreprocessing[] = [];
  const dropped: DroppedColumn[] = [];
  const degenerate = (name: string, reason: DroppedColumn['reason'], message: string): void => {
    if (onDegenerate === 'error') throw new DataTableError(reason, message);
    dropped.push({ name, reason });
  };
  table.names.forEach((name, j) => {
    const raw = Float64Array.from({ length: n }, (_, i) =>
      numericCell(table.columns[j][i], name, i, table.rowLabels),
    );
    const observed = raw.filter((v) => !Number.isNaN(v));
    if (observed.length === 0) {
      degenerate(
        name,
        'all-missing-column',
        `column '${name}' has no value in the ${n} training rows; drop it`,
      );
      return;
    }
    const med = median(observed);
    const x = raw.map((v) => (Number.isNaN(v) ? med : v));
    if (isConstant(x)) {
      degenerate(
        name,
        'constant-column',
        `column '${name}' is constant (${x[0]}) in the training rows; drop it`,
      );
      return;
    }
    const { lower, upper } = cappingLimits(x, capping);
    let capped = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.min(upper ?? Infinity, Math.max(lower ?? -Infinity, x[i]));
      if (v !== x[i]) capped++;
      x[i] = v;
    }
    if (isConstant(x)) {
      degenerate(name, 'constant-column', `column '${name}' is constant after outlier capping; drop it`);
      return;
    }
    const { mean, sd } = standardise ? meanSd(x, 0) : { mean: 0, sd: 1 };
    columns.push({ name, median: med, lower, upper, mean, sd, imputed: n - observed.length, capped });
  });
  return new Preprocessor({ capping, standardise, columns, dropped });
}
