/**
 * mRMR on mutual information as in Peng, Long & Ding (2005) and their `mrmr` program (the engine inside
 * `pymrmr`): MID (difference) and MIQ (quotient) on discretised features.
 */
import { StatsInputError } from '../errors.ts';
import { assertFiniteValues } from '../stats/validate.ts';
import { assertNumericTable } from './selection.ts';
import type { MrmrResult } from './selection.ts';
import type { ColumnTable } from './table.ts';

/** Options of {@link mrmrMutualInformation}. */
export interface MrmrMiOptions {
  /** 'MIQ' (quotient, default) or 'MID' (difference). */
  readonly scheme?: 'MIQ' | 'MID';
  /** Discretisation threshold t in SD units (default 1: three states at mean ± 1 SD, as Peng et al.). */
  readonly threshold?: number;
  /** Candidate pool: the top features by relevance (default 500, as the `mrmr` program). */
  readonly poolSize?: number;
}

/**
 * Peng's discretisation (`mrmr -t t`): z = (x - x̄)/s with s the SD with denominator n - 1, state +1 if
 * z > t, -1 if z < -t, 0 otherwise (t = 0 binarises around the mean). A constant column is all 0.
 * Source: Peng et al., IEEE TPAMI 27:1226 (2005) §4.1; the `mrmr` program's `-t` option.
 */
export function discretiseBySd(x: ArrayLike<number>, threshold = 1): Int8Array {
  if (!(threshold >= 0) || !Number.isFinite(threshold)) {
    throw new StatsInputError(
      'invalid-value',
      `the discretisation threshold must be a finite number >= 0, got ${threshold}`,
    );
  }
  assertFiniteValues(x, 'x');
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return Int8Array.from({ length: n }, (_, i) => {
    if (!(sd > 0)) return 0;
    const z = (x[i] - mean) / sd;
    return z > threshold ? 1 : z < -threshold ? -1 : 0;
  });
}

/** Integer codes 0..k-1 for the distinct values of a discrete vector (by first appearance). */
function codes(x: ArrayLike<number>): { code: Int32Array; levels: number } {
  const ids = new Map<number, number>();
  const code = Int32Array.from({ length: x.length }, (_, i) => {
    let c = ids.get(x[i]);
    if (c === undefined) ids.set(x[i], (c = ids.size));
    return c;
  });
  return { code, levels: ids.size };
}

/**
 * Mutual information of two discrete vectors in bits from their joint relative frequencies:
 * I(a; b) = Σ_{u,v} p(u,v) log₂[p(u,v) / (p(u) p(v))], empty cells contributing 0.
 * Source: Cover & Thomas, Elements of Information Theory, eq. 2.28; Peng et al. (2005) eq. 1.
 */
export function mutualInformation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) {
    throw new StatsInputError(
      'length-mismatch',
      `mutual information needs two non-empty vectors of one length, got ${a.length} and ${b.length}`,
    );
  }
  const ca = codes(a);
  const cb = codes(b);
  const n = a.length;
  const joint = new Float64Array(ca.levels * cb.levels);
  const pa = new Float64Array(ca.levels);
  const pb = new Float64Array(cb.levels);
  for (let i = 0; i < n; i++) {
    joint[ca.code[i] * cb.levels + cb.code[i]]++;
    pa[ca.code[i]]++;
    pb[cb.code[i]]++;
  }
  let mi = 0;
  for (let u = 0; u < ca.levels; u++) {
    for (let v = 0; v < cb.levels; v++) {
      const c = joint[u * cb.levels + v];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (pa[u] * pb[v]));
    }
  }
  return mi / Math.LN2;
}

/**
 * mRMR with mutual information (Peng et al. 2005, the `mrmr` program): every column is discretised with
 * {@link discretiseBySd}; relevance I(f; y) ({@link mutualInformation}, y's classes as given). The candidate
 * pool is the top `poolSize` columns by relevance (a **stable** sort, ties in column order; the original
 * program's sort is unstable, so its tie order is undefined). The first pick is the pool's head; then, with S
 * the selected set, MID = I(f; y) - mean_{s∈S} I(f; s) and MIQ = I(f; y) / (mean_{s∈S} I(f; s) + 0.0001),
 * maximised over the unselected pool with a strict `>` (ties to the earlier pool position).
 * K = min(K, pool size). Source: Peng, Long & Ding, IEEE TPAMI 27:1226 (2005) eqs. 6-9.
 */
export function mrmrMutualInformation(
  table: ColumnTable<number>,
  y: ArrayLike<number>,
  k: number,
  options: MrmrMiOptions = {},
): MrmrResult {
  const scheme = options.scheme ?? 'MIQ';
  const poolSize = options.poolSize ?? 500;
  if (!Number.isInteger(k) || k < 1 || !Number.isInteger(poolSize) || poolSize < 1) {
    throw new StatsInputError(
      'invalid-value',
      `K and poolSize must be integers >= 1, got ${k} and ${poolSize}`,
    );
  }
  const n = assertNumericTable(table);
  if (y.length !== n) throw new StatsInputError('length-mismatch', `y has ${y.length} values for ${n} rows`);
  assertFiniteValues(y, 'y');
  if (codes(y).levels < 2)
    throw new StatsInputError('one-class', 'y holds one class only; mRMR needs at least 2 classes');
  const states = table.columns.map((x) => discretiseBySd(x, options.threshold ?? 1));
  const relevance = Float64Array.from(states, (s) => mutualInformation(s, y));
  const pool = states
    .map((_, j) => j)
    .sort((a, b) => relevance[b] - relevance[a])
    .slice(0, poolSize);
  const steps = Math.min(k, pool.length);
  const redundancySum = new Float64Array(table.columns.length);
  const chosen = new Uint8Array(table.columns.length);
  const indices = [pool[0]];
  const scores = [relevance[pool[0]]];
  chosen[pool[0]] = 1;
  for (let step = 1; step < steps; step++) {
    const last = indices[step - 1];
    let best = -1;
    let bestScore = -Infinity;
    for (const j of pool) {
      if (chosen[j]) continue;
      redundancySum[j] += mutualInformation(states[j], states[last]);
      const redundancy = redundancySum[j] / step;
      const score = scheme === 'MID' ? relevance[j] - redundancy : relevance[j] / (redundancy + 0.0001);
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    indices.push(best);
    scores.push(bestScore);
    chosen[best] = 1;
  }
  return { selected: indices.map((j) => table.names[j]), indices, scores, relevance };
}
