/**
 * Input checks shared by the statistics functions. Each throws a {@link StatsInputError} whose message names
 * the argument, the offending position or value, and what to pass instead, so that bad data fails loudly
 * instead of turning into NaN further down.
 */
import { StatsInputError } from '../errors.ts';

/** Counts of a validated 0/1 outcome vector. */
export interface OutcomeCounts {
  /** Number of events (outcome 1): pROC's "cases". */
  readonly cases: number;
  /** Number of non-events (outcome 0): pROC's "controls". */
  readonly controls: number;
}

/** Throws `empty-input` when `values` has no element. */
export function assertNonEmpty(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) {
    throw new StatsInputError('empty-input', `${name} is empty; pass at least one observation`);
  }
}

/** Throws `non-finite-value` at the first NaN or infinite element of `values`. */
export function assertFiniteValues(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new StatsInputError(
        'non-finite-value',
        `${name}[${i}] is ${values[i]}; remove or impute missing and infinite values before calling`,
      );
    }
  }
}

/** Throws `length-mismatch` unless `a` and `b` have the same length. */
export function assertSameLength(
  a: ArrayLike<number>,
  aName: string,
  b: ArrayLike<number>,
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new StatsInputError(
      'length-mismatch',
      `${aName} has ${a.length} values but ${bName} has ${b.length}; they must describe the same observations`,
    );
  }
}

/**
 * Checks a 0/1 outcome vector (non-empty, every value exactly 0 or 1) and, unless `requireBothClasses` is
 * false, that both classes occur. Returns the class counts.
 */
export function assertBinaryOutcome(
  outcome: ArrayLike<number>,
  name = 'outcome',
  requireBothClasses = true,
): OutcomeCounts {
  assertNonEmpty(outcome, name);
  let cases = 0;
  for (let i = 0; i < outcome.length; i++) {
    const v = outcome[i];
    if (v === 1) cases++;
    else if (v !== 0) {
      throw new StatsInputError(
        Number.isFinite(v) ? 'invalid-value' : 'non-finite-value',
        `${name}[${i}] is ${v}; the outcome must be coded 0 (no event) or 1 (event)`,
      );
    }
  }
  const controls = outcome.length - cases;
  if (requireBothClasses && (cases === 0 || controls === 0)) {
    throw new StatsInputError(
      'one-class',
      `${name} holds only ${cases === 0 ? 'non-events (0)' : 'events (1)'} (${outcome.length} observations); both classes are needed`,
    );
  }
  return { cases, controls };
}

/** Checks that every element is a probability: finite and within [0, 1]. */
export function assertProbabilities(values: ArrayLike<number>, name: string): void {
  assertNonEmpty(values, name);
  assertFiniteValues(values, name);
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] > 1) {
      throw new StatsInputError(
        'invalid-value',
        `${name}[${i}] is ${values[i]}; predicted probabilities must lie in [0, 1]`,
      );
    }
  }
}

/** Checks an outcome vector and a same-length vector of finite scores; returns the class counts. */
export function assertOutcomeAndScores(
  outcome: ArrayLike<number>,
  scores: ArrayLike<number>,
  scoresName = 'scores',
): OutcomeCounts {
  assertSameLength(outcome, 'outcome', scores, scoresName);
  const counts = assertBinaryOutcome(outcome);
  assertFiniteValues(scores, scoresName);
  return counts;
}

/**
 * Checks a contingency table: at least `minRows` x `minCols`, rectangular, non-negative integer counts.
 * Returns it as a row-major array of rows.
 */
export function assertContingencyTable(
  table: readonly (readonly number[])[],
  name = 'table',
  minRows = 2,
  minCols = 2,
): readonly (readonly number[])[] {
  if (table.length < minRows || table[0].length < minCols) {
    throw new StatsInputError(
      'invalid-value',
      `${name} is ${table.length} x ${table.length > 0 ? table[0].length : 0}; a table of at least ${minRows} x ${minCols} is needed`,
    );
  }
  const cols = table[0].length;
  for (let i = 0; i < table.length; i++) {
    if (table[i].length !== cols) {
      throw new StatsInputError(
        'length-mismatch',
        `${name} row ${i} has ${table[i].length} cells but row 0 has ${cols}; the table must be rectangular`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = table[i][j];
      if (!Number.isInteger(v) || v < 0) {
        throw new StatsInputError(
          Number.isFinite(v) ? 'invalid-value' : 'non-finite-value',
          `${name}[${i}][${j}] is ${v}; cells must be non-negative integer counts`,
        );
      }
    }
  }
  return table;
}

/** Row sums, column sums and total of a contingency table; throws when a row or column is all zero. */
export function tableMargins(table: readonly (readonly number[])[]): {
  rows: number[];
  cols: number[];
  total: number;
} {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((a, r) => a + r[j], 0));
  const zeroRow = rows.indexOf(0);
  const zeroCol = cols.indexOf(0);
  if (zeroRow >= 0 || zeroCol >= 0) {
    throw new StatsInputError(
      'invalid-value',
      `${zeroRow >= 0 ? `row ${zeroRow}` : `column ${zeroCol}`} of the table sums to 0; drop empty categories first`,
    );
  }
  return { rows, cols, total: rows.reduce((a, b) => a + b, 0) };
}
