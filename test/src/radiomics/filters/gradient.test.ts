import { describe, it } from 'node:test';
import { gradientMagnitude } from '../../../../src/radiomics/filters/gradient.ts';
import { assertClose } from '../../../support/tolerance.ts';
import type { IndexXYZ, Vec3 } from '../../../../src/volume/types.ts';

/** f = a x + b y + c z in voxel indices. */
function ramp(size: IndexXYZ, a: number, b: number, c: number): Float64Array {
  const out = new Float64Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) out[i] = a * x + b * y + c * z;
  return out;
}

const SIZE: IndexXYZ = [7, 6, 5];
const SPACING: Vec3 = [0.5, 2, 4];
const TOL = { rel: 1e-12, abs: 1e-12 };

describe('gradientMagnitude', () => {
  it('equals the slope per mm of a linear ramp inside the image when spacing is used', () => {
    const g = gradientMagnitude(ramp(SIZE, 3, -2, 8), SIZE, SPACING, true, { float32: false });
    const expected = Math.hypot(3 / 0.5, -2 / 2, 8 / 4);
    assertClose(g[3 + 7 * (2 + 6 * 2)], expected, TOL, 'interior |grad|');
  });

  it('equals the slope per voxel of a linear ramp when spacing is not used', () => {
    const g = gradientMagnitude(ramp(SIZE, 3, -2, 8), SIZE, SPACING, false, { float32: false });
    assertClose(g[3 + 7 * (2 + 6 * 2)], Math.hypot(3, -2, 8), TOL, 'interior |grad|');
  });

  it("halves the border axis' difference as ITK's zero-flux Neumann boundary does", () => {
    const g = gradientMagnitude(ramp(SIZE, 3, -2, 8), SIZE, SPACING, true, { float32: false });
    // x = 0: (f[1] - f[0]) / (2 * 0.5) = 3 instead of 6.
    assertClose(g[0 + 7 * (2 + 6 * 2)], Math.hypot(3, -1, 2), TOL, '|grad| at x = 0');
  });

  it('rounds to float32 by default, as SimpleITK returns a float32 image', () => {
    const g = gradientMagnitude(ramp(SIZE, 1, 1, 1), SIZE, [1, 1, 1], true);
    assertClose(g[3 + 7 * (2 + 6 * 2)], Math.fround(Math.sqrt(3)), { rel: 0, abs: 0 }, 'float32 |grad|');
  });
});
