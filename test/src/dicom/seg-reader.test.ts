import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSegmentation } from '../../../src/dicom/seg-reader.ts';
import { writeSegmentation } from '../../../src/dicom/seg-writer.ts';
import { writeCtSeries, writePart10 } from '../../../src/dicom/ct-writer.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../../../src/dicom/transfer-syntax.ts';
import { DicomError, GeometryMismatchError } from '../../../src/errors.ts';
import type { Mask } from '../../../src/volume/types.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { seededUniform } from '../../support/random.ts';

const ref = { studyInstanceUid: '1.2.9', seriesInstanceUid: '1.2.9.1', frameOfReferenceUid: '1.2.9.2' };

function randomMask(seed: number, labels: number): Mask {
  const grid = makeGrid([7, 5, 4], [0.6, 0.7, 1.5], [3, -2, 40], [-1, 0, 0, 0, 1, 0, 0, 0, -1]);
  const next = seededUniform(seed);
  const data = Uint8Array.from({ length: 140 }, () => (next() < 0.3 ? 1 + Math.floor(next() * labels) : 0));
  return { grid, data };
}

/** `bytes` (a native-encoded SEG) rewritten with attributes replaced; `undefined` drops one. */
function withAttributes(bytes: Uint8Array, changes: Readonly<Record<string, unknown>>): Uint8Array {
  const file = readPart10(bytes, 'seg');
  assert.ok(file.pixelData !== undefined && !file.pixelData.encapsulated);
  const dataset: Record<string, unknown> = Object.fromEntries(
    Object.entries({ ...file.dataset, ...changes }).filter(([, v]) => v !== undefined),
  );
  dataset.PixelData = file.pixelData.bytes.slice().buffer;
  dataset._vrMap = { PixelData: 'OB' };
  return writePart10(dataset, EXPLICIT_VR_LITTLE_ENDIAN);
}

describe('readSegmentation', () => {
  it('reads back a two-segment BINARY SEG label for label on a rotated grid', () => {
    const mask = randomMask(5, 2);
    const bytes = writeSegmentation(mask, ref, [
      { label: 1, name: 'a', algorithmType: 'MANUAL' },
      { label: 2, name: 'b', algorithmType: 'AUTOMATIC' },
    ]);
    const seg = readSegmentation(bytes, mask.grid, 'two.dcm');
    assert.deepEqual(seg.mask.data, mask.data);
    assert.deepEqual(
      seg.segments.map((s) => s.label),
      ['a', 'b'],
    );
    assert.equal(seg.referencedSeriesInstanceUid, '1.2.9.1');
    assert.equal(seg.frameOfReferenceUid, '1.2.9.2');
  });

  it('reads one chosen segment as label 1', () => {
    const mask = randomMask(6, 2);
    const bytes = writeSegmentation(mask, ref, [
      { label: 1, name: 'a', algorithmType: 'MANUAL' },
      { label: 2, name: 'b', algorithmType: 'MANUAL' },
    ]);
    const seg = readSegmentation(bytes, mask.grid, 's', { segment: 2 });
    assert.deepEqual(
      [...seg.mask.data],
      [...mask.data].map((v) => (v === 2 ? 1 : 0)),
    );
    assert.throws(
      () => readSegmentation(bytes, mask.grid, 's', { segment: 9 }),
      (e: unknown) => e instanceof DicomError && e.code === 'invalid-segmentation',
    );
  });

  it('throws GeometryMismatchError when the SEG does not lie on the given grid', () => {
    const mask = randomMask(7, 1);
    const bytes = writeSegmentation(mask, ref, [{ label: 1, name: 'a', algorithmType: 'MANUAL' }]);
    const g = mask.grid;
    assert.throws(
      () =>
        readSegmentation(
          bytes,
          makeGrid(
            g.size,
            g.spacingMm,
            [g.originLpsMm[0], g.originLpsMm[1], g.originLpsMm[2] + 0.5],
            g.direction,
          ),
        ),
      GeometryMismatchError,
    );
    assert.throws(
      () => readSegmentation(bytes, makeGrid(g.size, [0.5, 0.7, 1.5], g.originLpsMm, g.direction)),
      GeometryMismatchError,
    );
    assert.throws(
      () => readSegmentation(bytes, makeGrid([7, 6, 4], g.spacingMm, g.originLpsMm, g.direction)),
      GeometryMismatchError,
    );
    assert.throws(
      () =>
        readSegmentation(bytes, makeGrid(g.size, g.spacingMm, g.originLpsMm, [1, 0, 0, 0, 1, 0, 0, 0, 1])),
      GeometryMismatchError,
    );
  });

  it('throws unsupported-sop-class for a CT image', async () => {
    const [ct] = await writeCtSeries(integerHuVolume(testGrid([2, 2, 1]), 1), { seed: 1 });
    assert.throws(
      () => readSegmentation(ct, testGrid([2, 2, 1]), 'ct.dcm'),
      (e: unknown) => e instanceof DicomError && e.code === 'unsupported-sop-class',
    );
  });

  it('reads a FRACTIONAL voxel as in when its value is at least half of MaximumFractionalValue', () => {
    const mask = randomMask(8, 1);
    const fractional = writeSegmentation(mask, ref, [{ label: 1, name: 'a', algorithmType: 'MANUAL' }], {
      fractional: { maximumFractionalValue: 200 },
    });
    assert.deepEqual(readSegmentation(fractional, mask.grid, 'as written').mask.data, mask.data);
    // The same stored values (0 and 200) against a larger maximum: 200 >= 399 / 2 but not >= 401 / 2.
    const at399 = withAttributes(fractional, { MaximumFractionalValue: 399 });
    assert.deepEqual(readSegmentation(at399, mask.grid, 'max 399').mask.data, mask.data);
    const at401 = withAttributes(fractional, { MaximumFractionalValue: 401 });
    assert.deepEqual([...readSegmentation(at401, mask.grid, 'max 401').mask.data], new Array(140).fill(0));
  });

  it('throws invalid-segmentation when a FRACTIONAL SEG lacks MaximumFractionalValue or states 0', () => {
    const mask = randomMask(9, 1);
    const bytes = writeSegmentation(mask, ref, [{ label: 1, name: 'a', algorithmType: 'MANUAL' }], {
      fractional: {},
    });
    for (const value of [undefined, 0]) {
      assert.throws(
        () => readSegmentation(withAttributes(bytes, { MaximumFractionalValue: value }), mask.grid, 'f.dcm'),
        (e: unknown) =>
          e instanceof DicomError &&
          e.code === 'invalid-segmentation' &&
          /^f\.dcm: FRACTIONAL needs MaximumFractionalValue.*got (none|0)$/.test(e.message),
      );
    }
  });
});
