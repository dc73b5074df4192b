/**
 * Seeded stratified k-fold assignment: each class's rows are shuffled (Fisher-Yates with the given
 * generator) and dealt to the folds in turn, so every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of class c
 * (as sklearn `StratifiedKFold(shuffle=True)` balances them).
 */
import { StatsInputError } from '../../errors.ts';
import type { Rng } from '../../stats/random.ts';

/** Fold index (0..k-1) of each row. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, rng: Rng): Int32Array {
  if (!Number.isInteger(k) || k < 2 || k > y.length) {
    throw new StatsInputError(
      'invalid-value',
      `k-fold cross-validation needs an integer k in 2..${y.length}, got ${k}`,
    );
  }
  const fold = new Int32Array(y.length);
  let offset = 0;
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    rows.forEach((r, i) => {
      fold[r] = (offset + i) % k;
    });
    offset += rows.length;
  }
  return fold;
}

/** Rows of `x` (and outcomes) inside or outside fold `f`. */
export function splitFold<T>(items: readonly T[], fold: Int32Array, f: number, inside: boolean): T[] {
  return items.filter((_, i) => (fold[i] === f) === inside);
}
