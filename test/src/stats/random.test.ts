import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/stats/random.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.notDeepEqual(
      xs,
      Array.from({ length: 5 }, () => c.next()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  it('draws normals with mean near 0 and variance near 1', () => {
    const r = createRng(7);
    const n = 20000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      ss += v * v;
    }
    assert.ok(Math.abs(s / n) < 0.03, `mean ${s / n}`);
    assert.ok(Math.abs(ss / n - 1) < 0.05, `variance ${ss / n}`);
  });
});
