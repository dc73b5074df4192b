import { gunzipSync } from 'node:zlib';
import type { Grid } from '../types.ts';
import type { Raster, ScalarType } from './raster.ts';
import { decodeValues } from './raster.ts';
import { toDirection3 } from '../grid.ts';
import { FileFormatError } from '../../errors.ts';

/**
 * NIfTI-1 and NIfTI-2 single-file (.nii) reader, gzip-compressed (.nii.gz) detected by its magic bytes.
 * Geometry from the sform when sform_code > 0, else the qform (quaternion), else pixdim alone; NIfTI's
 * RAS+ world is converted to LPS by negating x and y. scl_slope/scl_inter are returned for the caller.
 */

const DATATYPES: Record<number, ScalarType> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
};

export interface NiftiRaster extends Raster {
  /** scl_slope / scl_inter; slope 1, intercept 0 when the file sets none. */
  readonly scale: { readonly slope: number; readonly intercept: number };
}

/** Parses .nii or .nii.gz bytes. */
export function parseNifti(input: Uint8Array, source = 'NIfTI file'): NiftiRaster {
  let bytes = input;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new FileFormatError(
        `${source}: the gzip stream cannot be decompressed (truncated or corrupt .nii.gz)`,
        { cause: e },
      );
    }
  }
  if (bytes.byteLength < 348)
    throw new FileFormatError(`${source} is too short to be NIfTI (${bytes.byteLength} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let little = true;
  let version: 1 | 2;
  const h1 = view.getInt32(0, true);
  if (h1 === 348) version = 1;
  else if (h1 === 540) version = 2;
  else {
    const hb = view.getInt32(0, false);
    little = false;
    if (hb === 348) version = 1;
    else if (hb === 540) version = 2;
    else throw new FileFormatError(`${source} is not NIfTI (sizeof_hdr ${h1})`);
  }
  const i16 = (o: number): number => view.getInt16(o, little);
  const i32 = (o: number): number => view.getInt32(o, little);
  const f32 = (o: number): number => view.getFloat32(o, little);
  const f64 = (o: number): number => view.getFloat64(o, little);
  const i64 = (o: number): number => Number(view.getBigInt64(o, little));

  let dim: number[], pixdim: number[], datatype: number, voxOffset: number, slope: number, inter: number;
  let qformCode: number, sformCode: number, quat: number[], qoffset: number[], srow: number[][];
  if (version === 1) {
    dim = Array.from({ length: 8 }, (_, k) => i16(40 + 2 * k));
    datatype = i16(70);
    pixdim = Array.from({ length: 8 }, (_, k) => f32(76 + 4 * k));
    voxOffset = f32(108);
    slope = f32(112);
    inter = f32(116);
    qformCode = i16(252);
    sformCode = i16(254);
    quat = [f32(256), f32(260), f32(264)];
    qoffset = [f32(268), f32(272), f32(276)];
    srow = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f32(280 + 16 * r + 4 * c)));
  } else {
    datatype = i16(12);
    dim = Array.from({ length: 8 }, (_, k) => i64(16 + 8 * k));
    pixdim = Array.from({ length: 8 }, (_, k) => f64(104 + 8 * k));
    voxOffset = i64(168);
    slope = f64(176);
    inter = f64(184);
    qformCode = i32(344);
    sformCode = i32(348);
    quat = [f64(352), f64(360), f64(368)];
    qoffset = [f64(376), f64(384), f64(392)];
    srow = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f64(400 + 32 * r + 8 * c)));
  }
  const type = DATATYPES[datatype];
  if (type === undefined) throw new FileFormatError(`${source}: NIfTI datatype ${datatype} is not supported`);
  const ndim = dim[0];
  if (ndim < 2 || ndim > 7) throw new FileFormatError(`${source}: NIfTI dim[0] = ${ndim} is not valid`);
  for (let k = 4; k <= ndim; k++) {
    if (dim[k] > 1)
      throw new FileFormatError(
        `${source}: a ${ndim}D NIfTI with dim[${k}] = ${dim[k]} is not a single 3D volume`,
      );
  }
  const nx = dim[1];
  const ny = dim[2];
  const nz = ndim >= 3 ? Math.max(1, dim[3]) : 1;

  // Columns of the index-to-RAS matrix (direction * spacing) and the origin, in RAS.
  let cols: number[][];
  let origin: number[];
  if (sformCode > 0) {
    cols = [0, 1, 2].map((k) => [srow[0][k], srow[1][k], srow[2][k]]);
    origin = [srow[0][3], srow[1][3], srow[2][3]];
  } else if (qformCode > 0) {
    const [b, c, d] = quat as [number, number, number];
    const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
    const R = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ];
    const qfac = pixdim[0] < 0 ? -1 : 1;
    const sp = [Math.abs(pixdim[1]), Math.abs(pixdim[2]), Math.abs(pixdim[3]) * qfac];
    cols = [0, 1, 2].map((k) => [R[0][k] * sp[k], R[1][k] * sp[k], R[2][k] * sp[k]]);
    origin = qoffset;
  } else {
    cols = [
      [pixdim[1] || 1, 0, 0],
      [0, pixdim[2] || 1, 0],
      [0, 0, pixdim[3] || 1],
    ];
    origin = [0, 0, 0];
  }
  const spacing = cols.map((c) => Math.hypot(c[0], c[1], c[2]));
  if (spacing.some((s) => !(s > 0)))
    throw new FileFormatError(`${source}: the NIfTI geometry has a zero-length axis`);
  const flip = [-1, -1, 1];
  const d: number[] = new Array<number>(9);
  for (let k = 0; k < 3; k++)
    for (let r = 0; r < 3; r++) d[r * 3 + k] = (flip[r] * cols[k][r]) / spacing[k] || 0; // `|| 0` folds -0 into 0
  const grid: Grid = {
    size: [nx, ny, nz],
    spacingMm: [spacing[0], spacing[1], spacing[2]],
    originLpsMm: [-origin[0] || 0, -origin[1] || 0, origin[2] || 0],
    direction: toDirection3(d),
  };
  const offset = Math.max(version === 1 ? 352 : 544, Math.floor(voxOffset));
  const data = decodeValues(bytes.subarray(offset), type, nx * ny * nz, little);
  const validSlope = Number.isFinite(slope) && slope !== 0;
  return {
    grid,
    scalarType: type,
    data,
    scale: { slope: validSlope ? slope : 1, intercept: validSlope && Number.isFinite(inter) ? inter : 0 },
  };
}
