import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SEGMENTATION_STORAGE, writeSegmentation } from '../../../src/dicom/seg-writer.ts';
import type { FractionalOptions, FractionMap } from '../../../src/dicom/seg-writer.ts';
import { readSegmentation } from '../../../src/dicom/seg-reader.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { sequenceItem } from '../../../src/dicom/dataset-values.ts';
import { DicomError } from '../../../src/errors.ts';
import type { Mask } from '../../../src/volume/types.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { testGrid } from '../../support/ct-fixtures.ts';
import { seededUniform } from '../../support/random.ts';

const ref = {
  studyInstanceUid: '1.2.9',
  seriesInstanceUid: '1.2.9.1',
  frameOfReferenceUid: '1.2.9.2',
  sopInstanceUids: ['1.2.9.1.1', '1.2.9.1.2', '1.2.9.1.3'],
};
/** The same CT series without slice UIDs, for grids of other slice counts. */
const series = { studyInstanceUid: '1.2.9', seriesInstanceUid: '1.2.9.1', frameOfReferenceUid: '1.2.9.2' };
const marrow = { label: 1, name: 'T6 marrow', algorithmType: 'AUTOMATIC' as const };

/** Stored pixel bytes of a written SEG (native encoding). */
function storedPixels(bytes: Uint8Array): Uint8Array {
  const px = readPart10(bytes, 'seg').pixelData;
  assert.ok(px !== undefined && !px.encapsulated);
  return px.bytes;
}

/** A seeded fraction map on a rotated 7x5x4 grid; voxels on slice 2 stay 0 so that slice has no frame. */
function randomFractions(seed: number): FractionMap {
  const grid = makeGrid([7, 5, 4], [0.6, 0.7, 1.5], [3, -2, 40], [-1, 0, 0, 0, 1, 0, 0, 0, -1]);
  const next = seededUniform(seed);
  const fractions = Float32Array.from({ length: 140 }, (_, i) => (Math.floor(i / 35) === 2 ? 0 : next()));
  return { grid, fractions };
}

/** A predicate for assert.throws: DicomError invalid-segmentation whose message matches `message`. */
function invalidSegmentation(message: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof DicomError && e.code === 'invalid-segmentation' && message.test(e.message);
}

function boxMask(): Mask {
  const grid = testGrid([6, 5, 3]);
  const data = new Uint8Array(90);
  for (let y = 1; y < 4; y++) for (let x = 2; x < 5; x++) data[x + 6 * (y + 5 * 1)] = 1; // slice 1 only
  data[0 + 6 * (0 + 5 * 2)] = 1; // one voxel on slice 2
  return { grid, data };
}

describe('writeSegmentation', () => {
  it('writes a BINARY SEG with one frame per slice holding the label and bit-packed pixels', () => {
    const ds = readPart10(writeSegmentation(boxMask(), ref, [marrow], { seed: 3 }), 'seg').dataset;
    assert.equal(ds.SOPClassUID, SEGMENTATION_STORAGE);
    assert.equal(ds.Modality, 'SEG');
    assert.equal(ds.SegmentationType, 'BINARY');
    assert.equal(ds.NumberOfFrames, 2);
    assert.equal(ds.BitsAllocated, 1);
    assert.equal(ds.StudyInstanceUID, ref.studyInstanceUid);
    assert.equal(sequenceItem(ds, 'SegmentSequence')?.SegmentLabel, 'T6 marrow');
    assert.equal(sequenceItem(ds, 'SegmentSequence')?.SegmentAlgorithmName, 'BoneMet Risk');
    const frame2 = sequenceItem(ds, 'PerFrameFunctionalGroupsSequence', 1);
    const src = sequenceItem(
      sequenceItem(frame2 ?? {}, 'DerivationImageSequence') ?? {},
      'SourceImageSequence',
    );
    assert.equal(src?.ReferencedSOPInstanceUID, '1.2.9.1.3');
    const dim = sequenceItem(ds, 'DimensionIndexSequence');
    assert.equal(dim?.DimensionIndexPointer, 0x0062000b);
  });

  it('gives the same bytes for the same seed', () => {
    assert.deepEqual(
      writeSegmentation(boxMask(), ref, [marrow], { seed: 1 }),
      writeSegmentation(boxMask(), ref, [marrow], { seed: 1 }),
    );
  });

  it('throws invalid-segmentation for an absent label, repeated labels or a wrong slice count', () => {
    const isBad = (e: unknown) => e instanceof DicomError && e.code === 'invalid-segmentation';
    assert.throws(() => writeSegmentation(boxMask(), ref, [{ ...marrow, label: 7 }]), isBad);
    assert.throws(() => writeSegmentation(boxMask(), ref, [marrow, marrow]), isBad);
    assert.throws(() => writeSegmentation(boxMask(), { ...ref, sopInstanceUids: ['1'] }, [marrow]), isBad);
  });

  it('writes a FRACTIONAL SEG from a mask with 8-bit pixels at MaximumFractionalValue on the label', () => {
    const bytes = writeSegmentation(boxMask(), ref, [marrow], { seed: 3, fractional: {} });
    const ds = readPart10(bytes, 'seg').dataset;
    assert.equal(ds.SegmentationType, 'FRACTIONAL');
    assert.equal(ds.SegmentationFractionalType, 'PROBABILITY');
    assert.equal(ds.MaximumFractionalValue, 255);
    assert.deepEqual([ds.BitsAllocated, ds.BitsStored, ds.HighBit], [8, 8, 7]);
    assert.equal(ds.NumberOfFrames, 2);
    const px = storedPixels(bytes);
    const mask = boxMask();
    const expected = [...mask.data.subarray(30, 90)].map((v) => v * 255);
    assert.deepEqual([...px.subarray(0, 60)], expected);
  });

  it('writes OCCUPANCY with the MaximumFractionalValue it was given', () => {
    const bytes = writeSegmentation(boxMask(), ref, [marrow], {
      fractional: { fractionalType: 'OCCUPANCY', maximumFractionalValue: 100 },
    });
    const ds = readPart10(bytes, 'seg').dataset;
    assert.equal(ds.SegmentationFractionalType, 'OCCUPANCY');
    assert.equal(ds.MaximumFractionalValue, 100);
    assert.deepEqual(
      [...new Set(storedPixels(bytes).subarray(0, 60))].sort((a, b) => a - b),
      [0, 100],
    );
  });

  it('stores round(fraction * MaximumFractionalValue) and leaves out slices without a stored value', () => {
    const map = randomFractions(4);
    const bytes = writeSegmentation(map, series, [marrow], { seed: 2 });
    const ds = readPart10(bytes, 'seg').dataset;
    assert.equal(ds.SegmentationType, 'FRACTIONAL');
    assert.equal(ds.NumberOfFrames, 3);
    const slices = [0, 1, 3].map((k) =>
      [...map.fractions.subarray(k * 35, (k + 1) * 35)].map((f) => Math.round(f * 255)),
    );
    assert.deepEqual([...storedPixels(bytes).subarray(0, 105)], slices.flat());
    const frame3 = sequenceItem(ds, 'PerFrameFunctionalGroupsSequence', 2) ?? {};
    assert.deepEqual(sequenceItem(frame3, 'FrameContentSequence')?.DimensionIndexValues, [1, 4]);
  });

  it('reads a FRACTIONAL SEG back as the mask it was written from, label for label', () => {
    const grid = makeGrid([7, 5, 4], [0.6, 0.7, 1.5], [3, -2, 40], [-1, 0, 0, 0, 1, 0, 0, 0, -1]);
    const next = seededUniform(9);
    const data = Uint8Array.from({ length: 140 }, () => (next() < 0.3 ? 1 + Math.floor(next() * 2) : 0));
    const segments = [
      { label: 1, name: 'a', algorithmType: 'MANUAL' as const },
      { label: 2, name: 'b', algorithmType: 'AUTOMATIC' as const },
    ];
    for (const maximumFractionalValue of [255, 1, 2]) {
      const bytes = writeSegmentation({ grid, data }, series, segments, {
        fractional: { maximumFractionalValue },
      });
      const back = readSegmentation(bytes, grid, `max ${maximumFractionalValue}`);
      assert.deepEqual(back.mask.data, data, `MaximumFractionalValue ${maximumFractionalValue}`);
    }
  });

  it('reads a fraction map back as the mask of fractions >= 0.5', () => {
    const map = randomFractions(5);
    const back = readSegmentation(writeSegmentation(map, series, [marrow]), map.grid, 'map');
    const expected = Uint8Array.from(map.fractions, (f) => (f >= 0.5 ? 1 : 0));
    assert.ok(expected.some((v) => v === 1) && expected.some((v, i) => v === 0 && map.fractions[i] > 0));
    assert.deepEqual(back.mask.data, expected);
  });

  it('puts fractions next to 0.5 on the right side of the threshold', () => {
    const below = [0, 1 / 255, 127 / 255, 0.499, Math.fround(0.49999997), 127.49 / 255];
    const above = [0.5, 127.5 / 255, 128 / 255, 0.5001, 0.75, 1];
    const grid = testGrid([6, 2, 1]);
    const fractions = Float32Array.from([...below, ...above]);
    assert.ok(fractions[4] < 0.5);
    const back = readSegmentation(writeSegmentation({ grid, fractions }, series, [marrow]), grid, 'edge');
    assert.deepEqual([...back.mask.data], [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('cuts at the stored value, half of an even MaximumFractionalValue, not at fraction 0.5', () => {
    const grid = testGrid([4, 1, 1]);
    const fractions = Float32Array.from([0.44, 0.46, 0.5, 0.54]);
    const bytes = writeSegmentation({ grid, fractions }, series, [marrow], {
      fractional: { maximumFractionalValue: 10 },
    });
    assert.deepEqual([...storedPixels(bytes).subarray(0, 4)], [4, 5, 5, 5]);
    assert.deepEqual([...readSegmentation(bytes, grid, 'even').mask.data], [0, 1, 1, 1]);
  });

  it('accepts a Uint8Array of 0 and 1 as fractions', () => {
    const grid = testGrid([3, 2, 2]);
    const fractions = Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    const bytes = writeSegmentation({ grid, fractions }, series, [marrow]);
    assert.equal(readPart10(bytes, 'u8').dataset.NumberOfFrames, 1);
    assert.deepEqual(readSegmentation(bytes, grid, 'u8').mask.data, fractions);
  });

  it('throws invalid-segmentation naming the counts when the fraction map does not fit the grid', () => {
    const grid = testGrid([6, 5, 3]);
    assert.throws(
      () => writeSegmentation({ grid, fractions: new Float32Array(89).fill(1) }, ref, [marrow]),
      invalidSegmentation(/holds 89 values; its 6x5x3 grid needs 90/),
    );
  });

  it('throws invalid-segmentation naming the voxel when a fraction is outside 0..1', () => {
    const grid = testGrid([6, 5, 3]);
    for (const [value, shown] of [
      [1.5, '1.5'],
      [-0.25, '-0.25'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const fractions = new Float32Array(90).fill(0.5);
      fractions[6 * (2 + 5 * 1) + 3] = value;
      assert.throws(
        () => writeSegmentation({ grid, fractions }, ref, [marrow]),
        invalidSegmentation(
          new RegExp(`fraction ${shown} at voxel 45 \\(x 3, y 2, z 1\\) is outside 0\\.\\.1`),
        ),
      );
    }
    const u8 = new Uint8Array(90).fill(1);
    u8[7] = 2;
    assert.throws(
      () => writeSegmentation({ grid, fractions: u8 }, ref, [marrow]),
      invalidSegmentation(/fraction 2 at voxel 7 .* outside 0\.\.1/),
    );
  });

  it('throws invalid-segmentation for a MaximumFractionalValue outside 1..255 or not whole', () => {
    for (const maximumFractionalValue of [0, 256, 2.5, -1, Number.NaN]) {
      assert.throws(
        () => writeSegmentation(boxMask(), ref, [marrow], { fractional: { maximumFractionalValue } }),
        invalidSegmentation(/maximumFractionalValue must be a whole number from 1 to 255/),
        String(maximumFractionalValue),
      );
    }
  });

  it('throws invalid-segmentation for an unknown fractional type, an empty map or two segments of one map', () => {
    const bogus: FractionalOptions = JSON.parse('{"fractionalType":"WEIGHT"}') as FractionalOptions;
    assert.throws(
      () => writeSegmentation(boxMask(), ref, [marrow], { fractional: bogus }),
      invalidSegmentation(/PROBABILITY or OCCUPANCY.*got "WEIGHT"/),
    );
    const grid = testGrid([6, 5, 3]);
    assert.throws(
      () => writeSegmentation({ grid, fractions: new Float32Array(90).fill(0.0019) }, ref, [marrow]),
      invalidSegmentation(/fraction map of "T6 marrow" is empty: no fraction reaches 0\.00196/),
    );
    assert.throws(
      () =>
        writeSegmentation({ grid, fractions: new Float32Array(90).fill(1) }, ref, [
          marrow,
          { ...marrow, label: 2 },
        ]),
      invalidSegmentation(/one segment; describe exactly one, not 2/),
    );
  });
});
