import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCtSeries } from '../../src/dicom/ct-writer.ts';
import type { CtWriterOptions } from '../../src/dicom/ct-writer.ts';
import { chooseCtSeries, createDicomWebSource, summariseSeries } from '../../src/dicom/dicomweb-source.ts';
import { writeSegmentation } from '../../src/dicom/seg-writer.ts';
import { readSegmentation } from '../../src/dicom/seg-reader.ts';
import type { DicomWebSource } from '../../src/dicom/dicomweb-source.ts';
import { fetchSeriesVolume } from '../../src/dicom/fetch-series.ts';
import { readDicomFolder } from '../../src/dicom/folder.ts';
import { readPart10 } from '../../src/dicom/part10.ts';
import { runFetch } from '../../src/cli/fetch.ts';
import { parseNrrd } from '../../src/volume/io/nrrd.ts';
import { rasterToVolume } from '../../src/volume/io/raster.ts';
import type { Volume } from '../../src/volume/types.ts';
import type { SegReference } from '../../src/dicom/seg-writer.ts';
import { makeGrid } from '../../src/volume/grid.ts';
import { startOrthanc } from '../support/orthanc.ts';
import { enhancedCtFile } from '../support/dicom-files.ts';
import type { OrthancServer } from '../support/orthanc.ts';
import { referencePath } from '../support/reference.ts';
import { assertSameVolume, integerHuVolume, shuffled, testGrid } from '../support/ct-fixtures.ts';

/**
 * Generated volume -> DICOM CT series -> real Orthanc (uploaded in scrambled order) -> DICOMweb
 * (QIDO-RS + WADO-RS with transfer-syntax=*) -> Volume: equal voxel for voxel, geometry within 1e-4 mm.
 * The real scanner series loads from its folder and through Orthanc into the same Volume.
 */

const GEOMETRY_TOL_MM = 1e-4;
let orthanc: OrthancServer;
let source: DicomWebSource;

async function upload(files: readonly Uint8Array[], seed: number): Promise<void> {
  for (const f of shuffled(files, seed)) await orthanc.upload(f);
}

async function roundTrip(
  volume: Volume,
  options: CtWriterOptions,
  seed: number,
): Promise<{ back: Volume; syntaxes: Set<string> }> {
  const files = await writeCtSeries(volume, options);
  await upload(files, seed);
  const study = String(readPart10(files[0], 'first').dataset.StudyInstanceUID);
  const ref = await chooseCtSeries(source, study);
  const back = await fetchSeriesVolume(source, ref);
  assert.deepEqual(back.warnings, []);
  const raw = await source.retrieveSeries(ref);
  return {
    back: back.volume,
    syntaxes: new Set(raw.map((f) => readPart10(f, 'retrieved').transferSyntaxUid)),
  };
}

/** The SEG reference of a written CT series: its study, series and frame of reference, slice UIDs in z order. */
function segReferenceOf(files: readonly Uint8Array[]): SegReference {
  const first = readPart10(files[0], 'ct').dataset;
  return {
    studyInstanceUid: String(first.StudyInstanceUID),
    seriesInstanceUid: String(first.SeriesInstanceUID),
    frameOfReferenceUid: String(first.FrameOfReferenceUID),
    sopInstanceUids: files.map((f) => String(readPart10(f, 'ct').dataset.SOPInstanceUID)),
  };
}

/** The study's one SEG instance, found by QIDO-RS (Modality SEG) and retrieved by WADO-RS. */
async function retrieveOnlySeg(studyInstanceUid: string): Promise<Uint8Array> {
  const segSeries = (await source.searchSeries(studyInstanceUid, { Modality: 'SEG' })).map((d) =>
    summariseSeries(studyInstanceUid, d),
  );
  assert.equal(segSeries.length, 1);
  const segRef = segSeries[0];
  assert.ok(segRef !== undefined);
  const files = await source.retrieveSeries(segRef);
  assert.equal(files.length, 1);
  return files[0];
}

/** The same voxels and physical positions with the z axis reversed (what a reader sees of a left-handed grid). */
function flipZ(v: Volume): Volume {
  const [nx, ny, nz] = v.grid.size;
  const plane = nx * ny;
  const data = new Float32Array(v.data.length);
  for (let k = 0; k < nz; k++) data.set(v.data.subarray((nz - 1 - k) * plane, (nz - k) * plane), k * plane);
  const d = v.grid.direction;
  const dz = v.grid.spacingMm[2] * (nz - 1);
  const o = v.grid.originLpsMm;
  const origin = [o[0] + d[2] * dz, o[1] + d[5] * dz, o[2] + d[8] * dz] as const;
  const dir = [d[0], d[1], -d[2], d[3], d[4], -d[5], d[6], d[7], -d[8]] as const;
  return { grid: makeGrid(v.grid.size, v.grid.spacingMm, origin, dir), data };
}

describe('DICOMweb round trip through Orthanc', () => {
  before(async () => {
    orthanc = await startOrthanc();
    source = createDicomWebSource({ baseUrl: orthanc.dicomWebUrl, allowedOrigins: [orthanc.baseUrl] });
  });
  after(async () => {
    await orthanc?.stop();
  });

  it('returns the volume voxel for voxel when instances were uploaded in shuffled order', async () => {
    const v = integerHuVolume(testGrid([16, 12, 6], [0.7, 0.8, 2.5], [-30.5, 12.25, 101.75]), 1);
    const { back, syntaxes } = await roundTrip(v, { seed: 'shuffled' }, 11);
    assertSameVolume(back, v, GEOMETRY_TOL_MM);
    assert.deepEqual([...syntaxes], ['1.2.840.10008.1.2.1']);
  });

  it('returns the volume when InstanceNumber runs against z (descending z)', async () => {
    const v = integerHuVolume(testGrid([9, 7, 5], [1.1, 1.1, 3], [0, 0, 400]), 2);
    const { back } = await roundTrip(v, { seed: 'descending', instanceNumbering: 'descending' }, 12);
    assertSameVolume(back, v, GEOMETRY_TOL_MM);
  });

  it('returns a left-handed volume as the same voxels in space with z reversed', async () => {
    const v = integerHuVolume(
      testGrid([6, 5, 4], [0.9, 0.9, 2], [10, -20, 300], [1, 0, 0, 0, 1, 0, 0, 0, -1]),
      3,
    );
    const { back } = await roundTrip(v, { seed: 'left-handed' }, 13);
    assertSameVolume(back, flipZ(v), GEOMETRY_TOL_MM);
  });

  it('returns a volume whose row direction is (-1, 0, 0)', async () => {
    const v = integerHuVolume(
      testGrid([8, 6, 4], [0.6, 0.75, 1.25], [55.5, -12, -80], [-1, 0, 0, 0, 1, 0, 0, 0, -1]),
      4,
    );
    const { back } = await roundTrip(v, { seed: 'rotated' }, 14);
    assertSameVolume(back, v, GEOMETRY_TOL_MM);
  });

  it('returns unsigned 12-bit pixels with intercept -1024 as the same HU', async () => {
    const v = integerHuVolume(testGrid([10, 8, 4]), 5, -1024, 3071);
    const { back } = await roundTrip(
      v,
      { seed: 'unsigned', pixelRepresentation: 0, bitsStored: 12, rescaleIntercept: -1024 },
      15,
    );
    assertSameVolume(back, v, GEOMETRY_TOL_MM);
  });

  it('hands back RLE, JPEG 2000 and JPEG-LS instances as stored and decodes them to the same HU', async () => {
    const syntaxOf = {
      rle: '1.2.840.10008.1.2.5',
      jpeg2000: '1.2.840.10008.1.2.4.90',
      'jpeg-ls': '1.2.840.10008.1.2.4.80',
    } as const;
    for (const encoding of ['rle', 'jpeg2000', 'jpeg-ls'] as const) {
      const v = integerHuVolume(testGrid([12, 9, 3]), 6);
      const { back, syntaxes } = await roundTrip(v, { seed: `enc-${encoding}`, encoding }, 16);
      assertSameVolume(back, v, GEOMETRY_TOL_MM, encoding);
      assert.deepEqual([...syntaxes], [syntaxOf[encoding]]);
    }
  });

  it('gives the same volume when retrieving instance by instance', async () => {
    const v = integerHuVolume(testGrid([5, 4, 7]), 7);
    const files = await writeCtSeries(v, {
      seed: 'per-instance',
      studyInstanceUid: '1.2.826.0.1.3680043.2.1',
      seriesInstanceUid: '1.2.826.0.1.3680043.2.1.1',
    });
    await upload(files, 17);
    const ref = {
      studyInstanceUid: '1.2.826.0.1.3680043.2.1',
      seriesInstanceUid: '1.2.826.0.1.3680043.2.1.1',
    };
    const back = await fetchSeriesVolume(source, ref, { retrieve: 'instances' });
    assertSameVolume(back.volume, v, GEOMETRY_TOL_MM);
  });

  it('writes the fetched series as NRRD through the fetch command', async () => {
    const v = integerHuVolume(testGrid([6, 6, 3], [0.5, 0.5, 1], [1, 2, 3]), 8);
    const files = await writeCtSeries(v, { seed: 'cli' });
    await upload(files, 18);
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-fetch-'));
    try {
      const out = join(dir, 'vol.nrrd');
      const lines: string[] = [];
      const study = String(readPart10(files[0], 'f').dataset.StudyInstanceUID);
      await runFetch({ dicomweb: orthanc.dicomWebUrl, study, out }, {}, (l) => lines.push(l));
      const back = rasterToVolume(parseNrrd(new Uint8Array(readFileSync(out)), out));
      assertSameVolume(back, v, GEOMETRY_TOL_MM);
      assert.ok(lines.some((l) => /6x6x3 voxels/.test(l)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns an Enhanced CT (one multi-frame instance) as the same volume', async () => {
    const v = integerHuVolume(testGrid([7, 6, 5], [0.6, 0.6, 1.5], [4, 4, 4]), 10, -1024, 2000);
    const file = enhancedCtFile(v, [4, 2, 0, 3, 1], 'rle');
    await orthanc.upload(file);
    const study = String(readPart10(file, 'enh').dataset.StudyInstanceUID);
    const back = await fetchSeriesVolume(source, await chooseCtSeries(source, study));
    assertSameVolume(back.volume, v, GEOMETRY_TOL_MM);
  });

  it('stores a DICOM SEG beside its CT and reads it back onto the fetched CT grid', async () => {
    const v = integerHuVolume(
      testGrid([8, 7, 4], [0.8, 0.8, 2], [5, 5, 5], [-1, 0, 0, 0, 1, 0, 0, 0, -1]),
      9,
    );
    const files = await writeCtSeries(v, { seed: 'with-seg' });
    await upload(files, 20);
    const mask = { grid: v.grid, data: Uint8Array.from(v.data, (hu) => (hu > 1500 ? 1 : 0)) };
    const reference = segReferenceOf(files);
    const segBytes = writeSegmentation(
      mask,
      reference,
      [{ label: 1, name: 'dense', algorithmType: 'AUTOMATIC' }],
      { seed: 'seg' },
    );
    await orthanc.upload(segBytes);
    const ct = await chooseCtSeries(source, reference.studyInstanceUid);
    assert.equal(ct.seriesInstanceUid, reference.seriesInstanceUid);
    const volume = (await fetchSeriesVolume(source, ct)).volume;
    const segFile = await retrieveOnlySeg(reference.studyInstanceUid);
    const seg = readSegmentation(segFile, volume.grid, 'retrieved SEG');
    assert.deepEqual(seg.mask.data, mask.data);
    assert.equal(seg.referencedSeriesInstanceUid, reference.seriesInstanceUid);
  });

  it('stores a FRACTIONAL SEG of a fraction map and reads it back as fractions >= 0.5 on the fetched CT grid', async () => {
    const v = integerHuVolume(
      testGrid([9, 7, 5], [0.7, 0.8, 2.5], [-12, 30, 60], [-1, 0, 0, 0, 1, 0, 0, 0, -1]),
      21,
    );
    const files = await writeCtSeries(v, { seed: 'with-fractional-seg' });
    await upload(files, 21);
    const reference = segReferenceOf(files);
    // HU mapped onto 0..1, the second slice left at 0 (no frame), and the first voxels just either side of 0.5.
    const fractions = Float32Array.from(v.data, (hu, i) =>
      Math.floor(i / 63) === 1 ? 0 : (hu + 1024) / 4095,
    );
    fractions.set([0.5, Math.fround(0.49999997), 128 / 255, 127 / 255, 1, 0]);
    const segBytes = writeSegmentation(
      { grid: v.grid, fractions },
      reference,
      [{ label: 1, name: 'marrow probability', algorithmType: 'AUTOMATIC', algorithmName: 'HU ramp' }],
      { seed: 'fractional-seg' },
    );
    await orthanc.upload(segBytes);
    const volume = (await fetchSeriesVolume(source, await chooseCtSeries(source, reference.studyInstanceUid)))
      .volume;
    assertSameVolume(volume, v, GEOMETRY_TOL_MM);
    const segFile = await retrieveOnlySeg(reference.studyInstanceUid);
    assert.deepEqual(segFile, segBytes);
    const stored = readPart10(segFile, 'retrieved SEG').dataset;
    assert.equal(stored.SegmentationType, 'FRACTIONAL');
    assert.equal(stored.SegmentationFractionalType, 'PROBABILITY');
    assert.equal(stored.MaximumFractionalValue, 255);
    assert.equal(stored.NumberOfFrames, 4);
    const seg = readSegmentation(segFile, volume.grid, 'retrieved SEG');
    const expected = Uint8Array.from(fractions, (f) => (f >= 0.5 ? 1 : 0));
    assert.deepEqual([...expected.subarray(0, 6)], [1, 0, 1, 0, 1, 0]);
    assert.ok(expected.some((x) => x === 1) && expected.some((x) => x === 0));
    assert.deepEqual(seg.mask.data, expected);
    assert.equal(seg.referencedSeriesInstanceUid, reference.seriesInstanceUid);
    assert.equal(seg.frameOfReferenceUid, reference.frameOfReferenceUid);
  });

  it('loads the real scanner series from its folder and through Orthanc into the same volume', async () => {
    const folder = referencePath('realct', 'pancreas-ct-001');
    const fromFolder = await readDicomFolder(folder);
    const g = fromFolder.volume.grid;
    assert.deepEqual([...g.size], [512, 512, 134]);
    assert.deepEqual([...g.spacingMm], [1.07421875, 1.07421875, 3]);
    assert.deepEqual([...g.originLpsMm], [-275, -178.1, 85.91]);
    assert.deepEqual([...g.direction], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const names = readdirSync(folder).filter((n) => n.endsWith('.dcm'));
    await upload(
      names.map((n) => new Uint8Array(readFileSync(join(folder, n)))),
      19,
    );
    const ref = await chooseCtSeries(source, fromFolder.studyInstanceUid);
    assert.equal(ref.seriesInstanceUid, fromFolder.seriesInstanceUid);
    const viaWeb = await fetchSeriesVolume(source, ref);
    assertSameVolume(viaWeb.volume, fromFolder.volume, GEOMETRY_TOL_MM, 'real CT');
    assert.deepEqual(viaWeb.sopInstanceUids, fromFolder.sopInstanceUids);
  });
});
