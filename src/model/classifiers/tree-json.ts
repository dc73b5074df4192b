/**
 * Validation of serialised trees ({@link TreeJson}) read back from a model file.
 */
import { StatsInputError } from '../../errors.ts';
import { readObject } from './checks.ts';
import type { TreeJson } from './regression-tree.ts';

function readArray(obj: Record<string, unknown>, key: string, field: string): number[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((e): e is number => typeof e === 'number' && Number.isFinite(e))) {
    throw new StatsInputError('invalid-value', `${field}.${key} must be an array of finite numbers`);
  }
  return v;
}

/** Reads and checks one tree: equal-length arrays, child indices inside the tree. */
function readTree(json: unknown, field: string): TreeJson {
  const o = readObject(json, field);
  const tree = {
    feature: readArray(o, 'feature', field),
    threshold: readArray(o, 'threshold', field),
    left: readArray(o, 'left', field),
    right: readArray(o, 'right', field),
    value: readArray(o, 'value', field),
  };
  const n = tree.feature.length;
  const ok =
    n > 0 &&
    [tree.threshold, tree.left, tree.right, tree.value].every((a) => a.length === n) &&
    tree.feature.every(
      (f, k) => f < 0 || (tree.left[k] > k && tree.left[k] < n && tree.right[k] > k && tree.right[k] < n),
    );
  if (!ok) throw new StatsInputError('invalid-value', `${field} is not a well-formed tree`);
  return tree;
}

/** Reads an array of trees at `obj[key]`. */
export function readTrees(obj: Record<string, unknown>, key: string, field: string): TreeJson[] {
  const v = obj[key];
  if (!Array.isArray(v) || v.length === 0) {
    throw new StatsInputError('invalid-value', `${field}.${key} must be a non-empty array of trees`);
  }
  return v.map((t, i) => readTree(t, `${field}.${key}[${i}]`));
}
