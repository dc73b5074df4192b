import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import type { CtWriterOptions } from '../../../src/dicom/ct-writer.ts';
import { readCtSlice } from '../../../src/dicom/ct-slice.ts';
import { decodeJpegLosslessFrame } from '../../../src/dicom/jpeg-lossless.ts';
import { concatBytes, readPart10 } from '../../../src/dicom/part10.ts';
import { readPixelFormat } from '../../../src/dicom/pixel-data.ts';
import { slicesToVolume } from '../../../src/dicom/series-volume.ts';
import { JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 } from '../../../src/dicom/transfer-syntax.ts';
import { DicomError } from '../../../src/errors.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { assertSameVolume, integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { ensureOrthancInstalled } from '../../support/orthanc.ts';

/**
 * JPEG lossless (process 14) copies made by DCMTK's dcmcjpeg (first-order prediction, and selection
 * values 2 to 7 for the general syntax) decode to the same Volume as the uncompressed series. dcmcjpeg (Debian
 * package `dcmtk`) is installed by the imaging test harness when missing.
 */

let dir = '';

/** dcmcjpeg's JPEG lossless copy of one Part 10 file. */
function compress(bytes: Uint8Array, args: readonly string[], name: string): Uint8Array {
  const input = join(dir, `${name}.in.dcm`);
  const output = join(dir, `${name}.out.dcm`);
  writeFileSync(input, bytes);
  const r = spawnSync('dcmcjpeg', [...args, input, output], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dcmcjpeg failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(output));
}

async function readSeries(files: readonly Uint8Array[]): Promise<Volume> {
  const slices = await Promise.all(files.map((f, i) => readCtSlice(f, `im${i}`)));
  return slicesToVolume(slices).volume;
}

describe('decodeJpegLosslessFrame', () => {
  before(async () => {
    await ensureOrthancInstalled();
    dir = mkdtempSync(join(tmpdir(), 'bonemet-jpeg-lossless-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: readonly [string, CtWriterOptions, number, number][] = [
    ['signed 16-bit', {}, -1024, 3071],
    ['signed 16-bit over the full range', {}, -32768, 32767],
    [
      'unsigned 12-bit with intercept -1024',
      { pixelRepresentation: 0, bitsStored: 12, rescaleIntercept: -1024 },
      -1024,
      3071,
    ],
  ];
  const syntaxes: readonly [string, readonly string[], string][] = [
    ['first-order prediction', ['+e1'], JPEG_LOSSLESS_SV1],
    ...[2, 3, 4, 5, 6, 7].map((sv): [string, string[], string] => [
      `selection value ${sv}`,
      ['+el', '+sv', String(sv)],
      JPEG_LOSSLESS,
    ]),
  ];
  for (const [what, options, lo, hi] of cases) {
    for (const [how, args, syntax] of syntaxes) {
      it(`gives the same Volume as the uncompressed series when pixels are ${what} (${how})`, async () => {
        const v = integerHuVolume(testGrid([21, 14, 3]), 31, lo, hi);
        const files = await writeCtSeries(v, { ...options, seed: `jpeg-lossless-${what}` });
        const plain = await readSeries(files);
        const compressed = files.map((f, i) => compress(f, args, `s${i}`));
        const parsed = readPart10(compressed[0], 'compressed');
        assert.equal(parsed.transferSyntaxUid, syntax);
        assert.equal(parsed.pixelData?.encapsulated, true);
        const back = await readSeries(compressed);
        assertSameVolume(back, plain);
        assertSameVolume(back, v);
      });
    }
  }

  it('throws pixel-decode-failed when the stream size disagrees with the header', async () => {
    const v = integerHuVolume(testGrid([6, 5, 1]), 32);
    const [file] = await writeCtSeries(v, { seed: 'jpeg-lossless-size' });
    const parsed = readPart10(compress(file, ['+e1'], 'size'), 'size.dcm');
    const pd = parsed.pixelData;
    assert.ok(pd !== undefined && pd.encapsulated);
    const fmt = readPixelFormat(parsed.dataset, 'size.dcm');
    assert.throws(
      () => decodeJpegLosslessFrame(concatBytes(pd.frames), { ...fmt, rows: 7 }, 'size.dcm'),
      (e: unknown) =>
        e instanceof DicomError && e.code === 'pixel-decode-failed' && /size\.dcm/.test(String(e)),
    );
  });

  it('throws pixel-decode-failed for bytes that are not a JPEG stream', () => {
    const fmt = {
      rows: 2,
      columns: 2,
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      pixelRepresentation: 1,
    } as const;
    assert.throws(
      () => decodeJpegLosslessFrame(new Uint8Array([1, 2, 3, 4, 5, 6]), fmt, 'junk.dcm'),
      (e: unknown) => e instanceof DicomError && e.code === 'pixel-decode-failed',
    );
  });
});
