/**
 * Clinical variables of the training pipeline: each column typed as numeric (every present cell a number)
 * or categorical (text levels), missing cells imputed from the training rows (median, or the most frequent
 * level, ties to the first in sorted order), and Table 1: characteristics by split with p-values
 * (Kruskal-Wallis for numeric; chi-square, or Fisher's exact test when an expected count is below 5).
 */
import { StatsInputError } from '../errors.ts';
import { kruskalWallis, testAssociation } from '../stats/group-tests.ts';
import { quantileType7 } from '../stats/quantile.ts';
import { median } from './preprocess.ts';

/** A clinical column after typing and imputation. */
export type ClinicalVariable =
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly values: Float64Array;
      readonly imputed: number;
    }
  | {
      readonly kind: 'factor';
      readonly name: string;
      readonly values: readonly string[];
      readonly levels: readonly string[];
      readonly imputed: number;
    };

const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'null', 'NULL']);

/** Types and imputes one raw text column; `train[i]` says whether row i is a training row. */
export function clinicalVariable(
  name: string,
  cells: readonly string[],
  train: readonly boolean[],
): ClinicalVariable {
  const present = cells.map((c) => !MISSING.has(c.trim()));
  const trainPresent = cells.filter((_, i) => present[i] && train[i]).map((c) => c.trim());
  if (trainPresent.length === 0) {
    throw new StatsInputError('empty-input', `clinical column '${name}' has no value in the training rows`);
  }
  const numeric = cells.every((c, i) => !present[i] || Number.isFinite(Number(c.trim())));
  const imputed = present.filter((p) => !p).length;
  if (numeric) {
    const fill = median(trainPresent.map(Number));
    return {
      kind: 'numeric',
      name,
      values: Float64Array.from(cells, (c, i) => (present[i] ? Number(c.trim()) : fill)),
      imputed,
    };
  }
  const levels = [...new Set(cells.filter((_, i) => present[i]).map((c) => c.trim()))].sort();
  const counts = levels.map((l) => trainPresent.filter((v) => v === l).length);
  const mode = levels[counts.indexOf(Math.max(...counts))];
  return {
    kind: 'factor',
    name,
    values: cells.map((c, i) => (present[i] ? c.trim() : mode)),
    levels,
    imputed,
  };
}

/** One row of Table 1. */
export interface Table1Row {
  readonly variable: string;
  readonly level: string;
  readonly train: string;
  readonly test: string;
  readonly p: number | null;
  readonly method: string;
}

const fmt = (v: number, digits = 1): string => v.toFixed(digits);

/**
 * Table 1 rows for the outcome and each clinical variable, train vs test: numeric as median [Q1, Q3] with the
 * Kruskal-Wallis p; categorical as n (%) per level with the chi-square (or Fisher) p on the level x split table.
 */
export function table1(variables: readonly ClinicalVariable[], isTest: readonly boolean[]): Table1Row[] {
  const rows: Table1Row[] = [];
  const nTrain = isTest.filter((t) => !t).length;
  const nTest = isTest.length - nTrain;
  rows.push({ variable: 'n', level: '', train: String(nTrain), test: String(nTest), p: null, method: '' });
  for (const v of variables) {
    if (v.kind === 'numeric') {
      const a = v.values.filter((_, i) => !isTest[i]);
      const b = v.values.filter((_, i) => isTest[i]);
      const summary = (x: Float64Array): string => {
        if (x.length === 0) return '';
        const q = quantileType7(x, [0.25, 0.5, 0.75]);
        return `${fmt(q[1])} [${fmt(q[0])}, ${fmt(q[2])}]`;
      };
      const p = b.length > 0 && a.length > 0 ? kruskalWallis([a, b]).pValue : null;
      rows.push({
        variable: v.name,
        level: 'median [IQR]',
        train: summary(a),
        test: summary(b),
        p,
        method: p === null ? '' : 'Kruskal-Wallis',
      });
      continue;
    }
    const counts = v.levels.map((l) => [
      v.values.filter((x, i) => x === l && !isTest[i]).length,
      v.values.filter((x, i) => x === l && isTest[i]).length,
    ]);
    const usable = nTest > 0 && counts.filter((c) => c[0] + c[1] > 0).length >= 2;
    const assoc = usable ? testAssociation(counts.filter((c) => c[0] + c[1] > 0)) : null;
    v.levels.forEach((l, k) => {
      const pct = (c: number, n: number): string => (n > 0 ? `${c} (${fmt((100 * c) / n)}%)` : '');
      rows.push({
        variable: v.name,
        level: l,
        train: pct(counts[k][0], nTrain),
        test: pct(counts[k][1], nTest),
        p: k === 0 && assoc ? assoc.pValue : null,
        method: k === 0 && assoc ? assoc.test : '',
      });
    });
  }
  return rows;
}
