import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJpeg2000Frame, encodeJpeg2000Lossless } from '../../../src/dicom/jpeg2000.ts';
import type { PixelFormat } from '../../../src/dicom/pixel-data.ts';
import { DicomError } from '../../../src/errors.ts';
import { words16 } from '../../support/dicom-files.ts';
import { seededUniform } from '../../support/random.ts';

describe('decodeJpeg2000Frame', () => {
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
      const native = words16(Array.from({ length: 17 * 23 }, () => lo + Math.floor(next() * (hi - lo + 1))));
      const encoded = await encodeJpeg2000Lossless(native, fmt);
      assert.equal(encoded[0], 0xff);
      assert.equal(encoded[1], 0x4f); // SOC marker
      assert.deepEqual(await decodeJpeg2000Frame(encoded, fmt, 'f'), native);
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
    const encoded = await encodeJpeg2000Lossless(words16(new Array<number>(16).fill(5)), fmt);
    await assert.rejects(
      decodeJpeg2000Frame(encoded, { ...fmt, rows: 5 }, 'size.dcm'),
      (e: unknown) => e instanceof DicomError && e.code === 'pixel-decode-failed',
    );
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
      decodeJpeg2000Frame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), fmt, 'junk.dcm'),
      (e: unknown) => e instanceof DicomError && e.code === 'pixel-decode-failed',
    );
  });
});
