/**
 * Group-comparison tests for the clinical-characteristics table, as R stats: Kruskal-Wallis (continuous
 * variables), Pearson's chi-square (categorical), and the rule that switches to Fisher's exact test when an
 * expected count is below 5.
 */
import { StatsInputError } from '../errors.ts';
import { chiSquareSurvival } from './distributions.ts';
import { fisherExactTest } from './fisher-exact.ts';
import { assertContingencyTable, assertFiniteValues, assertNonEmpty, tableMargins } from './validate.ts';

/** A chi-square-distributed test statistic with its p-value. */
export interface ChiSquareStatistic {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/**
 * Kruskal-Wallis rank-sum test (R `kruskal.test(list(...))`). Mid-ranks r over all N observations,
 * H = [12/(N(N+1)) Σ_g R_g²/n_g - 3(N+1)] / [1 - Σ_ties (t³ - t)/(N³ - N)], df = k - 1, p = P(χ²_df > H).
 * Source: Kruskal & Wallis, JASA 47:583 (1952); Hollander & Wolfe (1973) §6.1.
 *
 * @param groups k >= 2 non-empty samples.
 */
export function kruskalWallis(groups: readonly ArrayLike<number>[]): ChiSquareStatistic {
  if (groups.length < 2) {
    throw new StatsInputError(
      'too-few-observations',
      `Kruskal-Wallis needs at least 2 groups, got ${groups.length}`,
    );
  }
  groups.forEach((g, i) => {
    assertNonEmpty(g, `group ${i}`);
    assertFiniteValues(g, `group ${i}`);
  });
  const values: number[] = [];
  const label: number[] = [];
  groups.forEach((g, gi) => {
    for (let i = 0; i < g.length; i++) {
      values.push(g[i]);
      label.push(gi);
    }
  });
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const rankSums = new Float64Array(groups.length);
  let tieSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const t = end - start;
    const midRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) rankSums[label[order[k]]] += midRank;
    tieSum += t * t * t - t;
    start = end;
  }
  const denominator = 1 - tieSum / (n * n * n - n);
  if (!(denominator > 0)) {
    throw new StatsInputError(
      'invalid-value',
      `all ${n} values are equal; the Kruskal-Wallis statistic is undefined`,
    );
  }
  let s = 0;
  groups.forEach((g, gi) => (s += (rankSums[gi] * rankSums[gi]) / g.length));
  const statistic = ((12 * s) / (n * (n + 1)) - 3 * (n + 1)) / denominator;
  const df = groups.length - 1;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}

/** Result of {@link chiSquareTest}. */
export interface ChiSquareTestResult extends ChiSquareStatistic {
  /** Continuity correction subtracted from every |O - E| (0 when not applied). */
  readonly yatesCorrection: number;
  /** Expected counts E_ij = row_i · col_j / N. */
  readonly expected: readonly (readonly number[])[];
  readonly minExpected: number;
  /** True when some E_ij < 5, R's "Chi-squared approximation may be incorrect" warning. */
  readonly expectedBelow5: boolean;
}

/**
 * Pearson's chi-square test of independence (R `chisq.test(table, correct)`). E_ij = r_i c_j / N,
 * X² = Σ (|O - E| - c)² / E, df = (r-1)(c-1). For a 2x2 table with `correct` (R's default) Yates' correction
 * c = min(0.5, min_ij |O_ij - E_ij|) (R's rule, never correcting past 0); otherwise c = 0. Tables larger than
 * 2x2 are never corrected. Source: R stats `chisq.test`; Yates, JRSS Suppl. 1:217 (1934).
 */
export function chiSquareTest(
  table: readonly (readonly number[])[],
  options: { readonly correct?: boolean } = {},
): ChiSquareTestResult {
  assertContingencyTable(table);
  const { rows, cols, total } = tableMargins(table);
  const expected = rows.map((r) => cols.map((c) => (r * c) / total));
  let yates = 0;
  if ((options.correct ?? true) && rows.length === 2 && cols.length === 2) {
    yates = 0.5;
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(table[i][j] - expected[i][j]));
  }
  let statistic = 0;
  let minExpected = Infinity;
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      const e = expected[i][j];
      statistic += (Math.abs(table[i][j] - e) - yates) ** 2 / e;
      minExpected = Math.min(minExpected, e);
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  return {
    statistic,
    df,
    pValue: chiSquareSurvival(statistic, df),
    yatesCorrection: yates,
    expected,
    minExpected,
    expectedBelow5: minExpected < 5,
  };
}

/** Result of {@link testAssociation}: which test was used and its p-value. */
export interface AssociationTestResult {
  readonly test: 'chi-square' | 'fisher-exact';
  readonly pValue: number;
  readonly minExpected: number;
  /** The chi-square statistic (df, Yates) when `test` is 'chi-square'. */
  readonly chiSquare?: ChiSquareTestResult;
}

/**
 * Categorical association test for the clinical table: Pearson's chi-square (Yates for 2x2, as R's
 * default) when every expected count is >= 5, Fisher's exact test otherwise (the study's rule).
 */
export function testAssociation(table: readonly (readonly number[])[]): AssociationTestResult {
  const chi = chiSquareTest(table);
  if (chi.expectedBelow5) {
    return { test: 'fisher-exact', pValue: fisherExactTest(table).pValue, minExpected: chi.minExpected };
  }
  return { test: 'chi-square', pValue: chi.pValue, minExpected: chi.minExpected, chiSquare: chi };
}
