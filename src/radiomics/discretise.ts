import { SettingsError } from '../errors.ts';

/**
 * Grey-level discretisation exactly as PyRadiomics (`imageoperations.getBinEdges` + `binImage`):
 * - fixed bin width W: edges = low + k*W for k = 0.. with low = floor(min/W)*W (bins anchored at 0, not at
 *   the ROI minimum), so level = floor(x/W) - floor(min/W) + 1;
 * - fixed bin count B: edges = numpy.histogram's linspace(min, max, B+1), last edge + 1;
 * then `numpy.digitize`: level = i such that edges[i-1] <= x < edges[i].
 */
export interface Discretisation {
  /** Level per input value (1-based). */
  readonly levels: Int32Array;
  /** The bin edges used (for diagnostics and tests). */
  readonly edges: Float64Array;
}

/** Index i with edges[i-1] <= x < edges[i] (numpy.digitize, increasing edges, right=False). */
function digitize(x: number, edges: Float64Array): number {
  let lo = 0;
  let hi = edges.length;
  // smallest i with edges[i] > x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bin edges as PyRadiomics computes them for the ROI values (min and max of the ROI). */
export function binEdges(min: number, max: number, binWidth: number, binCount: number | null): Float64Array {
  if (binCount !== null) {
    if (!(Number.isInteger(binCount) && binCount > 0)) {
      throw new SettingsError(
        'invalid-setting',
        `setting.binCount must be a positive integer, got ${binCount}`,
      );
    }
    let first = min;
    let last = max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    // numpy.linspace(first, last, binCount + 1): y_i = i * step + first, last element exactly `last`.
    const edges = new Float64Array(binCount + 1);
    const step = (last - first) / binCount;
    for (let i = 0; i <= binCount; i++) edges[i] = i * step + first;
    edges[binCount] = last;
    edges[binCount] += 1;
    return edges;
  }
  if (!(binWidth > 0) || !Number.isFinite(binWidth)) {
    throw new SettingsError('invalid-setting', `setting.binWidth must be > 0, got ${binWidth}`);
  }
  // Python's % takes the sign of the divisor: low = min - (min mod W) = floor(min / W) * W.
  const mod = min - Math.floor(min / binWidth) * binWidth;
  const low = min - mod;
  const high = max + 2 * binWidth;
  // numpy.arange(low, high, W): ceil((high - low) / W) values low + k*W.
  const n = Math.ceil((high - low) / binWidth);
  let edges = new Float64Array(n);
  for (let k = 0; k < n; k++) edges[k] = low + k * binWidth;
  if (edges.length === 1) edges = Float64Array.of(edges[0] - 0.5, edges[0] + 0.5);
  return edges;
}

/**
 * Discretises `values` (the ROI's voxel values, in any order) with PyRadiomics' rule. Throws a SettingsError
 * naming the key for a non-positive bin width or bin count.
 */
export function discretise(
  values: ArrayLike<number>,
  binWidth: number,
  binCount: number | null,
): Discretisation {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const edges = binEdges(min, max, binWidth, binCount);
  const levels = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) levels[i] = digitize(values[i], edges);
  return { levels, edges };
}
