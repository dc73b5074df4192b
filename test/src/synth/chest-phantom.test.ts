import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { SettingsError } from '../../../src/errors.ts';

// Small phantoms (256x256 at 1.4 mm: the same field of view as 512x512 at 0.7 mm) keep these tests fast.
const SMALL = { size: [256, 256] as const, pixelMm: 1.4 };

function meanWhere(data: ArrayLike<number>, mask: Uint8Array, label: number): { n: number; mean: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] !== label) continue;
    n++;
    sum += data[i];
  }
  return { n, mean: sum / n };
}

describe('makeChestPhantom', () => {
  it('is identical for the same seed and differs for another seed', () => {
    const a = makeChestPhantom({ ...SMALL, seed: 11 });
    const b = makeChestPhantom({ ...SMALL, seed: 11 });
    const c = makeChestPhantom({ ...SMALL, seed: 12 });
    assert.deepEqual(a.image.data, b.image.data);
    assert.deepEqual(a.levels.data, b.levels.data);
    assert.notDeepEqual(a.truth.levels, c.truth.levels);
  });

  it('covers C7..L2 by default with 5 mm slices, integer HU and labelled vertebral bodies', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 21 });
    const names = p.truth.levels.map((l) => l.label);
    assert.deepEqual(names, ['C7', ...Array.from({ length: 12 }, (_, i) => `T${i + 1}`), 'L1', 'L2']);
    assert.equal(p.image.grid.spacingMm[2], 5);
    assert.ok(Array.prototype.every.call(p.image.data, (v: number) => Number.isInteger(v)));
    const present = new Set(p.levels.data);
    for (let label = 7; label <= 21; label++) assert.ok(present.has(label), `label ${label}`);
    assert.ok(p.image.data[0] < -900, 'corner is air');
  });

  it('gives the T6 marrow a mean in 150..300 HU that rises with marrowFactor, inside T6', () => {
    const low = makeChestPhantom({ ...SMALL, seed: 31, marrowFactor: -1.5 });
    const high = makeChestPhantom({ ...SMALL, seed: 31, marrowFactor: 1.5 });
    const mLow = meanWhere(low.image.data, low.marrow.data, 1);
    const mHigh = meanWhere(high.image.data, high.marrow.data, 1);
    assert.ok(mLow.n > 500, `marrow voxels ${mLow.n}`);
    assert.ok(
      mLow.mean > 150 && mLow.mean < 300 && mHigh.mean > 150 && mHigh.mean < 320,
      `${mLow.mean} ${mHigh.mean}`,
    );
    assert.ok(mHigh.mean > mLow.mean + 50);
    for (let i = 0; i < low.marrow.data.length; i++)
      if (low.marrow.data[i] === 1) assert.equal(low.levels.data[i], 13);
  });

  it('has cortex at 700..1000 HU and discs near 80 HU', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 41, noiseHu: 0 });
    let cortex = 0;
    for (let i = 0; i < p.levels.data.length; i++) {
      if (p.levels.data[i] !== 0 && p.image.data[i] >= 700 && p.image.data[i] <= 1000) cortex++;
    }
    assert.ok(cortex > 1000, `cortex voxels ${cortex}`);
    assert.ok(Array.prototype.includes.call(p.image.data, 80), 'disc value present');
  });

  it('honours the slice thickness and the coverage', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 51, sliceMm: 3, firstLevel: 'T3', lastLevel: 'T10' });
    assert.equal(p.image.grid.spacingMm[2], 3);
    assert.deepEqual(
      p.truth.levels.map((l) => l.label),
      ['T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10'],
    );
  });

  it('wedges and densifies T6 when fracturedT6 is set', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 61, fracturedT6: true });
    const ok = makeChestPhantom({ ...SMALL, seed: 61 });
    assert.ok(meanWhere(p.image.data, p.marrow.data, 1).mean > 550);
    const count = (d: Uint8Array): number => d.reduce((n, v) => n + (v === 13 ? 1 : 0), 0);
    assert.ok(count(p.levels.data) < 0.85 * count(ok.levels.data));
    assert.equal(p.truth.fracturedLevel, 'T6');
  });

  it('rejects an unknown coverage level with SettingsError', () => {
    assert.throws(() => makeChestPhantom({ ...SMALL, firstLevel: 'T13' }), SettingsError);
    assert.throws(() => makeChestPhantom({ ...SMALL, firstLevel: 'L1', lastLevel: 'T2' }), SettingsError);
  });
});
