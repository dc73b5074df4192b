import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resampleImageAndMask, resampleVolume, resamplingGrid } from '../../../src/volume/resample.ts';
import { indexToLps, lpsToIndex, makeGrid } from '../../../src/volume/grid.ts';
import type { Direction3, Grid, Mask, Vec3, Volume } from '../../../src/volume/types.ts';
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

  it('throws UnsupportedError for an interpolator it does not implement and names the supported ones', () => {
    assert.throws(
      () =>
        resampleImageAndMask(rampVolume(GRID), boxMask(GRID), { ...SETTINGS, interpolator: 'sitkGaussian' }),
      (e: unknown) => e instanceof UnsupportedError && /sitkBSpline, sitkLinear/.test(e.message),
    );
  });

  it("casts to the volume's storedType by default (int16: truncation), and keeps float64 without one", () => {
    const grid = makeGrid([6, 6, 6], [1, 1, 1]);
    const data = Float32Array.from({ length: 216 }, (_, i) => (i % 6) * 3 + 1);
    const mask = { grid, data: Uint8Array.from({ length: 216 }, (_, i) => (i === 86 || i === 87 ? 1 : 0)) };
    const settings = { ...SETTINGS, resampledPixelSpacing: [0.5, 1, 1] };
    const stored = resampleImageAndMask({ grid, data, storedType: 'int16' }, mask, settings).image.data;
    const plain = resampleImageAndMask({ grid, data: Float64Array.from(data) }, mask, settings).image.data;
    assert.ok(plain.some((v) => !Number.isInteger(v)));
    assert.deepEqual(
      Array.from(stored),
      Array.from(plain, (v) => Math.trunc(v)),
    );
  });
});

/** A cubic polynomial in voxel units: f = 0.02 x^3 - 0.3 x^2 y + 1.5 y z - 0.07 z^3 + 4 x - 11. */
function cubicAt(x: number, y: number, z: number): number {
  return 0.02 * x ** 3 - 0.3 * x * x * y + 1.5 * y * z - 0.07 * z ** 3 + 4 * x - 11;
}

/** Every sample of `out` with its continuous index in `input`'s voxel space. */
function eachSample(input: Grid, out: Grid, visit: (c: Vec3, i: number) => void): void {
  for (let z = 0, i = 0; z < out.size[2]; z++)
    for (let y = 0; y < out.size[1]; y++)
      for (let x = 0; x < out.size[0]; x++, i++) visit(lpsToIndex(input, indexToLps(out, [x, y, z])), i);
}

describe('resampleVolume', () => {
  it('reproduces a cubic polynomial with sitkBSpline when 16+ voxels from every border', () => {
    const n = 40;
    const grid = makeGrid([n, n, n], [1.2, 0.8, 2]);
    const data = new Float64Array(n ** 3);
    for (let z = 0, i = 0; z < n; z++)
      for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) data[i] = cubicAt(x, y, z);
    const out = makeGrid([7, 9, 5], [0.61, 0.37, 0.9], indexToLps(grid, [16.3, 16.1, 16.7]));
    const v = resampleVolume({ grid, data }, out, 'sitkBSpline', 'float64');
    eachSample(grid, out, (c, i) =>
      assertClose(v.data[i], cubicAt(c[0], c[1], c[2]), { rel: 1e-9, abs: 1e-9 }, `sample at ${c.join(',')}`),
    );
  });

  it("keeps a constant with sitkBSpline up to the border (to the prefilter start's 1e-10) and gives 0 outside", () => {
    const grid = makeGrid([25, 5, 1], [0.7, 1.1, 3]);
    const out = makeGrid([40, 9, 1], [0.5, 0.75, 3], indexToLps(grid, [-1, -1, 0]));
    const v = resampleVolume({ grid, data: new Float32Array(125).fill(-731) }, out, 'sitkBSpline', 'float64');
    let inside = 0;
    eachSample(grid, out, (c, i) => {
      if (c[0] >= -0.5 && c[0] < 24.5 && c[1] >= -0.5 && c[1] < 4.5) {
        assertClose(v.data[i], -731, { rel: 1e-9, abs: 0 }, `sample at ${c.join(',')}`);
        inside++;
      } else assert.equal(v.data[i], 0);
    });
    assert.ok(inside > 200 && inside < 360);
  });

  it('gives back the image with sitkBSpline when the grid is its own (the spline interpolates)', () => {
    // Values in [-1000, 1000); the truncated prefilter start (tolerance 1e-10) leaves ~1e-7 near the x = 0 border.
    const data = seededArray(N, 9);
    const v = resampleVolume({ grid: GRID, data }, GRID, 'sitkBSpline', 'float64');
    for (let i = 0; i < N; i++) assertClose(v.data[i], data[i], { rel: 0, abs: 1e-6 }, `voxel ${i}`);
  });

  // ITK 5.2: ResampleImageFilter<Image<short, 3>, Image<double, 3>> with BSplineInterpolateImageFunction<Image<short,
  // 3>, double> (spline order 3), identity transform, default value 0, on the input and output grids below; the
  // values are the doubles ITK returned, printed at round-trip precision. Samples 0, 5, 10, 15 are outside in x.
  const ITK_BSPLINE = [
    0, -96.55466926668059, -192.83311396226912, 151.03480230521214, 8.981318841581835, 0, 219.67516217553845,
    110.66731462380136, -22.00391027773965, -56.18272464139302, 0, -78.40898186444319, -173.7210764624469,
    136.85789192562152, 24.16701527819639, 0, 213.97321325234967, 100.4473052089279, -26.19193043286159,
    -53.89050340753757,
  ];

  it("equals ITK's sitkBSpline values bit for bit when samples sit at the borders of a flipped-y grid", () => {
    const flipY: Direction3 = [1, 0, 0, 0, -1, 0, 0, 0, 1];
    const grid = makeGrid([7, 6, 5], [1.1, 0.9, 2.5], [-3, 2, 1], flipY);
    const data = new Float32Array(7 * 6 * 5);
    for (let z = 0, i = 0; z < 5; z++)
      for (let y = 0; y < 6; y++)
        for (let x = 0; x < 7; x++, i++) data[i] = ((7 * x + 13 * y + 29 * z) % 17) * 37 - 300;
    const out = makeGrid([5, 2, 2], [1.9, 1.3, 1.7], [-3.6, 1.1, 0.2], flipY);
    assert.deepEqual(
      Array.from(resampleVolume({ grid, data }, out, 'sitkBSpline', 'float64').data),
      ITK_BSPLINE,
    );
    assert.deepEqual(
      Array.from(resampleVolume({ grid, data }, out, 'sitkBSpline', 'int16').data),
      ITK_BSPLINE.map((v) => Math.trunc(v) + 0),
    );
  });

  it('throws UnsupportedError for sitkBSpline when an axis has 2 voxels (the mirror leaves the image)', () => {
    const grid = makeGrid([5, 2, 4]);
    assert.throws(
      () => resampleVolume({ grid, data: new Float64Array(40) }, grid, 'sitkBSpline', 'float64'),
      (e: unknown) => e instanceof UnsupportedError && /5 x 2 x 4/.test(e.message),
    );
  });
});
