/**
 * Validation of a preprocessor's JSON form (from a model artifact) back into typed fields.
 */
import { FileFormatError } from '../errors.ts';
import type { ColumnPreprocessing, DroppedColumn, OutlierCapping, PreprocessorJson } from './preprocess.ts';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseCapping(v: unknown): OutlierCapping {
  if (isRecord(v)) {
    if (v.method === 'none') return { method: 'none' };
    if (v.method === 'sd' && isNum(v.k)) return { method: 'sd', k: v.k };
    if (v.method === 'percentile' && isNum(v.lower) && isNum(v.upper)) {
      return { method: 'percentile', lower: v.lower, upper: v.upper };
    }
  }
  throw new FileFormatError(`preprocessor JSON: capping ${JSON.stringify(v)} is not a known rule`);
}

function parseColumn(v: unknown, k: number): ColumnPreprocessing {
  const limit = (x: unknown): x is number | null => x === null || isNum(x);
  if (
    isRecord(v) &&
    typeof v.name === 'string' &&
    isNum(v.median) &&
    limit(v.lower) &&
    limit(v.upper) &&
    isNum(v.mean) &&
    isNum(v.sd) &&
    v.sd > 0 &&
    isNum(v.imputed) &&
    isNum(v.capped)
  ) {
    const { name, median: med, lower, upper, mean, sd, imputed, capped } = v;
    return { name, median: med, lower, upper, mean, sd, imputed, capped };
  }
  throw new FileFormatError(
    `preprocessor JSON: columns[${k}] must be {name, median, lower, upper, mean, sd > 0, imputed, capped}`,
  );
}

/** Checks every field of a preprocessor JSON object; throws {@link FileFormatError} naming the bad one. */
export function parsePreprocessorJson(json: unknown): Omit<PreprocessorJson, 'format' | 'version'> {
  if (!isRecord(json) || json.format !== 'bonemet-preprocessor' || json.version !== 1) {
    throw new FileFormatError('not a preprocessor JSON: expected format "bonemet-preprocessor", version 1');
  }
  if (!Array.isArray(json.columns) || !Array.isArray(json.dropped) || typeof json.standardise !== 'boolean') {
    throw new FileFormatError('preprocessor JSON: columns and dropped must be arrays, standardise a boolean');
  }
  const dropped = json.dropped.map((d: unknown, k): DroppedColumn => {
    if (
      isRecord(d) &&
      typeof d.name === 'string' &&
      (d.reason === 'constant-column' || d.reason === 'all-missing-column')
    ) {
      return { name: d.name, reason: d.reason };
    }
    throw new FileFormatError(`preprocessor JSON: dropped[${k}] must be {name, reason}`);
  });
  return {
    capping: parseCapping(json.capping),
    standardise: json.standardise,
    columns: json.columns.map((c: unknown, k) => parseColumn(c, k)),
    dropped,
  };
}
