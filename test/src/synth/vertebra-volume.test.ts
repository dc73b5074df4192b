import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';

describe('makeVertebraVolume', () => {
  it('is identical for the same seed', () => {
    const a = makeVertebraVolume({ size: [96, 96, 10], seed: 5 });
    const b = makeVertebraVolume({ size: [96, 96, 10], seed: 5 });
    assert.deepEqual(a.image.data, b.image.data);
    assert.deepEqual(a.mask.data, b.mask.data);
  });

  it('puts a marrow ROI of about 830 voxels per slice over roiSlices slices, inside the cortex, with CT-like values', () => {
    const { image, mask } = makeVertebraVolume({ size: [128, 128, 12], seed: 2, roiSlices: 4 });
    let n = 0;
    let sum = 0;
    const slices = new Set<number>();
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] !== 1) continue;
      n++;
      sum += image.data[i];
      slices.add(Math.floor(i / (128 * 128)));
    }
    assert.equal(slices.size, 4);
    assert.ok(n > 4 * 750 && n < 4 * 900, `ROI voxels ${n}`);
    const mean = sum / n;
    assert.ok(mean > 100 && mean < 260, `marrow mean ${mean} HU`);
    assert.ok(image.data.every((v) => Number.isInteger(v)));
    assert.equal(image.data[0], image.data[0] < -900 ? image.data[0] : NaN, 'corner is air');
  });
});
