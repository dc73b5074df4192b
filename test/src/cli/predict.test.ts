import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bonemet } from '../../support/cli-runner.ts';
import { trainingCohort, writeCohortCsv } from '../../support/training-cohort.ts';

const cohort = trainingCohort({ n: 80, train: 64, p: 40, informative: 8, seed: 8 });

describe('bonemet predict', () => {
  let dir = '';
  let model = '';
  let input = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-predict-'));
    const files = writeCohortCsv(dir, cohort);
    const out = join(dir, 'out');
    const r = bonemet([
      'train',
      ...['--features', files.features, '--clinical', files.clinical, '--id', 'id'],
      ...['--label', 'bone_metastasis', '--seed', '2', '--out', out, '--created', '2026-01-01T00:00:00Z'],
    ]);
    assert.equal(r.status, 0, r.stderr);
    model = join(out, 'model.json');
    // One input file: features and clinical columns side by side.
    const f = readFileSync(files.features, 'utf8').trim().split('\n');
    const c = readFileSync(files.clinical, 'utf8').trim().split('\n');
    input = join(dir, 'input.csv');
    writeFileSync(
      input,
      `${f.map((line, i) => `${line},${c[i].split(',').slice(1).join(',')}`).join('\n')}\n`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds radScore, probability and category columns matching the artifact', () => {
    const r = bonemet(['predict', '--model', model, '--input', input]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 81);
    const header = lines[0].split(',');
    assert.deepEqual(header.slice(-3), ['radScore', 'probability', 'category']);
    const artifact = JSON.parse(readFileSync(model, 'utf8'));
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const p = Number(cells.at(-2));
      assert.ok(p > 0 && p < 1, `probability ${p}`);
      const cut = artifact.thresholds.categories[1].fromProbability;
      assert.equal(cells.at(-1), p >= cut ? 'high' : 'low');
    }
  });

  it('exits 2 naming the field when the artifact has a wrong format tag or schema version', () => {
    const artifact = JSON.parse(readFileSync(model, 'utf8'));
    const wrongTag = join(dir, 'wrong-tag.json');
    writeFileSync(wrongTag, JSON.stringify({ ...artifact, format: 'other-model' }));
    const a = bonemet(['predict', '--model', wrongTag, '--input', input]);
    assert.equal(a.status, 2);
    assert.match(a.stderr, /ModelArtifactError \(wrong-format\): format must be 'bonemet-model'/);
    const wrongVersion = join(dir, 'wrong-version.json');
    writeFileSync(wrongVersion, JSON.stringify({ ...artifact, schemaVersion: 9 }));
    const b = bonemet(['predict', '--model', wrongVersion, '--input', input]);
    assert.equal(b.status, 2);
    assert.match(b.stderr, /unsupported-version.*schemaVersion 9/);
  });
});
