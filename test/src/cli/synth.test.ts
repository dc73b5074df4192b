import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runSynth } from '../../../src/cli/synth.ts';
import { readDicomFolder } from '../../../src/dicom/folder.ts';
import { readSegmentation } from '../../../src/dicom/seg-reader.ts';
import { parseCsv } from '../../../src/cli/csv.ts';
import { SettingsError } from '../../../src/errors.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const BIN = join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs');
const quiet = (): void => undefined;

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path)];
    });
}

describe('runSynth', () => {
  it('writes byte-identical outputs when run twice with the same seed', async () => {
    const a = mkdtempSync(join(tmpdir(), 'bonemet-synth-a-'));
    const b = mkdtempSync(join(tmpdir(), 'bonemet-synth-b-'));
    try {
      const sa = await runSynth({ patients: '2', seed: '11', out: a, small: true }, quiet);
      await runSynth({ patients: '2', seed: '11', out: b, small: true }, quiet);
      const files = listFiles(a);
      assert.equal(files.length, sa.files);
      assert.deepEqual(listFiles(b), files);
      for (const f of files) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('writes a readable CT series, a SEG of the true marrow, a bundle and both CSVs per patient', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-synth-'));
    try {
      await runSynth({ patients: '1', seed: '3', out: dir, small: true }, quiet);
      const clinical = parseCsv(readFileSync(join(dir, 'clinical.csv'), 'utf8'));
      assert.deepEqual(clinical.header, [
        'id',
        'bone_met',
        'split',
        'age',
        'er',
        'pr',
        'her2',
        'ki67',
        'subtype',
      ]);
      assert.equal(clinical.rows.length, 1);
      const id = clinical.rows[0][0];
      const truth = parseCsv(readFileSync(join(dir, 'truth.csv'), 'utf8'));
      const col = (name: string): string => truth.rows[0][truth.header.indexOf(name)];
      const ct = await readDicomFolder(join(dir, id, 'ct'));
      assert.equal(ct.studyInstanceUid, col('study_uid'));
      assert.equal(ct.seriesInstanceUid, col('ct_series_uid'));
      assert.equal(ct.volume.grid.size[2], Number(col('ct_slices')));
      const seg = readSegmentation(new Uint8Array(readFileSync(join(dir, id, 'seg.dcm'))), ct.volume.grid);
      assert.equal(seg.referencedSeriesInstanceUid, col('ct_series_uid'));
      let voxels = 0;
      for (const v of seg.mask.data) voxels += v === 1 ? 1 : 0;
      assert.equal(voxels, Number(col('marrow_voxels')));
      const bundle = JSON.parse(readFileSync(join(dir, id, 'bundle.json'), 'utf8')) as { type: string };
      assert.equal(bundle.type, 'transaction');
      assert.ok(readFileSync(join(dir, id, 'bundle.json'), 'utf8').includes(`urn:oid:${col('study_uid')}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws a SettingsError when --patients is outside 1..106', async () => {
    await assert.rejects(runSynth({ patients: '107', seed: '1', out: tmpdir() }, quiet), SettingsError);
    await assert.rejects(runSynth({ patients: 'x', seed: '1', out: tmpdir() }, quiet), SettingsError);
  });
});

describe('registerSynth', () => {
  it('documents its options when asked for help through the bonemet binary', () => {
    const r = spawnSync(process.execPath, [BIN, 'synth', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0);
    for (const word of ['--patients', '--seed', '--out', '--small']) assert.ok(r.stdout.includes(word), word);
  });
});
