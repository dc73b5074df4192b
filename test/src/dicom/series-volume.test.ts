import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slicesToVolume } from '../../../src/dicom/series-volume.ts';
import { DicomError } from '../../../src/errors.ts';
import { shuffled, sliceAt } from '../../support/ct-fixtures.ts';
import { assertClose } from '../../support/tolerance.ts';

const TOL = { rel: 0, abs: 1e-9 };
const code = (c: string) => (e: unknown) => e instanceof DicomError && e.code === c;

function firstValues(data: ArrayLike<number>, plane: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += plane) out.push(data[i]);
  return out;
}

describe('slicesToVolume', () => {
  it('orders slices by position along the normal, not by InstanceNumber, when given shuffled', () => {
    const slices = [0, 1, 2, 3, 4].map((k) =>
      sliceAt(k, [10, 20, 100 + 2.5 * k], { instanceNumber: 50 - k }),
    );
    const sv = slicesToVolume(shuffled(slices, 7));
    assert.deepEqual(firstValues(sv.volume.data, 4), [0, 1, 2, 3, 4]);
    assert.deepEqual([...sv.volume.grid.size], [2, 2, 5]);
    assertClose(sv.volume.grid.spacingMm[2], 2.5, TOL, 'z spacing');
    assert.deepEqual([...sv.volume.grid.originLpsMm], [10, 20, 100]);
    assert.deepEqual(sv.warnings, []);
    assert.deepEqual(
      sv.sopInstanceUids,
      slices.map((s) => s.sopInstanceUid),
    );
  });

  it('builds the direction from ImageOrientationPatient (row = x, column = y, normal = z) when rotated', () => {
    // Row direction -x, column +y: the normal is -z, so increasing index k goes down in z.
    const o = [-1, 0, 0, 0, 1, 0] as const;
    const slices = [0, 1, 2].map((k) => sliceAt(k, [5, 0, 50 - 3 * k], { orientation: o }));
    const sv = slicesToVolume([slices[2], slices[0], slices[1]]);
    assert.deepEqual([...sv.volume.grid.direction], [-1, 0, 0, 0, 1, 0, 0, 0, -1]);
    assert.deepEqual([...sv.volume.grid.originLpsMm], [5, 0, 50]);
    assert.deepEqual(firstValues(sv.volume.data, 4), [0, 1, 2]);
    assertClose(sv.volume.grid.spacingMm[2], 3, TOL, 'z spacing');
  });

  it('takes x spacing from the column spacing and y from the row spacing of PixelSpacing', () => {
    const slices = [0, 1].map((k) => sliceAt(k, [0, 0, k], { pixelSpacingMm: [0.7, 0.6] }));
    const sv = slicesToVolume(slices);
    assert.deepEqual([...sv.volume.grid.spacingMm], [0.6, 0.7, 1]);
  });

  it('throws gantry-tilt when positions drift across the slice plane', () => {
    const slices = [0, 1, 2, 3].map((k) => sliceAt(k, [0, 0.5 * k, 2 * k]));
    assert.throws(() => slicesToVolume(slices), code('gantry-tilt'));
  });

  it('throws missing-slices when a gap is a multiple of the usual spacing', () => {
    const slices = [0, 1, 2, 4, 5].map((k) => sliceAt(k, [0, 0, 2 * k]));
    assert.throws(
      () => slicesToVolume(slices),
      (e: unknown) => code('missing-slices')(e) && /1 slice\(s\) missing/.test(String(e)),
    );
  });

  it('throws irregular-spacing when gaps differ by more than the tolerance', () => {
    const z = [0, 2, 4, 6.5, 8.5];
    const slices = z.map((v, k) => sliceAt(k, [0, 0, v]));
    assert.throws(() => slicesToVolume(slices), code('irregular-spacing'));
  });

  it('accepts irregular spacing with a warning and the mean spacing when told to warn', () => {
    const z = [0, 2, 4, 6.5, 8.5];
    const sv = slicesToVolume(
      z.map((v, k) => sliceAt(k, [0, 0, v])),
      { onIrregularSpacing: 'warn' },
    );
    assert.equal(sv.warnings.length, 1);
    assert.equal(sv.warnings[0].code, 'irregular-spacing');
    assertClose(sv.volume.grid.spacingMm[2], 8.5 / 4, TOL, 'mean spacing');
  });

  it('tolerates position jitter below the tolerance when spacing is regular', () => {
    const z = [0, 2.004, 3.998, 6.003, 8];
    const sv = slicesToVolume(z.map((v, k) => sliceAt(k, [0, 0, v])));
    assert.deepEqual(sv.warnings, []);
    assertClose(sv.volume.grid.spacingMm[2], 2, TOL, 'spacing from the end positions');
  });

  it('throws duplicate-slice when two instances share a position', () => {
    const slices = [sliceAt(0, [0, 0, 0]), sliceAt(1, [0, 0, 2]), sliceAt(2, [0, 0, 2])];
    assert.throws(() => slicesToVolume(slices), code('duplicate-slice'));
  });

  it('throws mixed-geometry when pixel spacing, size or orientation differ', () => {
    assert.throws(
      () => slicesToVolume([sliceAt(0, [0, 0, 0]), sliceAt(1, [0, 0, 1], { pixelSpacingMm: [0.6, 0.5] })]),
      code('mixed-geometry'),
    );
    assert.throws(
      () => slicesToVolume([sliceAt(0, [0, 0, 0]), sliceAt(1, [0, 0, 1], { rows: 3 })]),
      code('mixed-geometry'),
    );
    assert.throws(
      () =>
        slicesToVolume([sliceAt(0, [0, 0, 0]), sliceAt(1, [0, 0, 1], { orientation: [1, 0, 0, 0, 0, -1] })]),
      code('mixed-geometry'),
    );
    assert.throws(
      () => slicesToVolume([sliceAt(0, [0, 0, 0]), sliceAt(1, [0, 0, 1], { frameOfReferenceUid: '9.9' })]),
      code('mixed-geometry'),
    );
  });

  it('throws mixed-series and empty-series for the wrong inputs', () => {
    assert.throws(
      () => slicesToVolume([sliceAt(0, [0, 0, 0]), sliceAt(1, [0, 0, 1], { seriesInstanceUid: '9' })]),
      code('mixed-series'),
    );
    assert.throws(() => slicesToVolume([]), code('empty-series'));
  });

  it('throws mixed-geometry when ImageOrientationPatient is not orthonormal', () => {
    assert.throws(
      () => slicesToVolume([sliceAt(0, [0, 0, 0], { orientation: [1, 0, 0, 0.5, 0.5, 0] })]),
      code('mixed-geometry'),
    );
  });

  it('reads one slice with SliceThickness as z spacing and a warning', () => {
    const sv = slicesToVolume([sliceAt(0, [1, 2, 3], { sliceThicknessMm: 1.25 })]);
    assert.equal(sv.volume.grid.spacingMm[2], 1.25);
    assert.equal(sv.warnings[0].code, 'single-slice');
  });

  it('orthonormalises an orientation whose decimals are slightly off', () => {
    const o = [0.99999, 0.0044721, 0, -0.0044721, 0.99999, 0] as const;
    const sv = slicesToVolume([0, 1].map((k) => sliceAt(k, [0, 0, k], { orientation: o })));
    const d = sv.volume.grid.direction;
    assertClose(d[0] * d[1] + d[3] * d[4] + d[6] * d[7], 0, { rel: 0, abs: 1e-12 }, 'row . column');
    assertClose(Math.hypot(d[0], d[3], d[6]), 1, { rel: 0, abs: 1e-12 }, '|row|');
  });
});
