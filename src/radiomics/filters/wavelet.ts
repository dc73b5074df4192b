/**
 * PyRadiomics' Wavelet image type: `imageoperations.getWaveletImage` / `_swt3`, i.e. PyWavelets' stationary
 * (undecimated) transform `pywt.swtn(data, wavelet, level=1, start_level=0, axes=(2, 1, 0))` on the SimpleITK
 * array, repeated `start_level + level` times on the approximation.
 *
 * Conventions reproduced (checked against PyWavelets 1.1.1 to 1e-15):
 * - One level along one axis is a periodic convolution with PyWavelets' swt alignment:
 *   out[n] = sum_{j=0}^{F-1} f[j] x[(n + F/2 - j) mod N], f = dec_lo (L) or dec_hi (H), F = filter length.
 *   Every level uses the level-1 filters (PyRadiomics calls swtn with level=1 on the previous approximation).
 * - An odd axis is first padded by one voxel with numpy 'wrap' (x[N] = x[0]), and the results are cropped back.
 * - The SimpleITK array is indexed [z][y][x] and PyRadiomics passes axes (2, 1, 0), so the sub-band name's first
 *   letter is the x axis, the second y, the third z: `wavelet-HLL` is high-pass along x, low-pass along y and z.
 * - Output order as PyRadiomics yields it: per level LLH, LHL, LHH, HLL, HLH, HHL, HHH, then the last level's
 *   LLL; level 1 is named `wavelet-XYZ`, later levels `wavelet<k>-XYZ`.
 * - force2D drops numpy axis force2Ddimension (0 = z, 1 = y, 2 = x) from the transform; names then have 2 letters.
 *
 * Any set of output voxels can be evaluated on its own, exactly as if the whole image had been transformed
 * ({@link WaveletOptions.outputBox}): the periodic boundary is resolved with whole-image indices, so the cost is
 * proportional to the box (plus the filter support), not to the image.
 */
import type { IndexBox, IndexXYZ } from '../../volume/types.ts';
import type { VoxelArray } from '../../volume/types.ts';
import type { WaveletBank } from './wavelet-banks.ts';
import type { Source } from './wavelet-passes.ts';
import { passStrided, passX } from './wavelet-passes.ts';

/** One sub-band: letters in axis order x, y, z (only the transformed axes), e.g. `HLL`. */
export interface WaveletBand {
  readonly band: string;
  /** 1-based level index as PyRadiomics counts it (1 = the first level it returns). */
  readonly level: number;
  readonly data: Float64Array;
}

export interface WaveletOptions {
  /** Axes transformed, as index axes 0 = x, 1 = y, 2 = z; default all three (PyRadiomics 3D). */
  readonly axes?: readonly number[];
  /** Levels computed but not returned (PyRadiomics `start_level`, default 0). */
  readonly startLevel?: number;
  /** Levels returned (PyRadiomics `level`, default 1). */
  readonly levels?: number;
  /** Evaluate only this inclusive box of the whole-image result (default: the whole image). */
  readonly outputBox?: IndexBox;
  /** Return the bands on the padded (even) grid instead of cropping odd axes back (for the inverse). */
  readonly keepPadding?: boolean;
}

/**
 * Stationary wavelet transform of a 3D volume as PyRadiomics computes it (see the module comment).
 * Returns, for each returned level, the detail bands in PyRadiomics' order, then the last level's approximation
 * (band `LLL`, or `LL` in 2D). Sizes are the output box's (or the image's) unless `keepPadding`.
 *
 * Formula per axis: L[n] = sum_j dec_lo[j] x[(n + F/2 - j) mod N], H likewise with dec_hi (PyWavelets swt).
 */
export function stationaryWavelet3D(
  data: VoxelArray,
  size: IndexXYZ,
  bank: WaveletBank,
  options: WaveletOptions = {},
): WaveletBand[] {
  const axes = options.axes ?? [0, 1, 2];
  const filtered = [axes.includes(0), axes.includes(1), axes.includes(2)];
  const startLevel = options.startLevel ?? 0;
  const levels = options.levels ?? 1;
  const padded = size.map((n) => (n % 2 === 0 ? n : n + 1));
  const out: IndexBox = options.outputBox ?? {
    lo: [0, 0, 0],
    hi: options.keepPadding
      ? [padded[0] - 1, padded[1] - 1, padded[2] - 1]
      : [size[0] - 1, size[1] - 1, size[2] - 1],
  };
  const total = startLevel + levels;
  const f = bank.decLo.length;
  const shift = f >> 1;
  // Position sets per level, planned backwards: the last level is evaluated on the output box, each earlier one on
  // the positions the next reads.
  const outSets: Int32Array[] = [0, 1, 2].map((a) => range(out.lo[a], out.hi[a]));
  const plan: Int32Array[][] = new Array<Int32Array[]>(total);
  let cur = outSets;
  for (let l = total - 1; l >= 0; l--) {
    plan[l] = cur;
    cur = cur.map((set, a) => (filtered[a] ? neededPositions(set, padded[a], shift, f) : set));
  }
  let source: Source = {
    data,
    dims: size,
    pos: perAxis((a) => {
      const p = new Int32Array(padded[a]);
      for (let i = 0; i < padded[a]; i++) p[i] = i < size[a] ? i : 0; // the 'wrap' pad voxel is x[0]
      return p;
    }),
  };
  const result: WaveletBand[] = [];
  for (let l = 0; l < total; l++) {
    const sets = plan[l];
    const returned = l >= startLevel;
    const bands = transformLevel(source, sets, padded, filtered, bank, !returned);
    const names = bandNames(filtered, returned);
    const approx = bands[0];
    if (returned) {
      for (let b = 1; b < bands.length; b++) {
        result.push({ band: names[b], level: l - startLevel + 1, data: extract(bands[b], sets, outSets) });
      }
    }
    if (l === total - 1) {
      result.push({ band: names[0], level: levels, data: extract(approx, sets, outSets) });
    }
    const dims: IndexXYZ = [sets[0].length, sets[1].length, sets[2].length];
    source = { data: approx, dims, pos: perAxis((a) => positionMap(sets[a], padded[a])) };
  }
  return result;
}

function perAxis<T>(fn: (axis: number) => T): [T, T, T] {
  return [fn(0), fn(1), fn(2)];
}

/** Band names in the order the passes produce them: x first, then y, then z; 'L' before 'H'. */
function bandNames(filtered: readonly boolean[], all: boolean): string[] {
  let names = [''];
  for (let a = 0; a < 3; a++) {
    if (!filtered[a]) continue;
    names = all ? names.flatMap((n) => [n + 'L', n + 'H']) : names.map((n) => n + 'L');
  }
  return names;
}

/** Inclusive integer range as an Int32Array. */
function range(lo: number, hi: number): Int32Array {
  const r = new Int32Array(hi - lo + 1);
  for (let i = 0; i < r.length; i++) r[i] = lo + i;
  return r;
}

/** Sorted unique positions (o + shift - j) mod n read by the outputs o in `set`. */
function neededPositions(set: Int32Array, n: number, shift: number, f: number): Int32Array {
  const seen = new Uint8Array(n);
  for (const o of set) for (let j = 0; j < f; j++) seen[mod(o + shift - j, n)] = 1;
  let count = 0;
  for (let i = 0; i < n; i++) count += seen[i];
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (seen[i]) out[k++] = i;
  return out;
}

function positionMap(set: Int32Array, n: number): Int32Array {
  const p = new Int32Array(n).fill(-1);
  for (let k = 0; k < set.length; k++) p[set[k]] = k;
  return p;
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/**
 * Tap table for one axis: for output k (position outSet[k]) and tap j, the index in the input array along that
 * axis of position (outSet[k] + shift - j) mod n, looked up through `inputPos`.
 */
function taps(outSet: Int32Array, n: number, shift: number, f: number, inputPos: Int32Array): Int32Array {
  const t = new Int32Array(outSet.length * f);
  for (let k = 0; k < outSet.length; k++) {
    for (let j = 0; j < f; j++) t[k * f + j] = inputPos[mod(outSet[k] + shift - j, n)];
  }
  return t;
}

const IDENTITY_FILTER = Float64Array.of(1);

/** One level: passes along x, y, z (as pywt.swtn with axes (2, 1, 0)); returns bands in {@link bandNames} order. */
function transformLevel(
  src: Source,
  sets: readonly Int32Array[],
  padded: readonly number[],
  filtered: readonly boolean[],
  bank: WaveletBank,
  approxOnly: boolean,
): Float64Array[] {
  const f = bank.decLo.length;
  const shift = f >> 1;
  // Positions each pass reads along the later axes (the earlier passes must produce exactly these).
  const inSets = sets.map((set, a) => (filtered[a] ? neededPositions(set, padded[a], shift, f) : set));
  // x pass: reads the source at rows (inSets y, inSets z); outputs sets[0] along x.
  const rowsY = Int32Array.from(inSets[1], (p) => src.pos[1][p]);
  const rowsZ = Int32Array.from(inSets[2], (p) => src.pos[2][p]);
  let bands: Float64Array[];
  let dims: [number, number, number] = [sets[0].length, inSets[1].length, inSets[2].length];
  {
    const filters = axisFilters(filtered[0], approxOnly, bank);
    const t = filtered[0]
      ? taps(sets[0], padded[0], shift, f, src.pos[0])
      : Int32Array.from(sets[0], (p) => src.pos[0][p]);
    bands = passX(src, rowsY, rowsZ, t, filters, dims);
  }
  for (const axis of [1, 2]) {
    const filters = axisFilters(filtered[axis], approxOnly, bank);
    const inMap = positionMap(inSets[axis], padded[axis]);
    const t = filtered[axis]
      ? taps(sets[axis], padded[axis], shift, f, inMap)
      : Int32Array.from(sets[axis], (p) => inMap[p]);
    const outDims: [number, number, number] = [dims[0], dims[1], dims[2]];
    outDims[axis] = sets[axis].length;
    const next: Float64Array[] = [];
    for (const b of bands) for (const r of passStrided(b, dims, axis, t, filters, outDims)) next.push(r);
    bands = next;
    dims = outDims;
  }
  return bands;
}

function axisFilters(filtered: boolean, approxOnly: boolean, bank: WaveletBank): Float64Array[] {
  if (!filtered) return [IDENTITY_FILTER];
  return approxOnly ? [bank.decLo] : [bank.decLo, bank.decHi];
}

/** The sub-block of `band` (evaluated on `sets`) at the positions `want` (a subset of `sets`, axis by axis). */
function extract(band: Float64Array, sets: readonly Int32Array[], want: readonly Int32Array[]): Float64Array {
  if (sets.every((s, a) => s.length === want[a].length)) return band;
  const idx = want.map((w, a) => {
    const map = new Map<number, number>();
    sets[a].forEach((p, k) => map.set(p, k));
    return Int32Array.from(w, (p) => map.get(p) ?? -1);
  });
  const [nx, ny] = [sets[0].length, sets[1].length];
  const out = new Float64Array(want[0].length * want[1].length * want[2].length);
  let w = 0;
  for (const z of idx[2])
    for (const y of idx[1]) for (const x of idx[0]) out[w++] = band[x + nx * (y + ny * z)];
  return out;
}
