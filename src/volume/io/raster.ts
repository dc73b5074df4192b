import type { Grid, Mask, Volume } from '../types.ts';
import { FileFormatError } from '../../errors.ts';

/** Voxel value types that image files carry. */
export type ScalarType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

/** A decoded image file before it is taken as a Volume or a Mask: the grid and the raw values as stored. */
export interface Raster {
  readonly grid: Grid;
  readonly scalarType: ScalarType;
  readonly data:
    | Int8Array
    | Uint8Array
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array
    | Float32Array
    | Float64Array;
}

const BYTES: Record<ScalarType, number> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

/** Reads `count` values of `type` from `bytes` (any alignment), converting from the given endianness. */
export function decodeValues(
  bytes: Uint8Array,
  type: ScalarType,
  count: number,
  littleEndian: boolean,
): Raster['data'] {
  const need = count * BYTES[type];
  if (bytes.byteLength < need) {
    throw new FileFormatError(
      `the voxel data is truncated: ${bytes.byteLength} bytes for ${count} ${type} values (${need} needed)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, need);
  switch (type) {
    case 'int8':
      return Int8Array.from(bytes.subarray(0, count), (v) => (v << 24) >> 24);
    case 'uint8':
      return bytes.slice(0, count);
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, littleEndian);
      return out;
    }
    case 'uint16': {
      const out = new Uint16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, littleEndian);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, littleEndian);
      return out;
    }
    case 'uint32': {
      const out = new Uint32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, littleEndian);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, littleEndian);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, littleEndian);
      return out;
    }
  }
}

/**
 * Takes a raster as a Volume. Types that float32 represents exactly (8/16-bit integers, float32) give a
 * Float32Array; 32-bit integers and float64 give a Float64Array so no value is rounded. Without scaling the
 * Volume records the file's scalar type as its storedType.
 */
export function rasterToVolume(r: Raster, scale?: { slope: number; intercept: number }): Volume {
  const exact32 =
    r.scalarType === 'int8' ||
    r.scalarType === 'uint8' ||
    r.scalarType === 'int16' ||
    r.scalarType === 'uint16' ||
    r.scalarType === 'float32';
  const scaled = scale !== undefined && (scale.slope !== 1 || scale.intercept !== 0);
  const data = exact32 && !scaled ? new Float32Array(r.data.length) : new Float64Array(r.data.length);
  const slope = scale?.slope ?? 1;
  const intercept = scale?.intercept ?? 0;
  for (let i = 0; i < data.length; i++) data[i] = r.data[i] * slope + intercept;
  return scaled ? { grid: r.grid, data } : { grid: r.grid, data, storedType: r.scalarType };
}

/** Takes a raster as a label Mask; every value must be an integer in 0..255. */
export function rasterToMask(r: Raster, source = 'the mask file'): Mask {
  const data = new Uint8Array(r.data.length);
  for (let i = 0; i < data.length; i++) {
    const v = r.data[i];
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new FileFormatError(
        `${source} holds the value ${v} at voxel ${i}; a label mask needs integer labels 0..255`,
      );
    }
    data[i] = v;
  }
  return { grid: r.grid, data };
}
