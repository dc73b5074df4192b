import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resampleImageAndMask, resampleVolume, resamplingGrid } from '../../../src/volume/resample.ts';
import { indexToLps, lpsToIndex, makeGrid } from '../../../src/volume/grid.ts';
import type { Grid, Mask, Volume } from '../../../src/volume/types.ts';
import { UnsupportedError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { seededArray } from '../../support/random.ts';

// Checked against ITK 5.2's ResampleImageFilter (identity transform, default value 0) with the grids built here:
// 0.7x0.7x2.5 -> 2 mm and 1 -> 2 mm (linear and nearest), 0.9x0.9x3 -> 0.5 mm (nearest): identical values and
// identical nearest-neighbour masks, including samples exactly on voxel borders and on the buffer's edge.

const GRID: Grid = makeGrid([20, 18, 10], [0.7, 0.8, 2.5], [-50.2, 31.7, 12.5]);
const N = 20 * 18 * 10;

function boxMask(grid: Grid): Mask {
  const data = new Uint8Array(N);
  for (let z = 3; z < 7; z++)
    for (let y = 5; y < 12; y++) for (let x = 6; x < 14; x++) data[x + 20 * (y + 18 * z)] = 1;
  return { grid, data };
}

/** f = 2 X - 3 Y + 0.5 Z at the voxel's LPS position (mm). */
function rampAt(p: readonly number[]): number {
  return 2 * p[0] - 3 * p[1] + 0.5 * p[2];
}

function rampVolume(grid: Grid): Volume {
  const data = new Float64Array(N);
  for (let z = 0, i = 0; z < 10; z++)
    for (let y = 0; y < 18; y++)
      for (let x = 0; x < 20; x++, i++) data[i] = rampAt(indexToLps(grid, [x, y, z]));
  return { grid, data };
}

const SETTINGS = { resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkLinear', padDistance: 5, label: 1 };

describe('resamplingGrid', () => {
  it('aligns the new grid to the corner of the first voxel (origin index 0.5 (new - old) / old + lo / r)', () => {
    const g = resamplingGrid(rampVolume(GRID), boxMask(GRID), SETTINGS);
    assert.ok(g);
    assert.deepEqual(g.spacingMm, [1, 1, 1]);
    const c = lpsToIndex(GRID, g.originLpsMm);
    // x: lo = floor((6 - 0.5) * 0.7 - 5) = -1 -> 0; origin index = 0.5 * 0.3 / 0.7.
    assertClose(c[0], (0.5 * 0.3) / 0.7, { rel: 0, abs: 1e-12 }, 'origin x index');
    // z: r = 2.5, lo = floor((3 - 0.5) * 2.5 - 5) = 1 -> origin index 0.5 * (1 - 2.5) / 2.5 + 1 / 2.5.
    assertClose(c[2], (0.5 * -1.5) / 2.5 + 0.4, { rel: 0, abs: 1e-12 }, 'origin z index');
  });

  it('returns null when the spacing is unchanged (PyRadiomics only crops)', () => {
    assert.equal(
      resamplingGrid(rampVolume(GRID), boxMask(GRID), { ...SETTINGS, resampledPixelSpacing: [0.7, 0.8, 0] }),
      null,
    );
  });
});

describe('resampleImageAndMask', () => {
  it('is the identity crop (bounding box + padDistance) when the spacing is unchanged', () => {
    const image = { grid: GRID, data: seededArray(N, 4) };
    const r = resampleImageAndMask(image, boxMask(GRID), { ...SETTINGS, resampledPixelSpacing: [0, 0, 0] });
    assert.deepEqual(r.image.grid.size, [18, 17, 10]); // x 1..18, y 0..16, z 0..9
    for (let z = 0, i = 0; z < 10; z++)
      for (let y = 0; y < 17; y++)
        for (let x = 0; x < 18; x++, i++)
          assert.equal(r.image.data[i], image.data[x + 1 + 20 * (y + 18 * z)]);
    assert.equal(
      r.mask.data.reduce((s, v) => s + v, 0),
      8 * 7 * 4,
    );
  });

  it('interpolates a linear ramp exactly with sitkLinear', () => {
    const r = resampleImageAndMask(rampVolume(GRID), boxMask(GRID), SETTINGS);
    const g = r.image.grid;
    let checked = 0;
    for (let z = 0, i = 0; z < g.size[2]; z++)
      for (let y = 0; y < g.size[1]; y++)
        for (let x = 0; x < g.size[0]; x++, i++) {
          const p = indexToLps(g, [x, y, z]);
          const c = lpsToIndex(GRID, p);
          if (c.every((v, a) => v >= 0 && v <= GRID.size[a] - 1)) {
            assertClose(r.image.data[i], rampAt(p), { rel: 1e-12, abs: 1e-9 }, `voxel ${x},${y},${z}`);
            checked++;
          }
        }
    assert.ok(checked > 1000);
  });

  it('resamples the mask by nearest neighbour (2x upsampling: every voxel becomes 8)', () => {
    const grid = makeGrid([20, 18, 10], [1, 1, 1]);
    const r = resampleImageAndMask(rampVolume(grid), boxMask(grid), {
      ...SETTINGS,
      resampledPixelSpacing: [0.5, 0.5, 0.5],
    });
    assert.equal(
      r.mask.data.reduce((s, v) => s + v, 0),
      8 * 8 * 7 * 4,
    );
  });

  it('casts to an integer pixel type by truncation toward zero, as ITK does', () => {
    const grid = makeGrid([4, 4, 4], [1, 1, 1]);
    const v = resampleVolume(
      { grid, data: Float64Array.from({ length: 64 }, (_, i) => (i % 4) * 0.9 - 1.2) },
      makeGrid([2, 1, 1], [1, 1, 1], [0.5, 0, 0]),
      'sitkLinear',
      'int16',
    );
    // x = 0.5 between -1.2 and -0.3 -> -0.75 -> 0; x = 1.5 between -0.3 and 0.6 -> 0.15 -> 0.
    assert.deepEqual(Array.from(v.data), [0, 0]);
  });

  it('throws UnsupportedError for sitkBSpline and suggests sitkLinear', () => {
    assert.throws(
      () =>
        resampleImageAndMask(rampVolume(GRID), boxMask(GRID), { ...SETTINGS, interpolator: 'sitkBSpline' }),
      (e: unknown) => e instanceof UnsupportedError && /sitkLinear/.test(e.message),
    );
  });
});
