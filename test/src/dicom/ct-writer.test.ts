import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDs, MR_IMAGE_STORAGE, writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { readCtSlice } from '../../../src/dicom/ct-slice.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { slicesToVolume } from '../../../src/dicom/series-volume.ts';
import { DicomError } from '../../../src/errors.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { assertSameVolume, integerHuVolume, shuffled, testGrid } from '../../support/ct-fixtures.ts';

async function roundTrip(volume: Volume, options: Parameters<typeof writeCtSeries>[1]): Promise<Volume> {
  const files = await writeCtSeries(volume, options);
  const slices = await Promise.all(shuffled(files, 3).map((f, i) => readCtSlice(f, `file-${i}`)));
  return slicesToVolume(slices).volume;
}

describe('writeCtSeries', () => {
  for (const encoding of ['explicit', 'implicit', 'rle', 'jpeg2000'] as const) {
    it(`round-trips a 7x5x4 integer-HU volume voxel for voxel when encoded as ${encoding}`, async () => {
      const v = integerHuVolume(testGrid([7, 5, 4]), 21);
      assertSameVolume(await roundTrip(v, { seed: 'rt', encoding }), v, 1e-9);
    });
  }

  it('round-trips unsigned 12-bit pixels with intercept -1024 and a rotated, left-handed direction', async () => {
    const grid = testGrid([6, 4, 3], [0.5, 0.6, 1.5], [3, -4, 5], [-1, 0, 0, 0, 1, 0, 0, 0, -1]);
    const v = integerHuVolume(grid, 5, -1024, 3071);
    const back = await roundTrip(v, { seed: 1, pixelRepresentation: 0, bitsStored: 12 });
    assertSameVolume(back, v, 1e-9);
  });

  it('writes geometry a reader takes back to the same grid for an oblique orientation', async () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const grid = testGrid([3, 3, 3], [0.7, 0.7, 2], [1, 2, 3], [c, 0, s, 0, 1, 0, -s, 0, c]);
    const v = integerHuVolume(grid, 9);
    assertSameVolume(await roundTrip(v, { seed: 2 }), v, 1e-4);
  });

  it('gives the same bytes and UIDs for the same seed and different ones for another seed', async () => {
    const v = integerHuVolume(testGrid([3, 2, 2]), 1);
    const a = await writeCtSeries(v, { seed: 'x' });
    const b = await writeCtSeries(v, { seed: 'x' });
    const c = await writeCtSeries(v, { seed: 'y' });
    assert.deepEqual(a, b);
    const uid = (f: Uint8Array): unknown => readPart10(f, 'f').dataset.SeriesInstanceUID;
    assert.notEqual(uid(a[0]), uid(c[0]));
    assert.match(String(uid(a[0])), /^2\.25\.\d{1,39}$/);
  });

  it('uses given UIDs and numbers instances from the top when descending', async () => {
    const v = integerHuVolume(testGrid([2, 2, 3]), 1);
    const files = await writeCtSeries(v, {
      seed: 1,
      studyInstanceUid: '1.2.3',
      seriesInstanceUid: '1.2.3.4',
      instanceNumbering: 'descending',
    });
    const ds = files.map((f) => readPart10(f, 'f').dataset);
    assert.deepEqual(
      ds.map((d) => d.InstanceNumber),
      [3, 2, 1],
    );
    assert.ok(ds.every((d) => d.StudyInstanceUID === '1.2.3' && d.SeriesInstanceUID === '1.2.3.4'));
    assert.equal(new Set(ds.map((d) => d.SOPInstanceUID)).size, 3);
  });

  it('round-trips contrast, kernel, thickness and modality through the decoder', async () => {
    const v = integerHuVolume(testGrid([3, 2, 4], [0.7, 0.7, 2.5]), 8);
    const files = await writeCtSeries(v, {
      seed: 'acq',
      contrastBolusAgent: 'OMNIPAQUE 350',
      contrastBolusRoute: 'IV',
      contrastBolusVolumeMl: 80,
      contrastBolusStartTime: '101500',
      convolutionKernel: 'B30f',
      sliceThicknessMm: 3,
      seriesDescription: 'Chest CT with contrast',
    });
    const slices = await Promise.all(shuffled(files, 4).map((f, i) => readCtSlice(f, `file-${i}`)));
    const sv = slicesToVolume(slices);
    assertSameVolume(sv.volume, v, 1e-9);
    assert.deepEqual(sv.acquisition, {
      sliceCount: 4,
      modality: ['CT'],
      contrastBolusAgent: ['OMNIPAQUE 350'],
      contrastBolusRoute: ['IV'],
      contrastBolusVolumeMl: { min: 80, max: 80 },
      contrastBolusStartTime: ['101500'],
      sliceThicknessMm: { min: 3, max: 3 },
      convolutionKernel: ['B30f'],
      manufacturer: ['BoneMet Risk synthetic'],
      manufacturerModelName: [],
      seriesDescription: ['Chest CT with contrast'],
    });
  });

  it('writes no contrast or kernel attribute unless asked, and the z spacing as SliceThickness', async () => {
    const [file] = await writeCtSeries(integerHuVolume(testGrid([2, 2, 1]), 1), { seed: 1 });
    const ds = readPart10(file, 'f').dataset;
    for (const k of ['ContrastBolusAgent', 'ContrastBolusRoute', 'ContrastBolusVolume', 'ConvolutionKernel'])
      assert.equal(ds[k], undefined, k);
    assert.equal(Number(ds.SliceThickness), 2.5);
    assert.equal(ds.Modality, 'CT');
  });

  it('writes MR Image Storage instances, which the CT decoder refuses naming the modality', async () => {
    const [file] = await writeCtSeries(integerHuVolume(testGrid([2, 2, 1]), 1), { seed: 1, modality: 'MR' });
    const ds = readPart10(file, 'f').dataset;
    assert.equal(ds.Modality, 'MR');
    assert.equal(ds.SOPClassUID, MR_IMAGE_STORAGE);
    assert.equal(ds.RescaleType, undefined);
    await assert.rejects(
      readCtSlice(file, 'mr.dcm'),
      (e: unknown) =>
        e instanceof DicomError && e.code === 'unsupported-modality' && /Modality MR/.test(e.message),
    );
  });

  it('throws value-out-of-range naming the voxel when HU do not fit the stored bits', async () => {
    const v = { grid: testGrid([2, 1, 1]), data: new Float32Array([0, 5000]) };
    await assert.rejects(
      writeCtSeries(v, { seed: 1, bitsStored: 12 }),
      (e: unknown) => e instanceof DicomError && e.code === 'value-out-of-range' && /5000 HU/.test(e.message),
    );
  });
});

describe('formatDs', () => {
  it('keeps every decimal string within 16 characters and close to the number', () => {
    for (const x of [
      0,
      1,
      -1024,
      0.1 + 0.2,
      -117.38281250000001,
      1 / 3,
      123456789.12345679,
      -0.000012345678912345,
      1e-20,
    ]) {
      const s = formatDs(x);
      assert.ok(s.length <= 16, `${x} -> ${s}`);
      assert.ok(Math.abs(Number(s) - x) <= Math.max(1e-9, Math.abs(x) * 1e-10), `${x} -> ${s}`);
    }
  });
});
