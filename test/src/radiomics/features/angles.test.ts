import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  angleLengthMm,
  generateAngles,
  linearOffset,
  roiBoxSize,
} from '../../../../src/radiomics/features/angles.ts';
import { MaskError, SettingsError } from '../../../../src/errors.ts';
import { roiFromSlices } from '../../../support/roi-builder.ts';

const mono = { bidirectional: false, force2D: false, force2Ddimension: 0 } as const;

/** Offsets as [dx, dy, dz] triples. */
function triples(offsets: Int32Array): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < offsets.length; k += 3) out.push([offsets[k], offsets[k + 1], offsets[k + 2]]);
  return out;
}

describe('generateAngles', () => {
  it('gives the 13 angles of 26-connectivity, first non-zero (z, y, x) offset positive, when 3D and distance 1', () => {
    const a = generateAngles([10, 10, 10], [1], mono);
    assert.equal(a.count, 13);
    const t = triples(a.offsets);
    assert.deepEqual(t[0], [1, 1, 1]);
    assert.deepEqual(t[12], [1, 0, 0]);
    for (const [dx, dy, dz] of t) assert.ok(dz > 0 || (dz === 0 && (dy > 0 || (dy === 0 && dx > 0))));
    assert.equal(new Set(t.map((v) => v.join())).size, 13);
  });

  it('gives 26 offsets when bidirectional', () => {
    const a = generateAngles([10, 10, 10], [1], { ...mono, bidirectional: true });
    assert.equal(a.count, 26);
    assert.deepEqual(triples(a.offsets)[25], [-1, -1, -1]);
  });

  it('keeps the 4 in-plane angles in PyRadiomics order when force2D drops z', () => {
    const a = generateAngles([10, 10, 10], [1], { ...mono, force2D: true, force2Ddimension: 0 });
    assert.deepEqual(triples(a.offsets), [
      [1, 1, 0],
      [0, 1, 0],
      [-1, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('drops the y axis when force2Ddimension is 1 and the x axis when it is 2', () => {
    for (const [dim, axis] of [
      [1, 1],
      [2, 0],
    ] as const) {
      const a = generateAngles([10, 10, 10], [1], { ...mono, force2D: true, force2Ddimension: dim });
      assert.equal(a.count, 4);
      for (const v of triples(a.offsets)) assert.equal(v[axis], 0);
    }
  });

  it('drops the angles that cannot fit when the box is 1 voxel thick', () => {
    const a = generateAngles([10, 10, 1], [1], mono);
    assert.equal(a.count, 4);
    for (const v of triples(a.offsets)) assert.equal(v[2], 0);
  });

  it('generates every angle of every distance, limited by the box size', () => {
    assert.equal(generateAngles([10, 10, 10], [1, 2], mono).count, 13 + 49);
    assert.equal(generateAngles([10, 10, 10], [2], mono).count, 49);
    // z size 2: offsets -1..1 in z; distance 2 needs |dx| or |dy| = 2: (5*5 - 3*3) * 3 / 2 = 24.
    assert.equal(generateAngles([10, 10, 2], [1, 2], mono).count, 13 + 24);
  });

  it('throws SettingsError for a distance that is not a positive integer', () => {
    for (const d of [[0], [1.5], []]) {
      assert.throws(
        () => generateAngles([5, 5, 5], d, mono),
        (e: unknown) => e instanceof SettingsError && /distances/.test(e.message),
      );
    }
  });

  it('throws MaskError when no neighbour direction fits in the box', () => {
    assert.throws(
      () => generateAngles([1, 1, 1], [1], mono),
      (e: unknown) => e instanceof MaskError && e.code === 'roi-dimensionality',
    );
  });
});

describe('angleLengthMm', () => {
  it('measures an offset in mm under each weighting norm', () => {
    const a = generateAngles([5, 5, 5], [1], mono);
    const spacing = [1, 2, 3] as const;
    // angle 0 is [1, 1, 1]: |d| = (1, 2, 3) mm
    assert.equal(angleLengthMm(a, 0, spacing, 'manhattan'), 6);
    assert.equal(angleLengthMm(a, 0, spacing, 'euclidean'), Math.sqrt(14));
    assert.equal(angleLengthMm(a, 0, spacing, 'infinity'), 3);
    assert.equal(angleLengthMm(a, 0, spacing, 'no_weighting'), 1);
  });
});

describe('linearOffset', () => {
  it('converts an offset to a linear index step with x fastest', () => {
    const a = generateAngles([5, 5, 5], [1], mono);
    assert.equal(linearOffset(a, 0, [4, 3, 2]), 1 + 4 * (1 + 3 * 1));
  });
});

describe('roiBoxSize', () => {
  it('measures the bounding box of the ROI voxels, not the input box', () => {
    const roi = roiFromSlices([
      [
        [0, 0, 0, 0],
        [0, 1, 2, 0],
        [0, 0, 3, 0],
      ],
    ]);
    assert.deepEqual(roiBoxSize(roi), [2, 2, 1]);
  });
});
