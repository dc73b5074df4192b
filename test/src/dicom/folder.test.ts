import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDicomFolder, readDicomFolderAcquisition } from '../../../src/dicom/folder.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { DicomError } from '../../../src/errors.ts';
import { assertSameVolume, integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { referencePath } from '../../support/reference.ts';
import { ctFile, words16 } from '../../support/dicom-files.ts';

let dir = '';
const code = (c: string) => (e: unknown) => e instanceof DicomError && e.code === c;

describe('readDicomFolder', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-folder-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a generated series, skipping non-DICOM files and sub-folders', async () => {
    const sub = join(dir, 'one');
    mkdirSync(sub);
    const v = integerHuVolume(testGrid([5, 4, 6]), 3);
    (await writeCtSeries(v, { seed: 'folder' })).forEach((f, i) =>
      writeFileSync(join(sub, `im${(6 - i).toString().padStart(3, '0')}`), f),
    );
    writeFileSync(join(sub, 'README.md'), '# notes\n');
    mkdirSync(join(sub, 'nested'));
    const sv = await readDicomFolder(sub);
    assertSameVolume(sv.volume, v, 1e-9);
  });

  it('throws mixed-series listing the series when a folder holds two, and reads the one named', async () => {
    const sub = join(dir, 'two');
    mkdirSync(sub);
    const a = await writeCtSeries(integerHuVolume(testGrid([2, 2, 2]), 1), {
      seed: 'a',
      seriesInstanceUid: '1.2.3.1',
    });
    const b = await writeCtSeries(integerHuVolume(testGrid([2, 2, 3]), 2), {
      seed: 'b',
      seriesInstanceUid: '1.2.3.2',
    });
    [...a, ...b].forEach((f, i) => writeFileSync(join(sub, `f${i}.dcm`), f));
    await assert.rejects(
      readDicomFolder(sub),
      (e: unknown) => code('mixed-series')(e) && /1\.2\.3\.1 \(2 slices\)/.test(String(e)),
    );
    const sv = await readDicomFolder(sub, { seriesInstanceUid: '1.2.3.2' });
    assert.equal(sv.volume.grid.size[2], 3);
  });

  it('throws unsupported-modality naming the modality when the folder holds only an MR series', async () => {
    const sub = join(dir, 'mr');
    mkdirSync(sub);
    writeFileSync(join(sub, 'mr.dcm'), ctFile(2, 1, words16([1, 2]), { Modality: 'MR' }));
    writeFileSync(join(sub, 'notes.txt'), 'x');
    await assert.rejects(
      readDicomFolder(sub),
      (e: unknown) =>
        code('unsupported-modality')(e) &&
        /holds no CT image, only MR \(series 2\.25\.1003, 1 instance\)/.test(String(e)),
    );
  });

  it('skips non-CT instances beside a CT series', async () => {
    const sub = join(dir, 'ct-and-mr');
    mkdirSync(sub);
    const v = integerHuVolume(testGrid([2, 2, 3]), 4);
    (await writeCtSeries(v, { seed: 'beside' })).forEach((f, i) => writeFileSync(join(sub, `ct${i}.dcm`), f));
    writeFileSync(join(sub, 'mr.dcm'), ctFile(2, 1, words16([1, 2]), { Modality: 'MR' }));
    assertSameVolume((await readDicomFolder(sub)).volume, v, 1e-9);
  });

  it('throws empty-series when the folder holds no DICOM file', async () => {
    const sub = join(dir, 'none');
    mkdirSync(sub);
    writeFileSync(join(sub, 'notes.txt'), 'x');
    await assert.rejects(readDicomFolder(sub), code('empty-series'));
  });

  it('carries the series acquisition headers on the volume', async () => {
    const sub = join(dir, 'contrast');
    mkdirSync(sub);
    const v = integerHuVolume(testGrid([2, 2, 3]), 5);
    const files = await writeCtSeries(v, {
      seed: 'hdr',
      contrastBolusAgent: 'Iohexol',
      convolutionKernel: 'B',
    });
    files.forEach((f, i) => writeFileSync(join(sub, `ct${i}.dcm`), f));
    const { acquisition } = await readDicomFolder(sub);
    assert.deepEqual(acquisition.contrastBolusAgent, ['Iohexol']);
    assert.deepEqual(acquisition.convolutionKernel, ['B']);
    assert.deepEqual(acquisition.sliceThicknessMm, { min: 2.5, max: 2.5 });
  });

  it('reads the real scanner series with its documented geometry', async () => {
    const sv = await readDicomFolder(referencePath('realct', 'pancreas-ct-001'));
    const g = sv.volume.grid;
    assert.deepEqual([...g.size], [512, 512, 134]);
    assert.deepEqual([...g.spacingMm], [1.07421875, 1.07421875, 3]);
    assert.deepEqual([...g.originLpsMm], [-275, -178.1, 85.91]);
    assert.deepEqual(sv.warnings, []);
    assert.deepEqual(sv.acquisition.modality, ['CT']);
    assert.deepEqual(sv.acquisition.sliceThicknessMm, { min: 3, max: 3 });
    assert.deepEqual(sv.acquisition.convolutionKernel, ['B']);
    assert.deepEqual(sv.acquisition.manufacturer, ['Philips']);
    assert.deepEqual(sv.acquisition.manufacturerModelName, ['Brilliance Big Bore']);
    assert.deepEqual(sv.acquisition.contrastBolusAgent, []);
    let min = Infinity;
    let max = -Infinity;
    for (const x of sv.volume.data) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    assert.equal(min, -1000); // stored 0 with RescaleIntercept -1000
    assert.ok(max > 1000, `max ${max} HU shows bone`);
  });
});

describe('readDicomFolderAcquisition', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'bonemet-folder-acq-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads the headers of an MR series without decoding it', async () => {
    const sub = join(root, 'mr');
    mkdirSync(sub);
    const v = integerHuVolume(testGrid([2, 2, 4], [0.9, 0.9, 6]), 6, 0, 900);
    const files = await writeCtSeries(v, { seed: 'mr', modality: 'MR', seriesDescription: 'T1 VIBE' });
    files.forEach((f, i) => writeFileSync(join(sub, `mr${i}.dcm`), f));
    writeFileSync(join(sub, 'README.md'), '# notes');
    const a = await readDicomFolderAcquisition(sub);
    assert.equal(a.sliceCount, 4);
    assert.deepEqual(a.modality, ['MR']);
    assert.deepEqual(a.seriesDescription, ['T1 VIBE']);
    assert.deepEqual(a.sliceThicknessMm, { min: 6, max: 6 });
  });

  it('throws mixed-series for two series and empty-series for none', async () => {
    const sub = join(root, 'two');
    mkdirSync(sub);
    const a = await writeCtSeries(integerHuVolume(testGrid([2, 2, 1]), 1), {
      seed: 'a',
      seriesInstanceUid: '1.9.1',
    });
    const b = await writeCtSeries(integerHuVolume(testGrid([2, 2, 1]), 2), {
      seed: 'b',
      seriesInstanceUid: '1.9.2',
    });
    [...a, ...b].forEach((f, i) => writeFileSync(join(sub, `f${i}.dcm`), f));
    await assert.rejects(readDicomFolderAcquisition(sub), code('mixed-series'));
    assert.equal((await readDicomFolderAcquisition(sub, { seriesInstanceUid: '1.9.2' })).sliceCount, 1);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await assert.rejects(readDicomFolderAcquisition(empty), code('empty-series'));
  });
});
