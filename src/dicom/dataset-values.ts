import { DicomError } from '../errors.ts';
import type { DicomDataset } from './part10.ts';

/**
 * Typed reads of naturalized dataset values. dcmjs gives a single value as itself and several as an
 * array; numbers (DS, IS, US...) arrive as numbers, sometimes as numeric strings.
 */

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** The values of an attribute as a list: dcmjs' array, a string split at backslashes, or the one value. */
function valuesOf(ds: DicomDataset, keyword: string): unknown[] {
  const v = ds[keyword];
  return Array.isArray(v) ? v : typeof v === 'string' ? v.split('\\') : [v];
}

/** A string attribute (first value when multi-valued), trimmed; undefined when absent or empty. */
export function optionalString(ds: DicomDataset, keyword: string): string | undefined {
  const v = first(ds[keyword]);
  if (typeof v !== 'string') return typeof v === 'number' ? String(v) : undefined;
  const s = v.replace(/\0/g, '').trim();
  return s === '' ? undefined : s;
}

/** Every value of a (possibly multi-valued) string attribute, trimmed, empty ones dropped; undefined when none. */
export function optionalStrings(ds: DicomDataset, keyword: string): string[] | undefined {
  const out = valuesOf(ds, keyword)
    .map((x) =>
      typeof x === 'string' ? x.replace(/\0/g, '').trim() : typeof x === 'number' ? String(x) : '',
    )
    .filter((x) => x !== '');
  return out.length === 0 ? undefined : out;
}

/** A required string attribute; throws {@link DicomError} `missing-attribute` naming it. */
export function requireString(ds: DicomDataset, keyword: string, source: string): string {
  const s = optionalString(ds, keyword);
  if (s === undefined) {
    throw new DicomError('missing-attribute', `${source} lacks ${keyword}, which a CT image must carry`);
  }
  return s;
}

/** A numeric attribute's first value; undefined when absent or not a number. */
export function optionalNumber(ds: DicomDataset, keyword: string): number | undefined {
  return toNumber(first(ds[keyword]));
}

/** A required numeric attribute; throws {@link DicomError} `missing-attribute` naming it. */
export function requireNumber(ds: DicomDataset, keyword: string, source: string): number {
  const n = optionalNumber(ds, keyword);
  if (n === undefined) {
    throw new DicomError(
      'missing-attribute',
      `${source} lacks a numeric ${keyword}, which a CT image must carry`,
    );
  }
  return n;
}

/** All values of a multi-valued numeric attribute; undefined when absent. */
export function optionalNumbers(ds: DicomDataset, keyword: string): number[] | undefined {
  if (ds[keyword] === undefined || ds[keyword] === null) return undefined;
  const out = valuesOf(ds, keyword).map(toNumber);
  return out.every((n): n is number => n !== undefined) ? out : undefined;
}

/** Exactly `count` numeric values of an attribute; throws {@link DicomError} `missing-attribute` otherwise. */
export function requireNumbers(ds: DicomDataset, keyword: string, count: number, source: string): number[] {
  const v = optionalNumbers(ds, keyword);
  if (v === undefined || v.length !== count) {
    throw new DicomError(
      'missing-attribute',
      `${source}: ${keyword} must hold ${count} numbers, got ${v === undefined ? 'none' : v.length}`,
    );
  }
  return v;
}

/** The first item of a sequence attribute as a dataset, or undefined. */
export function sequenceItem(ds: DicomDataset, keyword: string, index = 0): DicomDataset | undefined {
  const v = ds[keyword];
  const items = Array.isArray(v) ? v : v !== undefined && v !== null ? [v] : [];
  const item: unknown = items[index];
  return typeof item === 'object' && item !== null ? (item as DicomDataset) : undefined;
}
