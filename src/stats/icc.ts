/**
 * Intraclass correlation for agreement studies (Shrout & Fleiss 1979), here the two-way mixed, consistency,
 * single-measure form used to judge whether radiomic features survive a change of segmentation.
 */
import { StatsInputError } from '../errors.ts';
import { assertFiniteValues } from './validate.ts';

/** The two-way ANOVA behind {@link icc31}. */
export interface IccAnova {
  /** Number of subjects (rows) n and raters (columns) k. */
  readonly n: number;
  readonly k: number;
  /** Between-subjects mean square MS_R = SS_R / (n - 1). */
  readonly msRows: number;
  /** Between-raters mean square MS_C = SS_C / (k - 1). */
  readonly msColumns: number;
  /** Residual mean square MS_E = SS_E / ((n - 1)(k - 1)). */
  readonly msError: number;
}

/**
 * Two-way ANOVA mean squares of an n x k table given as k rater columns of n subjects each, x̄ the grand mean,
 * x̄_i. the subject means and x̄_.j the rater means: SS_R = k Σ_i (x̄_i. - x̄)², SS_C = n Σ_j (x̄_.j - x̄)²,
 * SS_E = Σ_ij (x_ij - x̄)² - SS_R - SS_C; MS_R = SS_R / (n - 1), MS_C = SS_C / (k - 1),
 * MS_E = SS_E / ((n - 1)(k - 1)) (Shrout & Fleiss 1979, Table 1).
 *
 * @param columns k >= 2 rater columns, each of the same length n >= 2.
 */
export function iccAnova(columns: readonly ArrayLike<number>[]): IccAnova {
  const k = columns.length;
  if (k < 2) throw new StatsInputError('too-few-observations', `ICC needs at least 2 raters, got ${k}`);
  const n = columns[0].length;
  if (n < 2) throw new StatsInputError('too-few-observations', `ICC needs at least 2 subjects, got ${n}`);
  for (let j = 0; j < k; j++) {
    if (columns[j].length !== n) {
      throw new StatsInputError(
        'length-mismatch',
        `ICC rater ${j} has ${columns[j].length} subjects, rater 0 has ${n}`,
      );
    }
    assertFiniteValues(columns[j], `ICC rater ${j}`);
  }
  let grand = 0;
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) grand += columns[j][i];
  grand /= n * k;
  let ssTotal = 0;
  let ssCols = 0;
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = c[i] - grand;
      ssTotal += d * d;
      sum += c[i];
    }
    const dc = sum / n - grand;
    ssCols += n * dc * dc;
  }
  let ssRows = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += columns[j][i];
    const dr = sum / k - grand;
    ssRows += k * dr * dr;
  }
  const ssError = Math.max(0, ssTotal - ssRows - ssCols);
  return {
    n,
    k,
    msRows: ssRows / (n - 1),
    msColumns: ssCols / (k - 1),
    msError: ssError / ((n - 1) * (k - 1)),
  };
}

/**
 * ICC(3,1), two-way mixed effects, consistency, single measures (Shrout & Fleiss 1979, case 3; McGraw & Wong
 * 1996 ICC(C,1)): ICC = (MS_R - MS_E) / (MS_R + (k - 1) MS_E), with the mean squares of {@link iccAnova}.
 * A systematic offset between raters does not lower it. Throws StatsInputError when every value is the same
 * (0 / 0: the ICC is undefined).
 *
 * @param columns k >= 2 rater columns (e.g. automatic ROI, reference ROI), each with the n subjects in the same order.
 */
export function icc31(columns: readonly ArrayLike<number>[]): number {
  const { k, msRows, msError } = iccAnova(columns);
  const denominator = msRows + (k - 1) * msError;
  if (!(denominator > 0)) {
    throw new StatsInputError(
      'invalid-value',
      'ICC(3,1) is undefined: subjects and raters show no variance at all (every value is the same)',
    );
  }
  return (msRows - msError) / denominator;
}
