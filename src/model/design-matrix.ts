/**
 * The design matrix of a regression model: rows of covariates to a row-major n x p array with an optional
 * intercept column, the coefficient names, and R's rank check on a QR factor.
 */
import type { Matrix } from 'ml-matrix';
import { StatsInputError } from '../errors.ts';
import { assertFiniteValues } from '../stats/validate.ts';

/** Builds the row-major n x p design (intercept column first when asked), validating shape and values. */
export function buildDesign(
  x: readonly ArrayLike<number>[],
  n: number,
  intercept: boolean,
): { data: Float64Array; p: number } {
  if (x.length !== n) {
    throw new StatsInputError(
      'length-mismatch',
      `x has ${x.length} rows but y has ${n} values; one row per observation`,
    );
  }
  const cols = x[0].length;
  const p = cols + (intercept ? 1 : 0);
  if (p === 0)
    throw new StatsInputError(
      'empty-input',
      'the model has no column: pass covariates or keep the intercept',
    );
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = x[i];
    if (row.length !== cols) {
      throw new StatsInputError(
        'length-mismatch',
        `x row ${i} has ${row.length} values but row 0 has ${cols}`,
      );
    }
    assertFiniteValues(row, `x row ${i}`);
    const o = i * p;
    if (intercept) data[o] = 1;
    for (let j = 0; j < cols; j++) data[o + j + (intercept ? 1 : 0)] = row[j];
  }
  return { data, p };
}

/** Coefficient names: `(Intercept)` first when present, then the given names or `x1`, `x2`, .... */
export function columnNames(
  given: readonly string[] | undefined,
  cols: number,
  intercept: boolean,
): string[] {
  if (given !== undefined && given.length !== cols) {
    throw new StatsInputError('length-mismatch', `${given.length} names for ${cols} columns of x`);
  }
  const base = given ? [...given] : Array.from({ length: cols }, (_, j) => `x${j + 1}`);
  return intercept ? ['(Intercept)', ...base] : base;
}

/** Throws `singular-design` when a QR pivot |R_jj| < 1e-7 ‖A_j‖ (column j nearly in the span of the earlier ones). */
export function assertFullRank(r: Matrix, a: Matrix, names: readonly string[]): void {
  for (let j = 0; j < r.columns; j++) {
    let norm = 0;
    for (let i = 0; i < a.rows; i++) norm += a.get(i, j) * a.get(i, j);
    if (!(Math.abs(r.get(j, j)) >= 1e-7 * Math.sqrt(norm)) || norm === 0) {
      throw new StatsInputError(
        'singular-design',
        `column '${names[j]}' is constant or a linear combination of earlier columns; drop it (R would report an NA coefficient)`,
      );
    }
  }
}
