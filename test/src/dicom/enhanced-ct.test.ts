import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCtInstance, readCtInstance } from '../../../src/dicom/enhanced-ct.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { slicesToVolume } from '../../../src/dicom/series-volume.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { DicomError } from '../../../src/errors.ts';
import { assertSameVolume, integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { enhancedCtFile } from '../../support/dicom-files.ts';

describe('readCtInstance', () => {
  for (const encoding of ['explicit', 'rle'] as const) {
    it(`stacks the frames of an Enhanced CT (${encoding}, frames out of order) into the volume`, async () => {
      const v = integerHuVolume(
        testGrid([5, 4, 6], [0.6, 0.7, 1.25], [1, 2, 3], [-1, 0, 0, 0, 1, 0, 0, 0, -1]),
        31,
        -1024,
        2000,
      );
      const slices = await readCtInstance(enhancedCtFile(v, [3, 0, 5, 1, 4, 2], encoding), 'enh.dcm');
      assert.equal(slices.length, 6);
      assert.match(slices[0].source, /enh\.dcm frame 1/);
      assertSameVolume(slicesToVolume(slices).volume, v, 1e-9);
    });
  }

  it('reads the kernel of each frame from CTReconstructionSequence and the agent from ContrastBolusAgentSequence', async () => {
    const v = integerHuVolume(testGrid([3, 2, 3], [0.6, 0.7, 0.5]), 32, -1024, 2000);
    const file = enhancedCtFile(v, [2, 0, 1], 'explicit', {
      dataset: {
        Manufacturer: 'Canon',
        ContrastBolusAgentSequence: [
          {
            CodeValue: 'C-B0322',
            CodingSchemeDesignator: 'SRT',
            CodeMeaning: 'Iohexol',
            ContrastBolusVolume: '60',
          },
        ],
      },
      sharedGroups: {
        CTReconstructionSequence: [
          { ConvolutionKernel: 'FC08', ReconstructionAlgorithm: 'FILTER_BACK_PROJECTION' },
        ],
      },
    });
    const sv = slicesToVolume(await readCtInstance(file, 'enh.dcm'));
    assert.deepEqual(sv.acquisition.convolutionKernel, ['FC08']);
    assert.deepEqual(sv.acquisition.contrastBolusAgent, ['Iohexol']);
    assert.deepEqual(sv.acquisition.contrastBolusVolumeMl, { min: 60, max: 60 });
    assert.deepEqual(sv.acquisition.sliceThicknessMm, { min: 0.5, max: 0.5 });
    assert.deepEqual(sv.acquisition.manufacturer, ['Canon']);
    assert.equal(sv.acquisition.sliceCount, 3);
  });

  it('gives the one slice of a classic CT image', async () => {
    const [file] = await writeCtSeries(integerHuVolume(testGrid([3, 2, 1]), 1), { seed: 1 });
    assert.equal((await decodeCtInstance(readPart10(file, 'ct'))).length, 1);
  });

  it('throws truncated-file when the frames are short of NumberOfFrames', async () => {
    const v = integerHuVolume(testGrid([4, 4, 3]), 2, -1024, 1000);
    const file = enhancedCtFile(v, [0, 1, 2]);
    const parsed = readPart10(file, 'enh');
    const pd = parsed.pixelData;
    assert.ok(pd !== undefined && !pd.encapsulated);
    const short = { ...parsed, pixelData: { encapsulated: false as const, bytes: pd.bytes.subarray(0, 40) } };
    await assert.rejects(
      decodeCtInstance(short),
      (e: unknown) => e instanceof DicomError && e.code === 'truncated-file' && /frame 2/.test(e.message),
    );
  });
});
