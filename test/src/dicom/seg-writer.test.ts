import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SEGMENTATION_STORAGE, writeSegmentation } from '../../../src/dicom/seg-writer.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { sequenceItem } from '../../../src/dicom/dataset-values.ts';
import { DicomError } from '../../../src/errors.ts';
import type { Mask } from '../../../src/volume/types.ts';
import { testGrid } from '../../support/ct-fixtures.ts';

const ref = {
  studyInstanceUid: '1.2.9',
  seriesInstanceUid: '1.2.9.1',
  frameOfReferenceUid: '1.2.9.2',
  sopInstanceUids: ['1.2.9.1.1', '1.2.9.1.2', '1.2.9.1.3'],
};
const marrow = { label: 1, name: 'T6 marrow', algorithmType: 'AUTOMATIC' as const };

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
});
