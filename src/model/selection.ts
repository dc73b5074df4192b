/**
 * Feature selection on the training rows: the Pearson correlation filter (greedy keep-first) and mRMR with
 * the F-statistic / correlation quotient ("FCQ") exactly as the `mrmr_selection` package 0.2.9
 * (`mrmr_classif(X, y, K)` with its defaults). The mutual-information mRMR of Peng et al. is in
 * `mrmr-mutual-information.ts`. Columns must be complete and finite (impute first, see `preprocess.ts`).
 */
import { StatsInputError } from '../errors.ts';
import { assertFiniteValues, assertNonEmpty } from '../stats/validate.ts';
import { assertTableShape } from './table.ts';
import type { ColumnTable } from './table.ts';

/** The redundancy floor of mrmr_selection 0.2.x (`FLOOR = 0.001`). */
const MRMR_FLOOR = 0.001;

/** Checks a complete numeric table with at least 2 rows; returns the row count. */
export function assertNumericTable(table: ColumnTable<number>): number {
  const n = assertTableShape(table);
  if (n < 2)
    throw new StatsInputError('too-few-observations', `${n} rows; feature selection needs at least 2`);
  table.columns.forEach((c, j) => assertFiniteValues(c, `column '${table.names[j]}'`));
  return n;
}

/** A column centred on its mean, with its sum of squares Σ(x - x̄)². */
export interface CentredColumn {
  readonly d: Float64Array;
  readonly ss: number;
}

/** Centres each column once, so that any pair's Pearson r is one dot product ({@link centredCorrelation}). */
function centreColumns(columns: readonly ArrayLike<number>[]): CentredColumn[] {
  return columns.map((x) => {
    const n = x.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i];
    mean /= n;
    const d = Float64Array.from({ length: n }, (_, i) => x[i] - mean);
    return { d, ss: dot(d, d) };
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * r = Σ d_x d_y / √(Σ d_x² Σ d_y²) clamped to [-1, 1] (as R `cor`): exactly ±1 for identical or negated
 * columns, NaN when either is constant.
 */
function centredCorrelation(a: CentredColumn, b: CentredColumn): number {
  const r = dot(a.d, b.d) / Math.sqrt(a.ss * b.ss);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * Pearson's correlation r = Σ(x - x̄)(y - ȳ) / √(Σ(x - x̄)² Σ(y - ȳ)²) (R `cor(x, y)`), clamped to [-1, 1];
 * NaN when either vector is constant. Source: Pearson (1896); R stats `cor`.
 */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length < 2) {
    throw new StatsInputError(
      'length-mismatch',
      `Pearson's r needs two vectors of one length >= 2, got ${x.length} and ${y.length}`,
    );
  }
  const [u, v] = centreColumns([x, y]);
  return centredCorrelation(u, v);
}

/** A column removed by the Pearson filter, with the kept column it correlates with. */
export interface CorrelationDrop {
  readonly name: string;
  readonly correlatedWith: string;
  readonly r: number;
}

/** Result of {@link pearsonFilter}. */
export interface PearsonFilterResult {
  /** Kept columns in their original order. */
  readonly selected: readonly string[];
  readonly indices: readonly number[];
  readonly dropped: readonly CorrelationDrop[];
}

/**
 * Pearson correlation filter, rule A ("greedy keep-first"): walk the columns in order and keep a column
 * unless |r| > `threshold` (strict) with a column **already kept**; a dropped column never removes another.
 * (Rule B, "drop the later of every pair", and caret's `findCorrelation` differ on chains.) A constant
 * column has undefined r and is kept: remove constants before (see `preprocess.ts`). Source: the study's
 * method (|r| > 0.90 removed), rule as stated in the project's reference notes (R: 2).
 */
export function pearsonFilter(table: ColumnTable<number>, threshold = 0.9): PearsonFilterResult {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new StatsInputError(
      'invalid-value',
      `the correlation threshold must be in (0, 1], got ${threshold}`,
    );
  }
  assertNumericTable(table);
  const centred = centreColumns(table.columns);
  const indices: number[] = [];
  const dropped: CorrelationDrop[] = [];
  for (let j = 0; j < centred.length; j++) {
    let drop: CorrelationDrop | undefined;
    for (const k of indices) {
      const r = centredCorrelation(centred[j], centred[k]);
      if (Math.abs(r) > threshold) {
        drop = { name: table.names[j], correlatedWith: table.names[k], r };
        break;
      }
    }
    if (drop) dropped.push(drop);
    else indices.push(j);
  }
  return { selected: indices.map((j) => table.names[j]), indices, dropped };
}

/** Class labels of `y` (finite numbers) as 0-based group indices, in order of first appearance. */
function groupIndex(y: ArrayLike<number>): { group: Int32Array; count: number } {
  assertNonEmpty(y, 'y');
  assertFiniteValues(y, 'y');
  const ids = new Map<number, number>();
  const group = Int32Array.from({ length: y.length }, (_, i) => {
    let g = ids.get(y[i]);
    if (g === undefined) ids.set(y[i], (g = ids.size));
    return g;
  });
  if (ids.size < 2) {
    throw new StatsInputError(
      'one-class',
      `y holds one class only (${y[0]}); feature relevance needs at least 2 classes`,
    );
  }
  return { group, count: ids.size };
}

/**
 * One-way ANOVA F of `x` across the classes of `y` (sklearn `f_classif`, R `oneway.test(var.equal = TRUE)`):
 * F = [Σ_g n_g (x̄_g - x̄)² / (G - 1)] / [Σ_g Σ_{i∈g} (x_i - x̄_g)² / (N - G)]. +Inf when the within-class
 * sum of squares is 0 and the between-class one is not; NaN when both are 0.
 */
export function anovaF(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { group, count } = groupIndex(y);
  if (x.length !== y.length) {
    throw new StatsInputError('length-mismatch', `x has ${x.length} values but y has ${y.length}`);
  }
  const n = x.length;
  if (n <= count)
    throw new StatsInputError('too-few-observations', `${n} rows for ${count} classes; F needs N > G`);
  const sum = new Float64Array(count);
  const size = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sum[group[i]] += x[i];
    size[group[i]]++;
    total += x[i];
  }
  const grand = total / n;
  let between = 0;
  for (let g = 0; g < count; g++) between += size[g] * (sum[g] / size[g] - grand) ** 2;
  let within = 0;
  for (let i = 0; i < n; i++) within += (x[i] - sum[group[i]] / size[group[i]]) ** 2;
  return between / (count - 1) / (within / (n - count));
}

/** Result of an mRMR selection. */
export interface MrmrResult {
  /** Selected column names in selection order. */
  readonly selected: readonly string[];
  readonly indices: readonly number[];
  /** The score of each selected column at the step it was chosen. */
  readonly scores: readonly number[];
  /** Relevance of every input column (F for FCQ, I(f; y) in bits for MIQ/MID). */
  readonly relevance: Float64Array;
}

/**
 * mRMR "FCQ" exactly as `mrmr_selection` 0.2.9 `mrmr_classif(X, y, K)` (relevance 'f', redundancy 'c',
 * denominator 'mean'):
 * - relevance F_j = one-way ANOVA F ({@link anovaF}; NaN → 0); columns with F_j <= 0 are removed first and
 *   K = min(K, #remaining);
 * - step 1 picks argmax F; at step i > 1, with S the selected set and `last` the latest pick,
 *   red(j, last) = max(|r_Pearson(j, last)|, 0.001) (NaN → 0.001) is filled in for every unselected j, and
 *   score_j = F_j / mean_{s∈S} red(j, s), where a mean exactly equal to 1.0 is replaced by +Inf (score 0);
 * - ties go to the first maximum among the unselected columns in original column order (pandas `argmax`).
 * r is clamped to [-1, 1], so a column identical to the only selected one has redundancy exactly 1 and score 0
 * (pandas' r of identical columns can miss 1.0 by an ulp, and the package then scores it ≈ F instead of 0;
 * with more than one selected column the mean is below 1 and both agree). Columns are not scaled (r and F
 * are scale-free). Sources: Ding & Peng, J Bioinform Comput Biol 3:185 (2005) (FCQ); Zhao, Anand & Wang,
 * "Maximum relevance and minimum redundancy feature selection methods for a marketing machine learning
 * platform", IEEE DSAA 2019; mrmr_selection 0.2.9 behaviour.
 */
export function mrmrFcq(table: ColumnTable<number>, y: ArrayLike<number>, k: number): MrmrResult {
  if (!Number.isInteger(k) || k < 1)
    throw new StatsInputError('invalid-value', `K must be an integer >= 1, got ${k}`);
  const n = assertNumericTable(table);
  if (y.length !== n) throw new StatsInputError('length-mismatch', `y has ${y.length} values for ${n} rows`);
  const relevance = Float64Array.from(table.columns, (x) => {
    const f = anovaF(x, y);
    return Number.isNaN(f) ? 0 : f;
  });
  const candidates = table.columns.map((_, j) => j).filter((j) => relevance[j] > 0);
  const steps = Math.min(k, candidates.length);
  const centred = centreColumns(table.columns);
  /** Σ_{s∈S} red(j, s) per column (mean = sum / |S|). */
  const redundancySum = new Float64Array(table.columns.length);
  const indices: number[] = [];
  const scores: number[] = [];
  let remaining = candidates;
  for (let step = 0; step < steps; step++) {
    const last = indices.at(-1);
    let best = -1;
    let bestScore = -Infinity;
    for (const j of remaining) {
      let score = relevance[j];
      if (last !== undefined) {
        const r = Math.abs(centredCorrelation(centred[j], centred[last]));
        redundancySum[j] += Number.isNaN(r) ? MRMR_FLOOR : Math.max(r, MRMR_FLOOR);
        const denominator = redundancySum[j] / step;
        score = relevance[j] / (denominator === 1 ? Infinity : denominator);
      }
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best < 0) break;
    indices.push(best);
    scores.push(bestScore);
    remaining = remaining.filter((j) => j !== best);
  }
  return { selected: indices.map((j) => table.names[j]), indices, scores, relevance };
}
