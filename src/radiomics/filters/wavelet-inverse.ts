/**
 * Inverse of one level of the stationary wavelet transform in {@link stationaryWavelet3D} (PyWavelets `iswtn` for
 * level 1 and an orthogonal wavelet), used to check perfect reconstruction.
 *
 * Along one axis the forward level is y_f = F x with (F x)[n] = sum_j f[j] x[(n + F/2 - j) mod N] for
 * f = dec_lo, dec_hi. For an orthogonal bank |H_lo(w)|^2 + |H_hi(w)|^2 = 2 at every frequency, so
 * x = (F_lo^T y_lo + F_hi^T y_hi) / 2 with the adjoint (F^T y)[m] = sum_j f[j] y[(m - F/2 + j) mod N]; this holds
 * for any N, odd or even. In 3D the axes are undone one after the other (z, then y, then x).
 */
import type { IndexXYZ } from '../../volume/types.ts';
import type { WaveletBank } from './wavelet-banks.ts';
import { ImageDataError } from '../../errors.ts';

/**
 * Reconstructs the input of one transform level from its bands (`band` names as {@link stationaryWavelet3D}
 * gives them, e.g. LLL..HHH, all on the same grid of `size`, which must be the grid the forward transform ran on:
 * use `keepPadding` for odd sizes). `axes` lists the transformed index axes (0 = x, 1 = y, 2 = z).
 */
export function inverseStationaryWavelet3D(
  bands: ReadonlyArray<{ readonly band: string; readonly data: Float64Array }>,
  size: IndexXYZ,
  bank: WaveletBank,
  axes: readonly number[] = [0, 1, 2],
): Float64Array {
  const order = [0, 1, 2].filter((a) => axes.includes(a));
  let current = new Map<string, Float64Array>();
  for (const b of bands) current.set(b.band, b.data);
  for (let k = order.length - 1; k >= 0; k--) {
    const axis = order[k];
    const next = new Map<string, Float64Array>();
    for (const [name, lo] of current) {
      if (name.length !== k + 1 || name[k] !== 'L') continue;
      const prefix = name.slice(0, k);
      const hi = current.get(prefix + 'H');
      if (hi === undefined) {
        throw new ImageDataError(
          'invalid-image',
          `band ${prefix}H is missing: the inverse needs all 2^d bands of one level`,
        );
      }
      const out = new Float64Array(lo.length);
      addAdjoint(lo, size, axis, bank.decLo, out);
      addAdjoint(hi, size, axis, bank.decHi, out);
      for (let i = 0; i < out.length; i++) out[i] *= 0.5;
      next.set(prefix, out);
    }
    current = next;
  }
  const x = current.get('');
  if (x === undefined)
    throw new ImageDataError('invalid-image', 'no bands given to the inverse wavelet transform');
  return x;
}

/** out += F^T y along `axis`: out[m] += sum_j f[j] y[(m - F/2 + j) mod N]. */
function addAdjoint(y: Float64Array, size: IndexXYZ, axis: number, f: Float64Array, out: Float64Array): void {
  const n = size[axis];
  const stride = axis === 0 ? 1 : axis === 1 ? size[0] : size[0] * size[1];
  const shift = f.length >> 1;
  const total = size[0] * size[1] * size[2];
  for (let i = 0; i < total; i++) {
    const m = Math.floor(i / stride) % n;
    const base = i - m * stride;
    let s = 0;
    for (let j = 0; j < f.length; j++) {
      let p = (m - shift + j) % n;
      if (p < 0) p += n;
      s += f[j] * y[base + p * stride];
    }
    out[i] += s;
  }
}
