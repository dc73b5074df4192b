/**
 * Input checks shared by the classifiers: rectangular finite rows, 0/1 outcomes with both classes, a fitted
 * state before prediction, and JSON field readers that name the field they refuse.
 */
import { StatsInputError } from '../../errors.ts';
import type { FeatureRows } from './types.ts';

/** Checks rows and outcomes for fitting and returns the number of features. */
export function assertTrainingData(x: FeatureRows, y: ArrayLike<number>, who: string): number {
  if (x.length === 0) throw new StatsInputError('empty-input', `${who}: no training rows`);
  if (x.length !== y.length) {
    throw new StatsInputError('length-mismatch', `${who}: ${x.length} rows but ${y.length} outcomes`);
  }
  let events = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new StatsInputError('invalid-value', `${who}: outcome ${i + 1} is ${y[i]}; code it 0 or 1`);
    }
    events += y[i];
  }
  if (events === 0 || events === y.length) {
    throw new StatsInputError('one-class', `${who}: the training outcomes hold one class only`);
  }
  return assertRows(x, x[0].length, who);
}

/** Checks that every row has `p` finite values; returns `p`. */
export function assertRows(x: FeatureRows, p: number, who: string): number {
  for (let i = 0; i < x.length; i++) {
    const row = x[i];
    if (row.length !== p) {
      throw new StatsInputError(
        'length-mismatch',
        `${who}: row ${i + 1} has ${row.length} values, expected ${p}`,
      );
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j])) {
        throw new StatsInputError(
          'non-finite-value',
          `${who}: row ${i + 1}, feature ${j + 1} is ${row[j]}; impute missing values before fitting`,
        );
      }
    }
  }
  return p;
}

/** Returns the fitted state or throws a message saying to fit first. */
export function fitted<T>(state: T | undefined, who: string): T {
  if (state === undefined) throw new StatsInputError('empty-input', `${who}: predictProba called before fit`);
  return state;
}

/** Plain number arrays from rows (for packages that want `number[][]`). */
export function toArrays(x: FeatureRows): number[][] {
  return x.map((row) => Array.from(row));
}

/** A JSON object, else an error naming `field`. */
export function readObject(json: unknown, field: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StatsInputError('invalid-value', `${field} must be an object`);
  }
  return Object.fromEntries(Object.entries(json));
}

/** A finite number at `obj[key]`, else an error naming `field.key`. */
export function readNumber(obj: Record<string, unknown>, key: string, field: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new StatsInputError(
      'invalid-value',
      `${field}.${key} must be a finite number, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** An array of finite numbers at `obj[key]`, else an error naming `field.key`. */
export function readNumbers(obj: Record<string, unknown>, key: string, field: string): Float64Array {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((e): e is number => typeof e === 'number' && Number.isFinite(e))) {
    throw new StatsInputError('invalid-value', `${field}.${key} must be an array of finite numbers`);
  }
  return Float64Array.from(v);
}

/** An array of arrays of finite numbers at `obj[key]`, else an error naming `field.key`. */
export function readRows(obj: Record<string, unknown>, key: string, field: string): Float64Array[] {
  const v = obj[key];
  if (!Array.isArray(v))
    throw new StatsInputError('invalid-value', `${field}.${key} must be an array of rows`);
  return v.map((_, i) => readNumbers({ row: v[i] }, 'row', `${field}.${key}[${i}]`));
}
