import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes, describeTransferSyntax, readPart10 } from '../../../src/dicom/part10.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { IMPLICIT_VR_LITTLE_ENDIAN, RLE_LOSSLESS } from '../../../src/dicom/transfer-syntax.ts';
import { DicomError } from '../../../src/errors.ts';
import { ctFile, words16 } from '../../support/dicom-files.ts';
import { integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { seededUniform } from '../../support/random.ts';

const code = (c: string) => (e: unknown) => e instanceof DicomError && e.code === c;

describe('readPart10', () => {
  it('reads the transfer syntax, the dataset by keyword and native pixel bytes', () => {
    const f = readPart10(ctFile(2, 1, words16([7, -7])), 'a.dcm');
    assert.equal(f.transferSyntaxUid, '1.2.840.10008.1.2.1');
    assert.equal(f.dataset.Modality, 'CT');
    assert.equal(f.dataset.PixelData, undefined);
    assert.deepEqual(f.pixelData, { encapsulated: false, bytes: new Uint8Array([7, 0, 0xf9, 0xff]) });
    assert.match(describeTransferSyntax(f), /^Explicit VR Little Endian \(1\.2\.840\.10008\.1\.2\.1\)$/);
  });

  it('reads implicit VR little endian files', () => {
    const f = readPart10(ctFile(2, 1, words16([1, 2]), {}, IMPLICIT_VR_LITTLE_ENDIAN), 'i.dcm');
    assert.equal(f.transferSyntaxUid, IMPLICIT_VR_LITTLE_ENDIAN);
    assert.equal(f.dataset.Rows, 1);
    assert.equal(f.pixelData?.encapsulated, false);
  });

  it('gives encapsulated pixel data as frames', async () => {
    const [file] = await writeCtSeries(integerHuVolume(testGrid([4, 3, 1]), 1), { seed: 1, encoding: 'rle' });
    const f = readPart10(file, 'rle.dcm');
    assert.equal(f.transferSyntaxUid, RLE_LOSSLESS);
    assert.equal(f.pixelData?.encapsulated, true);
    assert.equal(f.pixelData?.encapsulated === true ? f.pixelData.frames.length : 0, 1);
  });

  it('throws not-dicom when the DICM magic is missing', () => {
    const bytes = new Uint8Array(300).fill(65);
    assert.throws(
      () => readPart10(bytes, 'text.txt'),
      (e: unknown) => code('not-dicom')(e) && /text\.txt/.test(String(e)),
    );
    assert.throws(() => readPart10(new Uint8Array(0), 'empty'), code('not-dicom'));
  });

  it('throws truncated-file when the file ends inside the preamble or an element', () => {
    const file = ctFile(8, 8, words16(new Array<number>(64).fill(100)));
    assert.throws(() => readPart10(file.subarray(0, 100), 'short'), code('truncated-file'));
    for (const cut of [1, 2, 17, 64, 127, 129, 135]) {
      assert.throws(
        () => readPart10(file.subarray(0, file.length - cut), `cut-${cut}`),
        code('truncated-file'),
        `cut ${cut}`,
      );
    }
  });

  it('throws truncated-file when encapsulated pixel data lose their end', async () => {
    const [file] = await writeCtSeries(integerHuVolume(testGrid([8, 8, 1]), 2), { seed: 2, encoding: 'rle' });
    assert.throws(() => readPart10(file.subarray(0, file.length - 12), 'rle-cut'), code('truncated-file'));
  });

  it('never throws anything but DicomError on 3,000 random byte mutations of a valid file', () => {
    const base = ctFile(4, 4, words16(new Array<number>(16).fill(-3)));
    const next = seededUniform(11);
    let parsed = 0;
    for (let n = 0; n < 3000; n++) {
      const m = base.slice();
      const edits = 1 + Math.floor(next() * 4);
      for (let k = 0; k < edits; k++)
        m[132 + Math.floor(next() * (m.length - 132))] = Math.floor(next() * 256);
      try {
        readPart10(m, 'mutant');
        parsed++;
      } catch (e) {
        assert.ok(e instanceof DicomError, `mutation ${n}: ${String(e)}`);
      }
    }
    assert.ok(parsed > 0);
  });
});

describe('concatBytes', () => {
  it('joins byte runs in order', () => {
    assert.deepEqual(concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]), new Uint8Array([1, 2, 3]));
  });
});
