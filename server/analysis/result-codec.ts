/**
 * An analysis result as bytes, for the shared cache: JSON for the structure, the typed arrays (the mask, the
 * preview's pixels) as raw chunks after it, the whole deflated (a chest CT's mask is mostly zeros). Maps, NaN,
 * infinities and -0 survive the round trip, so a result read back equals the one written.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type { AnalysisResult } from '../../src/index.ts';

const MAGIC = 'BMR1';

const TYPED = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

function typedName(v: unknown): TypedName | undefined {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return undefined;
  const name = v.constructor.name;
  return name in TYPED ? (name as TypedName) : undefined;
}

/** Thrown when bytes are not an encoded result (a foreign or truncated cache entry). */
export class ResultCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultCodecError';
  }
}

export function encodeResult(result: AnalysisResult): Buffer {
  const chunks: Buffer[] = [];
  const header = JSON.stringify(result, function (this: unknown, _key, value: unknown) {
    if (typeof value === 'number') {
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $num: Object.is(value, -0) ? '-0' : String(value) };
    }
    if (value instanceof Map) return { $map: [...value.entries()] };
    const typed = typedName(value);
    if (typed !== undefined) {
      const view = value as Typed;
      chunks.push(Buffer.from(view.buffer, view.byteOffset, view.byteLength));
      return { $bin: chunks.length - 1, type: typed };
    }
    return value;
  });
  const head = Buffer.from(header, 'utf8');
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 4);
  prefix.writeUInt32LE(chunks.length, 8);
  const lengths = Buffer.alloc(4 * chunks.length);
  chunks.forEach((c, i) => lengths.writeUInt32LE(c.length, 4 * i));
  return deflateSync(Buffer.concat([prefix, head, lengths, ...chunks]), { level: 1 });
}

export function decodeResult(bytes: Uint8Array): AnalysisResult {
  let raw: Buffer;
  try {
    raw = inflateSync(bytes);
  } catch {
    throw new ResultCodecError('a cached analysis result is not deflated data');
  }
  if (raw.length < 12 || raw.toString('latin1', 0, 4) !== MAGIC)
    throw new ResultCodecError('a cached analysis result has no result header');
  const headLength = raw.readUInt32LE(4);
  const count = raw.readUInt32LE(8);
  const header = raw.toString('utf8', 12, 12 + headLength);
  let offset = 12 + headLength;
  if (offset + 4 * count > raw.length) throw new ResultCodecError('a cached analysis result is truncated');
  const lengths: number[] = [];
  for (let i = 0; i < count; i++) lengths.push(raw.readUInt32LE(offset + 4 * i));
  offset += 4 * count;
  const starts: number[] = [];
  for (const n of lengths) {
    starts.push(offset);
    offset += n;
  }
  if (offset !== raw.length) throw new ResultCodecError('a cached analysis result is truncated');
  return JSON.parse(header, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    if ('$num' in value && typeof value.$num === 'string') return Number(value.$num);
    if ('$map' in value && Array.isArray(value.$map)) return new Map(value.$map as [unknown, unknown][]);
    if ('$bin' in value && typeof value.$bin === 'number' && 'type' in value) {
      const Ctor = TYPED[value.type as TypedName];
      const i = value.$bin;
      if (Ctor === undefined || i >= lengths.length) throw new ResultCodecError('a cached array is unknown');
      // A copy, aligned for its element type.
      const copy = new Uint8Array(lengths[i]);
      copy.set(raw.subarray(starts[i], starts[i] + lengths[i]));
      return new Ctor(copy.buffer);
    }
    return value;
  }) as AnalysisResult;
}
