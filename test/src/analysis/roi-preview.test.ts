import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { roiPreview } from '../../../src/analysis/roi-preview.ts';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';

describe('roiPreview', () => {
  const { image, mask } = makeVertebraVolume({ size: [128, 128, 12], spacingMm: [0.8, 0.8, 2.5], seed: 3 });
  const [nx, ny] = image.grid.size;

  it("crops the ROI's largest slice to a square of at least 80 mm with the CT's HU and the ROI on the same pixels", () => {
    const p = roiPreview(image, mask);
    assert.ok(p !== undefined);
    const perSlice = Array.from({ length: image.grid.size[2] }, (_, z) =>
      mask.data.subarray(z * nx * ny, (z + 1) * nx * ny).reduce((s, v) => s + (v !== 0 ? 1 : 0), 0),
    );
    assert.equal(p.zIndex, perSlice.indexOf(Math.max(...perSlice)));
    assert.equal(
      p.mask.reduce((s, v) => s + v, 0),
      Math.max(...perSlice),
    );
    assert.equal(p.width, 100);
    assert.equal(p.height, 100);
    // Every preview pixel is the volume's voxel, rounded: find the crop's offset from one ROI pixel and check all.
    const first = p.mask.indexOf(1);
    const vx = mask.data.subarray(p.zIndex * nx * ny).findIndex((v) => v !== 0);
    const left = (vx % nx) - (first % p.width);
    const top = Math.floor(vx / nx) - Math.floor(first / p.width);
    for (let y = 0; y < p.height; y++)
      for (let x = 0; x < p.width; x++) {
        const hu: number = image.data[p.zIndex * nx * ny + (top + y) * nx + left + x];
        assert.equal(p.hu[y * p.width + x], Math.round(hu));
      }
  });

  it('gives nothing for an empty mask', () => {
    assert.equal(roiPreview(image, { grid: mask.grid, data: new Uint8Array(mask.data.length) }), undefined);
  });
});
