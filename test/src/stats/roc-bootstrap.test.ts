import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aucBootstrapCi } from '../../../src/stats/roc-bootstrap.ts';
import { aucDeLong } from '../../../src/stats/roc.ts';
import { createRng } from '../../../src/stats/random.ts';
import { StatsInputError } from '../../../src/errors.ts';

function sample(seed: number, n: number): { y: Float64Array; s: Float64Array } {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3 === 0 ? 1 : 0;
    s[i] = rng.normal() + (y[i] === 1 ? 1.2 : 0);
  }
  return { y, s };
}

describe('aucBootstrapCi', () => {
  it('is reproducible for a seed and brackets the AUC', () => {
    const { y, s } = sample(1, 120);
    const a = aucBootstrapCi(y, s, createRng(9).next, { replicates: 500 });
    const b = aucBootstrapCi(y, s, createRng(9).next, { replicates: 500 });
    assert.deepEqual(a, b);
    assert.ok(a.lower < a.auc && a.auc < a.upper, JSON.stringify(a));
  });

  it('agrees with the DeLong interval within 0.03 on a sample of 600', () => {
    const { y, s } = sample(2, 600);
    const boot = aucBootstrapCi(y, s, createRng(3).next, { replicates: 1000 });
    const delong = aucDeLong(y, s);
    assert.ok(Math.abs(boot.lower - delong.lower) < 0.03, `${boot.lower} vs ${delong.lower}`);
    assert.ok(Math.abs(boot.upper - delong.upper) < 0.03, `${boot.upper} vs ${delong.upper}`);
  });

  it('throws StatsInputError for too few replicates or one class only', () => {
    const { y, s } = sample(1, 30);
    assert.throws(() => aucBootstrapCi(y, s, Math.random, { replicates: 5 }), StatsInputError);
    assert.throws(() => aucBootstrapCi(new Float64Array(30), s, Math.random), StatsInputError);
  });
});
