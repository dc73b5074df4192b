/**
 * Deriche's 4th-order recursive (IIR) Gaussian and its second derivative, as ITK's
 * `itk::RecursiveGaussianImageFilter` computes them (ITK 5.2 `itkRecursiveGaussianImageFilter.hxx` and
 * `itkRecursiveSeparableImageFilter.hxx`), the building block of SimpleITK's LaplacianRecursiveGaussianImageFilter.
 *
 * References: R. Deriche, "Recursively implementing the Gaussian and its derivatives", INRIA RR-1893 (1993);
 * the exponential-series parameters (a, b, w, l) below are the published ones of that report, normalised as ITK
 * does (zero order: unit DC gain; second order: response 2 to x^2; NormalizeAcrossScale multiplies the second
 * derivative by sigma^2, sigma in mm). The line filter is a causal plus an anti-causal 4th-order recursion whose
 * borders assume the first/last sample continues to infinity (ITK's boundary condition).
 */

/** The recursion coefficients of one direction (ITK m_N*, m_D*, m_M*, m_BN*, m_BM*). */
export interface RecursiveGaussianCoefficients {
  readonly n0: number;
  readonly n1: number;
  readonly n2: number;
  readonly n3: number;
  readonly d1: number;
  readonly d2: number;
  readonly d3: number;
  readonly d4: number;
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  readonly bn1: number;
  readonly bn2: number;
  readonly bn3: number;
  readonly bn4: number;
  readonly bm1: number;
  readonly bm2: number;
  readonly bm3: number;
  readonly bm4: number;
}

// Deriche's exponential-series parameters: [a1, b1, a2, b2] for orders 0, 1, 2; w1, l1, w2, l2 shared.
const W1 = 0.6681;
const L1 = -1.3932;
const W2 = 2.0787;
const L2 = -1.3732;
const SERIES: readonly (readonly [number, number, number, number])[] = [
  [1.353, 1.8151, -0.3531, 0.0902],
  [-0.6724, -3.4327, 0.6724, 0.61],
  [-1.3563, 5.2318, 0.3446, -2.2355],
];

interface NTerms {
  n0: number;
  n1: number;
  n2: number;
  n3: number;
  sn: number;
  dn: number;
  en: number;
}

function nTerms(sigmad: number, a1: number, b1: number, a2: number, b2: number): NTerms {
  const sin1 = Math.sin(W1 / sigmad);
  const sin2 = Math.sin(W2 / sigmad);
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const n0 = a1 + a2;
  let n1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
  n1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
  let n2 = (a1 + a2) * cos2 * cos1;
  n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
  n2 *= 2 * exp1 * exp2;
  n2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
  let n3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
  n3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
  return { n0, n1, n2, n3, sn: n0 + n1 + n2 + n3, dn: n1 + 2 * n2 + 3 * n3, en: n1 + 4 * n2 + 9 * n3 };
}

/**
 * Coefficients of ITK's recursive Gaussian of `order` 0 or 2 along one axis: sigma in mm, spacing in mm
 * (sigma_d = sigma / spacing voxels). With `normalizeAcrossScale` the second derivative is scaled by sigma^2.
 * The second derivative is per voxel^2: the caller divides by spacing^2 (as ITK's Laplacian does).
 */
export function recursiveGaussianCoefficients(
  sigmaMm: number,
  spacingMm: number,
  order: 0 | 2,
  normalizeAcrossScale: boolean,
): RecursiveGaussianCoefficients {
  const sigmad = sigmaMm / Math.abs(spacingMm);
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const d4 = exp1 * exp1 * exp2 * exp2;
  let d3 = -2 * cos1 * exp1 * exp2 * exp2;
  d3 += -2 * cos2 * exp2 * exp1 * exp1;
  let d2 = 4 * cos2 * cos1 * exp1 * exp2;
  d2 += exp1 * exp1 + exp2 * exp2;
  const d1 = -2 * (exp2 * cos2 + exp1 * cos1);
  const sd = 1.0 + d1 + d2 + d3 + d4;
  const dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
  const ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;
  let n0: number, n1: number, n2: number, n3: number;
  if (order === 0) {
    const t = nTerms(sigmad, ...SERIES[0]);
    const alpha0 = (2 * t.sn) / sd - t.n0;
    const k = 1.0 / alpha0; // ITK: m_N *= across_scale_normalization / alpha0
    [n0, n1, n2, n3] = [t.n0 * k, t.n1 * k, t.n2 * k, t.n3 * k];
  } else {
    const scale = normalizeAcrossScale ? sigmaMm * sigmaMm : 1.0;
    const t0 = nTerms(sigmad, ...SERIES[0]);
    const t2 = nTerms(sigmad, ...SERIES[2]);
    const beta = -(2 * t2.sn - sd * t2.n0) / (2 * t0.sn - sd * t0.n0);
    n0 = t2.n0 + beta * t0.n0;
    n1 = t2.n1 + beta * t0.n1;
    n2 = t2.n2 + beta * t0.n2;
    n3 = t2.n3 + beta * t0.n3;
    const sn = t2.sn + beta * t0.sn;
    const dn = t2.dn + beta * t0.dn;
    const en = t2.en + beta * t0.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    const k = scale / alpha2;
    [n0, n1, n2, n3] = [n0 * k, n1 * k, n2 * k, n3 * k];
  }
  // Both orders are symmetric filters.
  const m1 = n1 - d1 * n0;
  const m2 = n2 - d2 * n0;
  const m3 = n3 - d3 * n0;
  const m4 = -d4 * n0;
  const snAll = n0 + n1 + n2 + n3;
  const smAll = m1 + m2 + m3 + m4;
  const sdAll = 1.0 + d1 + d2 + d3 + d4;
  return {
    n0,
    n1,
    n2,
    n3,
    d1,
    d2,
    d3,
    d4,
    m1,
    m2,
    m3,
    m4,
    bn1: (d1 * snAll) / sdAll,
    bn2: (d2 * snAll) / sdAll,
    bn3: (d3 * snAll) / sdAll,
    bn4: (d4 * snAll) / sdAll,
    bm1: (d1 * smAll) / sdAll,
    bm2: (d2 * smAll) / sdAll,
    bm3: (d3 * smAll) / sdAll,
    bm4: (d4 * smAll) / sdAll,
  };
}

/**
 * Filters one line (length ln >= 4) in place of `outs`: causal pass into `outs`, anti-causal pass into
 * `scratch`, then outs += scratch (ITK RecursiveSeparableImageFilter::FilterDataArray, same operation order).
 */
export function filterLine(
  outs: Float64Array,
  data: Float64Array,
  scratch: Float64Array,
  ln: number,
  c: RecursiveGaussianCoefficients,
): void {
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4 } = c;
  const v1 = data[0];
  outs[0] = v1 * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  outs[1] = data[1] * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  outs[2] = data[2] * n0 + data[1] * n1 + v1 * n2 + v1 * n3;
  outs[3] = data[3] * n0 + data[2] * n1 + data[1] * n2 + v1 * n3;
  outs[0] -= v1 * c.bn1 + v1 * c.bn2 + v1 * c.bn3 + v1 * c.bn4;
  outs[1] -= outs[0] * d1 + v1 * c.bn2 + v1 * c.bn3 + v1 * c.bn4;
  outs[2] -= outs[1] * d1 + outs[0] * d2 + v1 * c.bn3 + v1 * c.bn4;
  outs[3] -= outs[2] * d1 + outs[1] * d2 + outs[0] * d3 + v1 * c.bn4;
  for (let i = 4; i < ln; i++) {
    outs[i] = data[i] * n0 + data[i - 1] * n1 + data[i - 2] * n2 + data[i - 3] * n3;
    outs[i] -= outs[i - 1] * d1 + outs[i - 2] * d2 + outs[i - 3] * d3 + outs[i - 4] * d4;
  }
  const v2 = data[ln - 1];
  const s = scratch;
  s[ln - 1] = v2 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 2] = data[ln - 1] * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 3] = data[ln - 2] * m1 + data[ln - 1] * m2 + v2 * m3 + v2 * m4;
  s[ln - 4] = data[ln - 3] * m1 + data[ln - 2] * m2 + data[ln - 1] * m3 + v2 * m4;
  s[ln - 1] -= v2 * c.bm1 + v2 * c.bm2 + v2 * c.bm3 + v2 * c.bm4;
  s[ln - 2] -= s[ln - 1] * d1 + v2 * c.bm2 + v2 * c.bm3 + v2 * c.bm4;
  s[ln - 3] -= s[ln - 2] * d1 + s[ln - 1] * d2 + v2 * c.bm3 + v2 * c.bm4;
  s[ln - 4] -= s[ln - 3] * d1 + s[ln - 2] * d2 + s[ln - 1] * d3 + v2 * c.bm4;
  for (let i = ln - 4; i > 0; i--) {
    s[i - 1] = data[i] * m1 + data[i + 1] * m2 + data[i + 2] * m3 + data[i + 3] * m4;
    s[i - 1] -= s[i] * d1 + s[i + 1] * d2 + s[i + 2] * d3 + s[i + 3] * d4;
  }
  for (let i = 0; i < ln; i++) outs[i] += s[i];
}
