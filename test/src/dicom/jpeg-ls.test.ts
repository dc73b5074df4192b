import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJpegLsFrame, encodeJpegLsLossless } from '../../../src/dicom/jpeg-ls.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import type { CtWriterOptions } from '../../../src/dicom/ct-writer.ts';
import { readCtSlice } from '../../../src/dicom/ct-slice.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import type { PixelFormat } from '../../../src/dicom/pixel-data.ts';
import { slicesToVolume } from '../../../src/dicom/series-volume.ts';
import { JPEG_LS_LOSSLESS } from '../../../src/dicom/transfer-syntax.ts';
import { DicomError } from '../../../src/errors.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { words16 } from '../../support/dicom-files.ts';
import { assertSameVolume, integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { seededUniform } from '../../support/random.ts';

const failed = (e: unknown): boolean => e instanceof DicomError && e.code === 'pixel-decode-failed';

async function readSeries(files: readonly Uint8Array[]): Promise<Volume> {
  const slices = await Promise.all(files.map((f, i) => readCtSlice(f, `im${i}`)));
  return slicesToVolume(slices).volume;
}

describe('decodeJpegLsFrame', () => {
  for (const [pr, bits, lo, hi] of [
    [1, 16, -32768, 32767],
    [0, 16, 0, 65535],
    [1, 12, -2048, 2047],
  ] as const) {
    it(`decodes a lossless codestream bit-exactly when pixels are ${pr ? 'signed' : 'unsigned'} ${bits}-bit`, async () => {
      const fmt: PixelFormat = {
        rows: 17,
        columns: 23,
        bitsAllocated: 16,
        bitsStored: bits,
        highBit: bits - 1,
        pixelRepresentation: pr,
      };
      const next = seededUniform(bits + pr);
      const values = Array.from({ length: 17 * 23 }, () => lo + Math.floor(next() * (hi - lo + 1)));
      // Stored words keep BitsStored bits: a negative 12-bit value is its two's complement in 12 bits.
      const native = words16(values.map((v) => (bits < 16 ? v & ((1 << bits) - 1) : v)));
      const encoded = await encodeJpegLsLossless(native, fmt);
      assert.deepEqual([encoded[0], encoded[1], encoded[2], encoded[3]], [0xff, 0xd8, 0xff, 0xf7]); // SOI, SOF55
      assert.deepEqual(await decodeJpegLsFrame(encoded, fmt, 'f'), native);
    });
  }

  it('throws pixel-decode-failed when the codestream size disagrees with the header', async () => {
    const fmt: PixelFormat = {
      rows: 4,
      columns: 4,
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      pixelRepresentation: 1,
    };
    const encoded = await encodeJpegLsLossless(words16(new Array<number>(16).fill(5)), fmt);
    await assert.rejects(decodeJpegLsFrame(encoded, { ...fmt, rows: 5 }, 'size.dcm'), failed);
  });

  it('throws pixel-decode-failed for bytes that are not a codestream', async () => {
    const fmt: PixelFormat = {
      rows: 4,
      columns: 4,
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      pixelRepresentation: 1,
    };
    await assert.rejects(
      decodeJpegLsFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), fmt, 'junk.dcm'),
      failed,
    );
  });

  const cases: readonly [string, CtWriterOptions, number, number][] = [
    ['signed 16-bit', {}, -1024, 3071],
    [
      'unsigned 12-bit with intercept -1024',
      { pixelRepresentation: 0, bitsStored: 12, rescaleIntercept: -1024 },
      -1024,
      3071,
    ],
    ['signed 12-bit', { bitsStored: 12 }, -2048, 2047],
  ];
  for (const [what, options, lo, hi] of cases) {
    it(`gives the same Volume as the uncompressed series when pixels are ${what}`, async () => {
      const v = integerHuVolume(testGrid([19, 13, 4]), 21, lo, hi);
      const plain = await readSeries(await writeCtSeries(v, { ...options, seed: 'jls-plain' }));
      const files = await writeCtSeries(v, { ...options, seed: 'jls', encoding: 'jpeg-ls' });
      assert.equal(readPart10(files[0], 'first').transferSyntaxUid, JPEG_LS_LOSSLESS);
      const back = await readSeries(files);
      assertSameVolume(back, plain);
      assertSameVolume(back, v);
    });
  }
});
