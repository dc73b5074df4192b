import type { FeatureClass, FeatureDef, RoiInput } from '../types.ts';

/** numpy.spacing(1): the epsilon PyRadiomics adds inside log2 and to the histogram sum. */
const EPS = 2.220446049250313e-16;

/** Everything the first-order features need, computed once per image type. */
export interface FirstOrderState {
  readonly n: number;
  /** ROI values sorted ascending (for percentiles, median and the 10-90 subset). */
  readonly sorted: Float64Array;
  readonly mean: number;
  /** Central moments m2 (population variance), m3, m4. */
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  /** Mean absolute deviation from the mean. */
  readonly mad: number;
  /** Sum of (x + voxelArrayShift)^2. */
  readonly energy: number;
  readonly voxelVolumeMm3: number;
  /** Counts per discretised level 1..Ng (index = level). */
  readonly histogram: Float64Array;
}

/**
 * Gathers the ROI values (one pass: sum, shifted energy, histogram of the discretised levels), then one pass
 * for the central moments about the mean, and one sort for the order statistics.
 */
function prepare(roi: RoiInput): FirstOrderState {
  const { values, mask, binned, voxelCount: n, settings } = roi;
  const shift = settings.voxelArrayShift;
  const x = new Float64Array(n);
  const histogram = new Float64Array(roi.maxGrayLevel + 1);
  let sum = 0;
  let energy = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0, k = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const v = values[i];
    x[k++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    const s = v + shift;
    energy += s * s;
    histogram[binned[i]]++;
  }
  // a flat region has its value as mean exactly (the rounded sum / n need not be), so every moment is 0
  const mean = min === max ? min : sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let mad = 0;
  for (let k = 0; k < n; k++) {
    const d = x[k] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    mad += Math.abs(d);
  }
  const sorted = x.sort();
  const [sx, sy, sz] = roi.spacingMm;
  return {
    n,
    sorted,
    mean,
    m2: m2 / n,
    m3: m3 / n,
    m4: m4 / n,
    mad: mad / n,
    energy,
    voxelVolumeMm3: sx * sy * sz,
    histogram,
  };
}

/**
 * The q-th percentile of sorted values with linear interpolation between closest ranks, as
 * `numpy.percentile(a, q)` (default method 'linear'): h = (n - 1) q / 100, value = a[floor h] + (h - floor h) *
 * (a[floor h + 1] - a[floor h]). Source: NumPy documentation, numpy.percentile; Hyndman & Fan (1996) type 7.
 */
export function percentileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's _lerp: a + (b - a) t, computed from the upper end when t >= 0.5
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** The median as numpy.median: the middle value, or the mean of the two middle values. */
function median(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** First index with sorted[i] >= v (binary search). */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean absolute deviation of the values in [P10, P90] (bounds inclusive) from their own mean. */
function robustMad(s: FirstOrderState): number {
  const p10 = percentileLinear(s.sorted, 10);
  const p90 = percentileLinear(s.sorted, 90);
  const from = lowerBound(s.sorted, p10);
  let to = from;
  let sum = 0;
  while (to < s.n && s.sorted[to] <= p90) sum += s.sorted[to++];
  const count = to - from;
  if (s.sorted[from] === s.sorted[to - 1]) return 0;
  const mean = sum / count;
  let dev = 0;
  for (let i = from; i < to; i++) dev += Math.abs(s.sorted[i] - mean);
  return dev / count;
}

function entropy(s: FirstOrderState): number {
  let h = 0;
  for (let g = 1; g < s.histogram.length; g++) {
    const p = (s.histogram[g] + EPS) / s.n;
    h -= p * Math.log2(p);
  }
  return h;
}

function uniformity(s: FirstOrderState): number {
  const total = s.n + EPS;
  let u = 0;
  for (let g = 1; g < s.histogram.length; g++) {
    const p = s.histogram[g] / total;
    u += p * p;
  }
  return u;
}

const PR = 'PyRadiomics firstorder (radiomics/firstorder.py)';
const flat = (s: FirstOrderState): boolean => s.m2 === 0 || s.sorted[0] === s.sorted[s.n - 1];

const features: Record<string, FeatureDef<FirstOrderState>> = {
  Energy: {
    compute: (s) => s.energy,
    doc: 'Sum of squared intensities shifted by voxelArrayShift c: sum (x + c)^2.',
    reference: `IBSI N8CA (with c = 0); ${PR} getEnergyFeatureValue`,
  },
  TotalEnergy: {
    compute: (s) => s.voxelVolumeMm3 * s.energy,
    doc: 'Energy scaled by the voxel volume in mm^3: V_voxel sum (x + c)^2.',
    reference: `${PR} getTotalEnergyFeatureValue (not in IBSI)`,
  },
  Entropy: {
    compute: entropy,
    doc: 'Entropy of the discretised intensity histogram: -sum p(i) log2(p(i) + eps), eps = 2.2e-16.',
    reference: `IBSI TLU2 (intensity histogram entropy); ${PR} getEntropyFeatureValue`,
  },
  Minimum: {
    compute: (s) => s.sorted[0],
    doc: 'Lowest intensity in the ROI.',
    reference: `IBSI 1GSF; ${PR} getMinimumFeatureValue`,
  },
  '10Percentile': {
    compute: (s) => percentileLinear(s.sorted, 10),
    doc: '10th percentile of the ROI intensities (numpy linear interpolation).',
    reference: `IBSI QG58; ${PR} get10PercentileFeatureValue`,
  },
  '90Percentile': {
    compute: (s) => percentileLinear(s.sorted, 90),
    doc: '90th percentile of the ROI intensities (numpy linear interpolation).',
    reference: `IBSI 8DWT; ${PR} get90PercentileFeatureValue`,
  },
  Maximum: {
    compute: (s) => s.sorted[s.n - 1],
    doc: 'Highest intensity in the ROI.',
    reference: `IBSI 84IY; ${PR} getMaximumFeatureValue`,
  },
  Mean: {
    compute: (s) => s.mean,
    doc: 'Mean intensity: (1/Np) sum x.',
    reference: `IBSI Q4LE; ${PR} getMeanFeatureValue`,
  },
  Median: {
    compute: (s) => median(s.sorted),
    doc: 'Median intensity (numpy.median).',
    reference: `IBSI Y12H; ${PR} getMedianFeatureValue`,
  },
  InterquartileRange: {
    compute: (s) => percentileLinear(s.sorted, 75) - percentileLinear(s.sorted, 25),
    doc: 'P75 - P25 of the ROI intensities.',
    reference: `IBSI SALO; ${PR} getInterquartileRangeFeatureValue`,
  },
  Range: {
    compute: (s) => s.sorted[s.n - 1] - s.sorted[0],
    doc: 'Maximum minus minimum intensity.',
    reference: `IBSI 2OJQ; ${PR} getRangeFeatureValue`,
  },
  MeanAbsoluteDeviation: {
    compute: (s) => s.mad,
    doc: 'Mean distance of the intensities from their mean: (1/Np) sum |x - mean|.',
    reference: `IBSI 4FUA; ${PR} getMeanAbsoluteDeviationFeatureValue`,
  },
  RobustMeanAbsoluteDeviation: {
    compute: robustMad,
    doc: 'Mean absolute deviation of the intensities between the 10th and 90th percentile (inclusive) from their own mean.',
    reference: `IBSI 1128; ${PR} getRobustMeanAbsoluteDeviationFeatureValue`,
  },
  RootMeanSquared: {
    compute: (s) => Math.sqrt(s.energy / s.n),
    doc: 'Square root of the mean shifted squared intensity: sqrt((1/Np) sum (x + c)^2).',
    reference: `IBSI 5ZWQ (with c = 0); ${PR} getRootMeanSquaredFeatureValue`,
  },
  StandardDeviation: {
    compute: (s) => Math.sqrt(s.m2),
    doc: 'Population standard deviation sqrt(m2); deprecated in PyRadiomics (it is sqrt(Variance)).',
    reference: `${PR} getStandardDeviationFeatureValue (not in IBSI)`,
  },
  Skewness: {
    compute: (s) => (flat(s) ? 0 : s.m3 / Math.pow(s.m2, 1.5)),
    doc: 'Third standardised moment m3 / m2^(3/2); 0 for a flat region.',
    reference: `IBSI KE2A; ${PR} getSkewnessFeatureValue`,
  },
  Kurtosis: {
    compute: (s) => (flat(s) ? 0 : s.m4 / (s.m2 * s.m2)),
    doc: 'Fourth standardised moment m4 / m2^2, not excess (IBSI value + 3); 0 for a flat region.',
    reference: `IBSI IPH6 (excess kurtosis, differs by 3); ${PR} getKurtosisFeatureValue`,
  },
  Variance: {
    compute: (s) => s.m2,
    doc: 'Population variance: (1/Np) sum (x - mean)^2.',
    reference: `IBSI ECT3; ${PR} getVarianceFeatureValue`,
  },
  Uniformity: {
    compute: uniformity,
    doc: 'Sum of squared probabilities of the discretised intensity histogram: sum p(i)^2.',
    reference: `IBSI BJ5W (intensity histogram uniformity); ${PR} getUniformityFeatureValue`,
  },
};

const deprecated = ['StandardDeviation'];

/**
 * PyRadiomics' first-order statistics of one image type's ROI: 19 features, 18 enabled by default
 * (StandardDeviation is deprecated). Energy, TotalEnergy and RootMeanSquared use `voxelArrayShift`.
 */
export const firstorder: FeatureClass<RoiInput, FirstOrderState> = {
  name: 'firstorder',
  prepare,
  features,
  defaultFeatures: Object.keys(features).filter((f) => !deprecated.includes(f)),
  deprecated,
};
