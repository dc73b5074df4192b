import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRleFrame, encodeRleFrame } from '../../../src/dicom/rle.ts';
import type { PixelFormat } from '../../../src/dicom/pixel-data.ts';
import { DicomError } from '../../../src/errors.ts';
import { seededUniform } from '../../support/random.ts';

const fmt16: PixelFormat = {
  rows: 13,
  columns: 21,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 1,
};
const fmt8: PixelFormat = {
  rows: 9,
  columns: 30,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
};

function bytesOf(fmt: PixelFormat, fill: (i: number) => number): Uint8Array {
  return Uint8Array.from(
    { length: fmt.rows * fmt.columns * (fmt.bitsAllocated / 8) },
    (_, i) => fill(i) & 0xff,
  );
}

describe('decodeRleFrame', () => {
  it('inverts encodeRleFrame for random, constant and mixed 16-bit frames', () => {
    const next = seededUniform(4);
    const cases = [
      bytesOf(fmt16, () => Math.floor(next() * 256)),
      bytesOf(fmt16, () => 0),
      bytesOf(fmt16, (i) => (i % 300 < 150 ? 7 : i)),
    ];
    for (const native of cases)
      assert.deepEqual(decodeRleFrame(encodeRleFrame(native, fmt16), fmt16, 'f'), native);
  });

  it('inverts encodeRleFrame for 8-bit frames with runs longer than 128', () => {
    const native = bytesOf(fmt8, (i) => (i < 200 ? 9 : i % 3));
    const enc = encodeRleFrame(native, fmt8);
    assert.ok(enc.length < 64 + native.length);
    assert.deepEqual(decodeRleFrame(enc, fmt8, 'f'), native);
  });

  it('decodes a hand-built PackBits segment with literal, replicate and no-op runs', () => {
    const fmt: PixelFormat = {
      rows: 1,
      columns: 6,
      bitsAllocated: 8,
      bitsStored: 8,
      highBit: 7,
      pixelRepresentation: 0,
    };
    const header = new Uint8Array(64);
    new DataView(header.buffer).setUint32(0, 1, true);
    new DataView(header.buffer).setUint32(4, 64, true);
    const seg = [0x01, 10, 11, 0x80, 0xfc, 5, 0x00, 99]; // copy 2, no-op, repeat 5 five times: one too many
    const frame = new Uint8Array([...header, ...seg]);
    assert.throws(() => decodeRleFrame(frame, fmt, 'f'), DicomError);
    seg[4] = 0xfe; // repeat 3 times
    const ok = new Uint8Array([...header, ...seg]);
    assert.deepEqual([...decodeRleFrame(ok, fmt, 'f')], [10, 11, 5, 5, 5, 99]);
  });

  it('throws pixel-decode-failed for a short header, a wrong segment count and a short segment', () => {
    const fail = (f: Uint8Array): void =>
      assert.throws(
        () => decodeRleFrame(f, fmt16, 'bad.dcm'),
        (e: unknown) =>
          e instanceof DicomError && e.code === 'pixel-decode-failed' && /bad\.dcm/.test(e.message),
      );
    fail(new Uint8Array(10));
    const enc = encodeRleFrame(
      bytesOf(fmt16, (i) => i),
      fmt16,
    );
    const wrong = enc.slice();
    wrong[0] = 3;
    fail(wrong);
    fail(enc.subarray(0, enc.length - 20));
  });
});
