/**
 * Binary regression trees on a real target, grown depth-first, stored as flat arrays. Used by extra trees
 * (0/1 target, random thresholds: for a binary target the squared-error reduction is half the Gini
 * impurity reduction, so the split ranking equals sklearn's `criterion='gini'`) and by gradient boosting
 * (residual target, best thresholds, leaf values replaced by a Newton step).
 *
 * Split score: the squared-error reduction S_L²/n_L + S_R²/n_R - S²/n (S = sum of the target), which ranks
 * splits as sklearn's `friedman_mse` improvement n_L n_R/n (ȳ_L - ȳ_R)² does for unit weights.
 * `best`: every midpoint between consecutive distinct values. `random`: one threshold uniform in
 * (min, max) of the feature in the node (Geurts, Ernst & Wehenkel, Machine Learning 63:3, 2006).
 * Candidate features: a seeded random permutation, evaluated until `maxFeatures` non-constant ones were
 * tried (sklearn's rule). Source: Breiman et al., Classification and Regression Trees (1984) ch. 8.
 */
import type { Rng } from '../../stats/random.ts';

/** How a tree is grown. */
export interface TreeOptions {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Number of non-constant candidate features per split. */
  readonly maxFeatures: number;
  readonly splitter: 'best' | 'random';
}

/** A fitted tree: node k is a leaf when `feature[k] < 0`; else go left when x[feature] <= threshold. */
export interface TreeJson {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

interface Split {
  feature: number;
  threshold: number;
  score: number;
}

/** Row indices of a node sorted by one feature's values. */
function sortedRows(rows: Int32Array, col: Float64Array): Int32Array {
  return Int32Array.from(rows).sort((a, b) => col[a] - col[b] || a - b);
}

function bestThreshold(
  rows: Int32Array,
  col: Float64Array,
  target: Float64Array,
  minLeaf: number,
): Split | null {
  const order = sortedRows(rows, col);
  const n = order.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += target[order[i]];
  let sumLeft = 0;
  let best: Split | null = null;
  for (let i = 0; i < n - 1; i++) {
    sumLeft += target[order[i]];
    const nl = i + 1;
    const a = col[order[i]];
    const b = col[order[i + 1]];
    if (a === b || nl < minLeaf || n - nl < minLeaf) continue;
    const sumRight = total - sumLeft;
    const score = (sumLeft * sumLeft) / nl + (sumRight * sumRight) / (n - nl) - (total * total) / n;
    if (best === null || score > best.score) best = { feature: -1, threshold: a + (b - a) / 2, score };
  }
  return best;
}

function randomThreshold(
  rows: Int32Array,
  col: Float64Array,
  target: Float64Array,
  minLeaf: number,
  rng: Rng,
): Split | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, col[r]);
    hi = Math.max(hi, col[r]);
  }
  let threshold = lo + rng.next() * (hi - lo);
  if (threshold >= hi) threshold = lo;
  let nl = 0;
  let sumLeft = 0;
  let total = 0;
  for (const r of rows) {
    total += target[r];
    if (col[r] <= threshold) {
      nl++;
      sumLeft += target[r];
    }
  }
  const n = rows.length;
  if (nl < minLeaf || n - nl < minLeaf) return null;
  const sumRight = total - sumLeft;
  const score = (sumLeft * sumLeft) / nl + (sumRight * sumRight) / (n - nl) - (total * total) / n;
  return { feature: -1, threshold, score };
}

function isConstantIn(rows: Int32Array, values: Float64Array): boolean {
  for (let i = 1; i < rows.length; i++) if (values[rows[i]] !== values[rows[0]]) return false;
  return true;
}

/**
 * Grows one tree on the rows `rows` of column-major features `columns` and `target`. `leafValue` gives a
 * leaf's value from its rows (default: the mean target). Deterministic for a given `rng` state.
 */
export function growTree(
  columns: readonly Float64Array[],
  target: Float64Array,
  rows: Int32Array,
  options: TreeOptions,
  rng: Rng,
  leafValue: (rows: Int32Array) => number = (r) => r.reduce((s, i) => s + target[i], 0) / r.length,
): TreeJson {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const p = columns.length;
  const order = Int32Array.from({ length: p }, (_, j) => j);

  const build = (nodeRows: Int32Array, depth: number): number => {
    const k = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(leafValue(nodeRows));
    if (
      depth >= options.maxDepth ||
      nodeRows.length < options.minSamplesSplit ||
      nodeRows.length < 2 * options.minSamplesLeaf ||
      isConstantIn(nodeRows, target)
    ) {
      return k;
    }
    let best: Split | null = null;
    let tried = 0;
    for (let i = 0; i < p && tried < options.maxFeatures; i++) {
      const swap = i + Math.floor(rng.next() * (p - i));
      const f = order[swap];
      order[swap] = order[i];
      order[i] = f;
      if (isConstantIn(nodeRows, columns[f])) continue;
      tried++;
      const split =
        options.splitter === 'best'
          ? bestThreshold(nodeRows, columns[f], target, options.minSamplesLeaf)
          : randomThreshold(nodeRows, columns[f], target, options.minSamplesLeaf, rng);
      if (split !== null && (best === null || split.score > best.score)) best = { ...split, feature: f };
    }
    if (best === null) return k;
    const col = columns[best.feature];
    const t = best.threshold;
    const leftRows = nodeRows.filter((r) => col[r] <= t);
    const rightRows = nodeRows.filter((r) => col[r] > t);
    feature[k] = best.feature;
    threshold[k] = t;
    left[k] = build(leftRows, depth + 1);
    right[k] = build(rightRows, depth + 1);
    return k;
  };
  build(rows, 0);
  return { feature, threshold, left, right, value };
}

/** The value of the leaf that row `x` falls into. */
export function predictTree(tree: TreeJson, x: ArrayLike<number>): number {
  let k = 0;
  while (tree.feature[k] >= 0) k = x[tree.feature[k]] <= tree.threshold[k] ? tree.left[k] : tree.right[k];
  return tree.value[k];
}

/** Column-major copy of rows. */
export function toColumns(x: readonly ArrayLike<number>[], p: number): Float64Array[] {
  return Array.from({ length: p }, (_, j) => Float64Array.from(x, (row) => row[j]));
}
