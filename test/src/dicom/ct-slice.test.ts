import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCtSlice, readCtSlice } from '../../../src/dicom/ct-slice.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { IMPLICIT_VR_LITTLE_ENDIAN } from '../../../src/dicom/transfer-syntax.ts';
import { DicomError } from '../../../src/errors.ts';
import { ctFile, words16 } from '../../support/dicom-files.ts';

const code = (c: string) => (e: unknown) => e instanceof DicomError && e.code === c;

describe('readCtSlice', () => {
  it('decodes signed explicit-VR pixels with slope and intercept to HU', async () => {
    const file = ctFile(3, 2, words16([-1000, -1, 0, 1, 200, 32767]), {
      RescaleSlope: '2',
      RescaleIntercept: '-5',
    });
    const s = await readCtSlice(file, 'signed.dcm');
    assert.deepEqual([...s.hu], [-2005, -7, -5, -3, 395, 65529]);
    assert.deepEqual([...s.positionLpsMm], [-10, -20, 30]);
    assert.deepEqual([...s.pixelSpacingMm], [0.5, 0.75]);
    assert.equal(s.columns, 3);
    assert.equal(s.rows, 2);
  });

  it('decodes unsigned implicit-VR pixels with intercept -1024', async () => {
    const file = ctFile(
      2,
      2,
      words16([0, 1024, 2048, 65535]),
      { PixelRepresentation: 0, RescaleIntercept: '-1024' },
      IMPLICIT_VR_LITTLE_ENDIAN,
    );
    const s = await readCtSlice(file, 'unsigned.dcm');
    assert.equal(s.transferSyntaxUid, IMPLICIT_VR_LITTLE_ENDIAN);
    assert.deepEqual([...s.hu], [-1024, 0, 1024, 64511]);
  });

  it('masks bits above BitsStored and sign-extends 12-bit signed values', async () => {
    // 0xF800 is -2048 in 12 bits with garbage in the top 4 bits; 0x17FF is 2047 with garbage bit 12 set.
    const file = ctFile(2, 2, words16([0xf800, 0x17ff, 0xafff, 0x0001]), { BitsStored: 12, HighBit: 11 });
    const s = await readCtSlice(file, 'bits12.dcm');
    assert.deepEqual([...s.hu], [-2048, 2047, -1, 1]);
  });

  it('masks bits above BitsStored for unsigned 12-bit values', async () => {
    const file = ctFile(2, 1, words16([0xf000 | 4095, 0x1000 | 5]), {
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      RescaleIntercept: '-1024',
    });
    const s = await readCtSlice(file, 'u12.dcm');
    assert.deepEqual([...s.hu], [3071, -1019]);
  });

  it('sets padding pixels to -1024 HU and counts them when PixelPaddingValue is signed', async () => {
    const file = ctFile(2, 2, words16([-2000, -2000, 0, 40]), {
      PixelPaddingValue: -2000,
      RescaleIntercept: '-1024',
    });
    const s = await readCtSlice(file, 'pad.dcm');
    assert.deepEqual([...s.hu], [-1024, -1024, -1024, -984]);
    assert.equal(s.paddedCount, 2);
  });

  it('applies PixelPaddingRangeLimit and keeps rescaled padding when paddingHu is null', async () => {
    const file = ctFile(4, 1, words16([0, 5, 10, 11]), {
      PixelRepresentation: 0,
      PixelPaddingValue: 0,
      PixelPaddingRangeLimit: 10,
      RescaleIntercept: '-1024',
    });
    const kept = await readCtSlice(file, 'range.dcm', { paddingHu: null });
    assert.deepEqual([...kept.hu], [-1024, -1019, -1014, -1013]);
    assert.equal(kept.paddedCount, 3);
    const replaced = await readCtSlice(file, 'range.dcm', { paddingHu: -3000 });
    assert.deepEqual([...replaced.hu], [-3000, -3000, -3000, -1013]);
  });

  it('reads a signed padding value sent as unsigned 16 bits', async () => {
    const file = ctFile(2, 1, words16([-2000, 7]), {
      PixelPaddingValue: 63536,
      _vrMap: { PixelPaddingValue: 'US' },
    });
    const s = await readCtSlice(file, 'pad-us.dcm');
    assert.equal(s.paddedCount, 1);
    assert.deepEqual([...s.hu], [-1024, 7]);
  });

  it('throws unsupported-modality naming the modality of an MR image', async () => {
    const file = ctFile(2, 1, words16([1, 2]), { Modality: 'MR', SOPClassUID: '1.2.840.10008.5.1.4.1.1.4' });
    await assert.rejects(
      readCtSlice(file, 'mr.dcm'),
      (e: unknown) => code('unsupported-modality')(e) && /Modality MR/.test(String(e)),
    );
  });

  it('throws unsupported-sop-class for a CT-modality instance of another SOP class', async () => {
    const file = ctFile(2, 1, words16([1, 2]), { SOPClassUID: '1.2.840.10008.5.1.4.1.1.7' });
    await assert.rejects(readCtSlice(file, 'sc.dcm'), code('unsupported-sop-class'));
  });

  it('throws missing-pixel-data when PixelData is absent', async () => {
    const file = ctFile(2, 1, undefined);
    await assert.rejects(
      readCtSlice(file, 'nopix.dcm'),
      (e: unknown) => code('missing-pixel-data')(e) && /nopix\.dcm/.test(String(e)),
    );
  });

  it('throws unsupported-transfer-syntax naming JPEG baseline and the supported list', async () => {
    const file = ctFile(
      2,
      1,
      new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      { _vrMap: { PixelData: 'OB' } },
      '1.2.840.10008.1.2.4.50',
    );
    await assert.rejects(
      readCtSlice(file, 'jpg.dcm'),
      (e: unknown) =>
        code('unsupported-transfer-syntax')(e) &&
        /JPEG Baseline/.test(String(e)) &&
        /RLE Lossless/.test(String(e)),
    );
  });

  it('throws truncated-file when the pixel data are shorter than the frame', async () => {
    const full = ctFile(4, 4, words16(new Array<number>(16).fill(3)));
    const parsed = readPart10(full, 'x.dcm');
    assert.equal(parsed.pixelData?.encapsulated, false);
    const cut = full.subarray(0, full.length - 6);
    await assert.rejects(readCtSlice(cut, 'cut.dcm'), code('truncated-file'));
  });

  it('throws missing-attribute when ImagePositionPatient is absent', async () => {
    const file = ctFile(2, 1, words16([1, 2]), { ImagePositionPatient: undefined });
    await assert.rejects(
      readCtSlice(file, 'nopos.dcm'),
      (e: unknown) => code('missing-attribute')(e) && /ImagePositionPatient/.test(String(e)),
    );
  });

  it('throws unsupported-pixel-format for colour images and 32-bit pixels', async () => {
    const rgb = ctFile(2, 1, words16([1, 2, 3]), { SamplesPerPixel: 3, PhotometricInterpretation: 'RGB' });
    await assert.rejects(readCtSlice(rgb, 'rgb.dcm'), code('unsupported-pixel-format'));
    const b32 = ctFile(1, 1, words16([1, 2]), { BitsAllocated: 32, BitsStored: 32, HighBit: 31 });
    await assert.rejects(readCtSlice(b32, 'b32.dcm'), code('unsupported-pixel-format'));
  });

  it('decodes an already parsed file the same as from bytes', async () => {
    const file = ctFile(2, 1, words16([-5, 5]));
    const a = await readCtSlice(file, 'a.dcm');
    const b = await decodeCtSlice(readPart10(file, 'a.dcm'));
    assert.deepEqual([...a.hu], [...b.hu]);
  });
});
