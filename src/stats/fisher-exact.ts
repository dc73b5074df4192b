/**
 * Fisher's exact test of independence for r x c contingency tables, two-sided as R `fisher.test`, by exact
 * enumeration of every table with the observed margins.
 */
import { UnsupportedError } from '../errors.ts';
import { assertContingencyTable, tableMargins } from './validate.ts';

/** Result of {@link fisherExactTest}. */
export interface FisherExactResult {
  /** Two-sided p-value. */
  readonly pValue: number;
  /** Probability of the observed table under independence (multivariate hypergeometric). */
  readonly observedProbability: number;
  /** Number of tables with the observed margins that were enumerated. */
  readonly tablesEnumerated: number;
}

/** Options of {@link fisherExactTest}. */
export interface FisherExactOptions {
  /** Stop with an UnsupportedError beyond this many enumerated tables (default 20 000 000). */
  readonly maxTables?: number;
}

/** R's relative tolerance: tables with P <= P_obs (1 + 1e-7) count as "at least as extreme". */
const RELATIVE_TOLERANCE = 1e-7;

/** ln k! for k = 0..n, by cumulative sums of ln k. */
function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) lf[k] = lf[k - 1] + Math.log(k);
  return lf;
}

/**
 * Fisher's exact test, two-sided (R `fisher.test(table)$p.value`).
 *
 * Under independence with fixed margins a table has probability
 * P = Π_i r_i! Π_j c_j! / (N! Π_ij n_ij!) (multivariate hypergeometric). The p-value is the sum of P over all
 * tables with the observed margins whose P <= P_obs · (1 + 1e-7) (R's relative tolerance against rounding
 * ties). For 2x2 this is R's sum over the hypergeometric support of a; for r x c R uses the FEXACT network
 * algorithm (Mehta & Patel 1983), which gives the same sum; here every table is enumerated row by row
 * (the last row is implied by the column margins). Source: Fisher (1935); R stats `fisher.test`.
 */
export function fisherExactTest(
  table: readonly (readonly number[])[],
  options: FisherExactOptions = {},
): FisherExactResult {
  assertContingencyTable(table);
  const maxTables = options.maxTables ?? 20_000_000;
  // Enumerate with the shorter dimension as columns: fewer compositions per row.
  const t = table[0].length <= table.length ? table : table[0].map((_, j) => table.map((row) => row[j]));
  const { rows, cols, total } = tableMargins(t);
  const r = rows.length;
  const c = cols.length;
  const lf = logFactorials(total);
  let logConst = -lf[total];
  for (const v of rows) logConst += lf[v];
  for (const v of cols) logConst += lf[v];
  let observedCells = 0;
  for (const row of t) for (const v of row) observedCells += lf[v];
  const observedLog = logConst - observedCells;
  const limit = observedLog + Math.log1p(RELATIVE_TOLERANCE);

  const colLeft = cols.slice();
  let sumRatio = 0;
  let count = 0;

  const finishTable = (cellLogs: number): void => {
    let lastRow = cellLogs;
    for (let j = 0; j < c; j++) lastRow += lf[colLeft[j]];
    const logP = logConst - lastRow;
    count++;
    if (count > maxTables) {
      throw new UnsupportedError(
        `Fisher's exact test would enumerate more than ${maxTables} tables (N = ${total}, ${r} x ${c}); merge sparse categories or use the chi-square test`,
      );
    }
    if (logP <= limit) sumRatio += Math.exp(logP - observedLog);
  };

  const fillRow = (i: number, cellLogs: number): void => {
    if (i === r - 1) finishTable(cellLogs);
    else fillCell(i, 0, rows[i], cellLogs);
  };

  const fillCell = (i: number, j: number, remaining: number, cellLogs: number): void => {
    if (j === c - 1) {
      if (remaining > colLeft[j]) return;
      colLeft[j] -= remaining;
      fillRow(i + 1, cellLogs + lf[remaining]);
      colLeft[j] += remaining;
      return;
    }
    let capacityAfter = 0;
    for (let k = j + 1; k < c; k++) capacityAfter += colLeft[k];
    const lo = Math.max(0, remaining - capacityAfter);
    const hi = Math.min(remaining, colLeft[j]);
    for (let v = lo; v <= hi; v++) {
      colLeft[j] -= v;
      fillCell(i, j + 1, remaining - v, cellLogs + lf[v]);
      colLeft[j] += v;
    }
  };

  fillRow(0, 0);
  const observedProbability = Math.exp(observedLog);
  return {
    pValue: Math.min(1, observedProbability * sumRatio),
    observedProbability,
    tablesEnumerated: count,
  };
}
