import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  frameToHuInto,
  readPaddingRange,
  readPixelFormat,
  storedToHu,
  storedValues,
} from '../../../src/dicom/pixel-data.ts';
import type { PixelFormat } from '../../../src/dicom/pixel-data.ts';
import { DicomError } from '../../../src/errors.ts';
import { words16 } from '../../support/dicom-files.ts';

const fmt = (o: Partial<PixelFormat>): PixelFormat => ({
  rows: 1,
  columns: 4,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 1,
  ...o,
});

describe('storedValues', () => {
  it('shifts by HighBit + 1 - BitsStored, masks and sign-extends', () => {
    // 10 bits stored with HighBit 11: value bits 2..11.
    const bytes = words16([0x0ffc, 0x0004, 0xf800, 0x0800]);
    assert.deepEqual(
      [...storedValues(bytes, fmt({ bitsStored: 10, highBit: 11 }), 's')],
      [-1, 1, -512, -512],
    );
    assert.deepEqual(
      [...storedValues(bytes, fmt({ bitsStored: 10, highBit: 11, pixelRepresentation: 0 }), 's')],
      [1023, 1, 512, 512],
    );
  });

  it('reads 8-bit pixels', () => {
    const f = fmt({ bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 1 });
    assert.deepEqual([...storedValues(new Uint8Array([0, 127, 128, 255]), f, 's')], [0, 127, -128, -1]);
  });

  it('throws truncated-file when bytes are short of the frame', () => {
    assert.throws(
      () => storedValues(new Uint8Array(7), fmt({}), 'short.dcm'),
      (e: unknown) => e instanceof DicomError && e.code === 'truncated-file',
    );
  });
});

describe('storedToHu', () => {
  it('applies slope and intercept and replaces padding', () => {
    const r = storedToHu(new Int32Array([-2000, 0, 10]), 0.5, -1000, { lo: -2000, hi: -2000 }, -1024);
    assert.deepEqual([...r.hu], [-1024, -1000, -995]);
    assert.equal(r.paddedCount, 1);
  });
});

describe('frameToHuInto', () => {
  it('writes the same HU as the two-step conversion for every length, slope and sign', () => {
    for (const columns of [1, 3, 4, 5, 7, 8, 13]) {
      for (const pixelRepresentation of [0, 1] as const) {
        for (const [slope, intercept] of [
          [1, -1024],
          [0.5, -1000],
          [2.1, 3.7],
        ] as const) {
          const f = fmt({ columns, pixelRepresentation });
          const values = Array.from({ length: columns }, (_, i) =>
            pixelRepresentation === 1 ? ((i * 7919) % 4000) - 2000 : (i * 7919) % 4000,
          );
          const bytes = words16(values);
          const expected = storedToHu(storedValues(bytes, f, 't'), slope, intercept, null, null).hu;
          const out = new Float32Array(columns + 3).fill(99);
          assert.equal(frameToHuInto(bytes, f, slope, intercept, null, null, 't', out, 2), 0);
          const at = `${columns} columns, PR ${pixelRepresentation}, slope ${slope}`;
          assert.deepEqual([...out.subarray(2, 2 + columns)], [...expected], at);
          assert.deepEqual([out[0], out[1], out[columns + 2]], [99, 99, 99], `${at}: outside untouched`);
        }
      }
    }
  });
});

describe('readPaddingRange', () => {
  it('returns null without PixelPaddingValue and orders a range given high to low', () => {
    assert.equal(readPaddingRange({}, fmt({})), null);
    assert.deepEqual(
      readPaddingRange(
        { PixelPaddingValue: 100, PixelPaddingRangeLimit: 10 },
        fmt({ pixelRepresentation: 0 }),
      ),
      { lo: 10, hi: 100 },
    );
  });
});

describe('readPixelFormat', () => {
  it('reads the pixel module with defaults for optional attributes', () => {
    assert.deepEqual(
      readPixelFormat({ Rows: 2, Columns: 3, BitsAllocated: 16 }, 's'),
      fmt({ rows: 2, columns: 3, pixelRepresentation: 0 }),
    );
  });

  it('throws unsupported-pixel-format for an impossible HighBit', () => {
    assert.throws(
      () => readPixelFormat({ Rows: 2, Columns: 3, BitsAllocated: 16, BitsStored: 12, HighBit: 3 }, 's'),
      (e: unknown) => e instanceof DicomError && e.code === 'unsupported-pixel-format',
    );
  });
});
