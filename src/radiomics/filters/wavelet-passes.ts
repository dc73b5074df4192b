/**
 * The convolution passes of {@link stationaryWavelet3D} (wavelet.ts): each output sample is
 * sum_j f[j] x[tap_j] over the taps a plan precomputed, summed in increasing j as PyWavelets does, for the
 * low-pass and high-pass filter in one sweep.
 */
import type { IndexXYZ, VoxelArray } from '../../volume/types.ts';

/** The data a level reads: an array over sets of padded positions, with a position -> array-index map per axis. */
export interface Source {
  readonly data: VoxelArray;
  readonly dims: IndexXYZ;
  readonly pos: readonly [Int32Array, Int32Array, Int32Array];
}

/** Convolution along x with gathered taps; one output array per filter (low and high in one sweep). */
export function passX(
  src: Source,
  rowsY: Int32Array,
  rowsZ: Int32Array,
  t: Int32Array,
  filters: readonly Float64Array[],
  dims: readonly number[],
): Float64Array[] {
  const [nxOut, nyOut, nzOut] = dims;
  const f = filters[0].length;
  const [sx, sy] = src.dims;
  const data = src.data;
  const outs = filters.map(() => new Float64Array(nxOut * nyOut * nzOut));
  const hL = filters[0];
  const hH = filters.length > 1 ? filters[1] : filters[0];
  const oL = outs[0];
  const oH = outs.length > 1 ? outs[1] : outs[0];
  let w = 0;
  for (let z = 0; z < nzOut; z++) {
    for (let y = 0; y < nyOut; y++) {
      const base = sx * (rowsY[y] + sy * rowsZ[z]);
      for (let x = 0; x < nxOut; x++, w++) {
        let sL = 0;
        let sH = 0;
        const tb = x * f;
        for (let j = 0; j < f; j++) {
          const v = data[base + t[tb + j]];
          sL += hL[j] * v;
          sH += hH[j] * v;
        }
        oL[w] = sL;
        oH[w] = sH;
      }
    }
  }
  return outs;
}

/** Convolution along y (axis 1) or z (axis 2) over contiguous runs of x (rows for y, planes for z). */
export function passStrided(
  input: Float64Array,
  dims: readonly number[],
  axis: number,
  t: Int32Array,
  filters: readonly Float64Array[],
  outDims: readonly number[],
): Float64Array[] {
  const f = filters[0].length;
  const outs = filters.map(() => new Float64Array(outDims[0] * outDims[1] * outDims[2]));
  const hL = filters[0];
  const hH = filters.length > 1 ? filters[1] : filters[0];
  const oL = outs[0];
  const oH = outs.length > 1 ? outs[1] : outs[0];
  // Treat the array as [outer][axis][inner]: inner = contiguous run, outer = the axes after `axis`.
  const inner = axis === 1 ? dims[0] : dims[0] * dims[1];
  const outer = axis === 1 ? dims[2] : 1;
  const nIn = dims[axis];
  const nOut = outDims[axis];
  const bases = new Int32Array(f);
  for (let u = 0; u < outer; u++) {
    const inBase = u * nIn * inner;
    const outBase = u * nOut * inner;
    for (let k = 0; k < nOut; k++) {
      const ob = outBase + k * inner;
      for (let j = 0; j < f; j++) bases[j] = inBase + t[k * f + j] * inner;
      for (let i = 0; i < inner; i++) {
        let sL = 0;
        let sH = 0;
        for (let j = 0; j < f; j++) {
          const v = input[bases[j] + i];
          sL += hL[j] * v;
          sH += hH[j] * v;
        }
        oL[ob + i] = sL;
        oH[ob + i] = sH;
      }
    }
  }
  return outs;
}
