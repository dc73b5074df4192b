import assert from 'node:assert/strict';

/** A tolerance: relative error bound, with an absolute bound used near zero. */
export interface Tolerance {
  readonly rel: number;
  readonly abs: number;
}

/** True when `actual` is within `tol` of `expected` (|a-e| <= abs, or |a-e| <= rel*|e|); NaN equals only NaN. */
export function isClose(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (actual === expected) return true;
  const diff = Math.abs(actual - expected);
  return diff <= tol.abs || diff <= tol.rel * Math.abs(expected);
}

/** Relative error |a-e|/|e| (absolute error when e = 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const diff = Math.abs(actual - expected);
  return expected === 0 ? diff : diff / Math.abs(expected);
}

/** Asserts {@link isClose}, naming the quantity and both values on failure. */
export function assertClose(actual: number, expected: number, tol: Tolerance, what = 'value'): void {
  assert.ok(
    isClose(actual, expected, tol),
    `${what}: got ${actual}, expected ${expected} (relative error ${relativeError(actual, expected).toExponential(3)}, tolerance rel ${tol.rel} / abs ${tol.abs})`,
  );
}
