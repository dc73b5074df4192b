/**
 * A small runtime schema for JSON read from outside (model artifacts): each schema is a function from
 * `unknown` to a typed value that throws {@link ModelArtifactError} naming the path of the first bad field
 * (`nomogram.specs[2].levels`). Types follow from the schemas with {@link Infer}.
 */
import { ModelArtifactError } from '../errors.ts';

/** Validates `value` found at `path`; returns it typed or throws naming the path. */
export type Schema<T> = (value: unknown, path: string) => T;

/** The type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

function fail(path: string, expected: string, value: unknown): never {
  const shown = JSON.stringify(value);
  throw new ModelArtifactError(
    'invalid-field',
    `${path} must be ${expected}, got ${shown === undefined ? 'nothing' : shown.slice(0, 60)}`,
  );
}

export const str: Schema<string> = (v, path) => (typeof v === 'string' ? v : fail(path, 'a string', v));

/** A finite number. */
export const num: Schema<number> = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a finite number', v);

/** A finite number or null (a metric undefined for this data, such as a PPV with no positive call). */
export const numOrNull: Schema<number | null> = (v, path) => (v === null ? null : num(v, path));

export const int: Schema<number> = (v, path) =>
  typeof v === 'number' && Number.isInteger(v) ? v : fail(path, 'an integer', v);

export const bool: Schema<boolean> = (v, path) =>
  typeof v === 'boolean' ? v : fail(path, 'true or false', v);

/** Exactly the given string or number. */
export function literal<L extends string | number>(expected: L): Schema<L> {
  return (v, path) => (v === expected ? expected : fail(path, JSON.stringify(expected), v));
}

/** One of the given strings. */
export function oneOf<L extends string>(options: readonly L[]): Schema<L> {
  return (v, path) => {
    const found = options.find((o) => o === v);
    return found ?? fail(path, `one of ${options.join(', ')}`, v);
  };
}

export function arr<T>(item: Schema<T>): Schema<readonly T[]> {
  return (v, path) =>
    Array.isArray(v) ? v.map((e, i) => item(e, `${path}[${i}]`)) : fail(path, 'an array', v);
}

/** An array of exactly two items. */
export function pair<T>(item: Schema<T>): Schema<readonly [T, T]> {
  return (v, path) =>
    Array.isArray(v) && v.length === 2
      ? [item(v[0], `${path}[0]`), item(v[1], `${path}[1]`)]
      : fail(path, 'a pair', v);
}

/** Either of two schemas (tries the first, then the second; reports the second's error). */
export function either<A, B>(a: Schema<A>, b: Schema<B>): Schema<A | B> {
  return (v, path) => {
    try {
      return a(v, path);
    } catch (e) {
      if (!(e instanceof ModelArtifactError)) throw e;
      return b(v, path);
    }
  };
}

export function nullable<T>(item: Schema<T>): Schema<T | null> {
  return (v, path) => (v === null ? null : item(v, path));
}

type Shape = Readonly<Record<string, Schema<unknown>>>;
type FromShape<S extends Shape> = { readonly [K in keyof S]: Infer<S[K]> };

/** An object with exactly the listed fields (extra fields are refused, so a typo is caught). */
export function obj<S extends Shape>(shape: S): Schema<FromShape<S>> {
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'an object', v);
    const record = Object.fromEntries(Object.entries(v));
    for (const key of Object.keys(record)) {
      if (!(key in shape))
        throw new ModelArtifactError('invalid-field', `${path}.${key} is not a known field`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) out[key] = schema(record[key], `${path}.${key}`);
    return buildTyped<FromShape<S>>(out, shape);
  };
}

/** Narrows the validated record: every key of `shape` was checked by its schema above. */
function buildTyped<T>(out: Record<string, unknown>, _shape: Shape): T {
  return out as T;
}
