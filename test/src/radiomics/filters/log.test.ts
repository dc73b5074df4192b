import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isLogApplicable,
  laplacianOfGaussian,
  logImageName,
  logReachVoxels,
  pythonFloatString,
} from '../../../../src/radiomics/filters/log.ts';
import { assertClose } from '../../../support/tolerance.ts';
import { seededArray } from '../../../support/random.ts';
import type { IndexXYZ, Vec3 } from '../../../../src/volume/types.ts';

// Agreement with ITK: run against ITK 5.2's LaplacianRecursiveGaussianImageFilter<float, float> (the filter
// SimpleITK wraps) on random integer volumes (23x19x11 at 0.7/0.9/2.5 mm sigma 1; 30x25x12 at 1 mm sigma 2.5;
// 16x16x8 at 0.5/0.5/3 mm sigma 0.5; 40x36x20 at 0.8/0.8/1.5 mm sigma 5; 4x5x6 sigma 1), the float32 mode was
// bit-identical on every voxel (48,775 of 48,775), and the double mode within 1.2e-7 of max|LoG|. No ITK is
// available to the test suite, so the tests below check the defining properties instead.

const N: IndexXYZ = [31, 31, 31];

/** exp(-r^2 / (2 s0^2)) centred in the grid, r in mm. */
function gaussianBlob(size: IndexXYZ, spacing: Vec3, s0: number): Float64Array {
  const out = new Float64Array(size[0] * size[1] * size[2]);
  const c = size.map((n) => (n - 1) / 2);
  for (let z = 0, i = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++, i++) {
        const r2 =
          ((x - c[0]) * spacing[0]) ** 2 + ((y - c[1]) * spacing[1]) ** 2 + ((z - c[2]) * spacing[2]) ** 2;
        out[i] = Math.exp(-r2 / (2 * s0 * s0));
      }
  return out;
}

describe('laplacianOfGaussian', () => {
  it('returns 0 for a constant image', () => {
    const out = laplacianOfGaussian(new Float64Array(8 * 7 * 6).fill(421), [8, 7, 6], [0.7, 0.9, 2.5], 1.5, {
      float32: false,
    });
    for (const v of out) assertClose(v, 0, { rel: 0, abs: 1e-9 }, 'LoG of a constant');
  });

  it('has its negative minimum at the centre of a Gaussian blob, near the analytic value', () => {
    // G_s0 * G_sigma = (s0^2/s^2)^(3/2) G_s with s^2 = s0^2 + sigma^2; its Laplacian at r = 0 is -3/s^2 times that
    // amplitude, times sigma^2 for the scale normalisation.
    const spacing: Vec3 = [1, 1, 1];
    const s0 = 3;
    const sigma = 2;
    const out = laplacianOfGaussian(gaussianBlob(N, spacing, s0), N, spacing, sigma, { float32: false });
    const centre = 15 + 31 * (15 + 31 * 15);
    let argmin = 0;
    for (let i = 1; i < out.length; i++) if (out[i] < out[argmin]) argmin = i;
    assert.equal(argmin, centre);
    const s2 = s0 * s0 + sigma * sigma;
    const analytic = sigma * sigma * (-3 / s2) * ((s0 * s0) / s2) ** 1.5;
    // Deriche's 4th-order approximation plus sampling: a few percent.
    assertClose(out[centre], analytic, { rel: 0.03, abs: 0 }, 'LoG at the blob centre');
  });

  it('changes sign at the radius sqrt(3 (s0^2 + sigma^2)) of the smoothed blob', () => {
    const spacing: Vec3 = [1, 1, 1];
    const out = laplacianOfGaussian(gaussianBlob(N, spacing, 2.5), N, spacing, 1.5, { float32: false });
    const r0 = Math.sqrt(3 * (2.5 * 2.5 + 1.5 * 1.5)); // 5.05 voxels
    const along = (d: number): number => out[15 + d + 31 * (15 + 31 * 15)];
    assert.ok(along(Math.floor(r0) - 1) < 0, 'negative inside the zero crossing');
    assert.ok(along(Math.ceil(r0) + 1) > 0, 'positive outside the zero crossing');
  });

  it('uses sigma in mm on an anisotropic grid (the same blob sampled at 2 mm gives the same centre value)', () => {
    const fine = laplacianOfGaussian(gaussianBlob(N, [1, 1, 1], 3), N, [1, 1, 1], 2, { float32: false });
    const coarse = laplacianOfGaussian(gaussianBlob([31, 31, 17], [1, 1, 2], 3), [31, 31, 17], [1, 1, 2], 2, {
      float32: false,
    });
    assertClose(
      coarse[15 + 31 * (15 + 31 * 8)],
      fine[15 + 31 * (15 + 31 * 15)],
      { rel: 0.03, abs: 0 },
      'centre',
    );
  });

  it('rounds as SimpleITK (float32) within 1e-6 of the double-precision filter', () => {
    const size: IndexXYZ = [12, 10, 8];
    const x = seededArray(12 * 10 * 8, 9);
    const a = laplacianOfGaussian(x, size, [0.8, 0.8, 2], 1);
    const b = laplacianOfGaussian(x, size, [0.8, 0.8, 2], 1, { float32: false });
    let scale = 0;
    for (const v of b) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < a.length; i++) {
      assert.equal(a[i], Math.fround(a[i]));
      assertClose(a[i], b[i], { rel: 0, abs: 1e-6 * scale }, `voxel ${i}`);
    }
  });
});

describe('logImageName', () => {
  it("prints sigma as Python's str with '.' replaced by '-'", () => {
    assert.equal(logImageName(1), 'log-sigma-1-0-mm-3D');
    assert.equal(logImageName(0.5), 'log-sigma-0-5-mm-3D');
    assert.equal(logImageName(2.25), 'log-sigma-2-25-mm-3D');
  });
});

describe('pythonFloatString', () => {
  it("switches to Python's exponent format below 1e-4", () => {
    assert.equal(pythonFloatString(0.0001), '0.0001');
    assert.equal(pythonFloatString(0.00001), '1e-05');
  });
});

describe('isLogApplicable', () => {
  it('requires 4 voxels on every axis', () => {
    assert.equal(isLogApplicable([10, 10, 3], [1, 1, 1], 1), false);
    assert.equal(isLogApplicable([10, 10, 4], [1, 1, 1], 1), true);
  });

  it('skips a sigma when size < ceil(sigma / spacing) + 1 on an axis, or sigma <= 0', () => {
    assert.equal(isLogApplicable([10, 10, 5], [1, 1, 1], 4), true); // ceil(4) + 1 = 5
    assert.equal(isLogApplicable([10, 10, 5], [1, 1, 1], 4.5), false); // ceil(4.5) + 1 = 6
    assert.equal(isLogApplicable([10, 10, 5], [1, 1, 2], 8), true); // ceil(8/2) + 1 = 5
    assert.equal(isLogApplicable([10, 10, 5], [1, 1, 1], 0), false);
  });
});

describe('logReachVoxels', () => {
  it('is ceil(16 sigma / spacing) + 4', () => {
    assert.equal(logReachVoxels(1, 1), 20);
    assert.equal(logReachVoxels(3, 0.7), 73);
  });
});
