import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickPatients, runDemoModel } from '../../../src/cli/demo-model.ts';
import { parseModelArtifact } from '../../../src/model/artifact.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';
import { bonemet } from '../../support/cli-runner.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const quiet = (): void => undefined;

describe('pickPatients', () => {
  it('keeps every split x outcome group with at least 2 patients when a subset is asked for', () => {
    const picked = pickPatients(makeCohort(1), 20);
    for (const split of ['train', 'test']) {
      for (const event of [true, false]) {
        const m = picked.filter((p) => p.split === split && p.event === event).length;
        assert.ok(m >= 2, `${split}/${event}: ${m}`);
      }
    }
    assert.deepEqual(
      picked.map((p) => p.id),
      [...picked.map((p) => p.id)].sort(),
      'cohort order',
    );
  });

  it('returns the whole cohort when n is its size', () => {
    assert.equal(pickPatients(makeCohort(1), 106).length, 106);
  });
});

describe('runDemoModel', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-demo-model-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes byte-identical synthetic artifacts and cards when run twice with the same seed', async () => {
    const opts = (name: string) => ({
      out: join(dir, name),
      seed: '1',
      size: 'small',
      patients: '40',
      created: '2026-01-01T00:00:00Z',
    });
    const a = await runDemoModel(opts('a'), quiet, quiet);
    const b = await runDemoModel(opts('b'), quiet, quiet);
    const artifact = parseModelArtifact(JSON.parse(readFileSync(a.artifactPath, 'utf8')));
    assert.equal(artifact.trainingData.synthetic, true);
    assert.match(artifact.intendedUse, /^Demonstration only, synthetic data, not for clinical use/);
    assert.equal(artifact.radiomics.featureCount, 1197);
    assert.equal(artifact.trainingData.n + a.excluded.length, pickPatients(makeCohort(1), 40).length);
    assert.ok(readFileSync(a.artifactPath).equals(readFileSync(b.artifactPath)), 'artifact differs');
    assert.ok(readFileSync(a.cardPath).equals(readFileSync(b.cardPath)), 'model card differs');
    for (const f of ['features.csv', 'clinical.csv', 'table2.csv', 'report.html']) {
      assert.ok(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), `${f} differs`);
    }
    assert.match(readFileSync(a.cardPath, 'utf8'), /synthetic data, not for clinical use/);
  });

  it('throws a SettingsError when the size is unknown', async () => {
    await assert.rejects(
      runDemoModel({ out: join(dir, 'x'), seed: '1', size: 'huge' }, quiet, quiet),
      /--size must be small or full/,
    );
  });
});

describe('registerDemoModel', () => {
  it('exits 2 naming the option when bonemet demo-model gets an unknown size', () => {
    const r = bonemet(['demo-model', '--out', join(tmpdir(), 'bonemet-demo-model-unused'), '--size', 'huge']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /SettingsError \(invalid-setting\): --size must be small or full, got 'huge'/);
  });
});

describe('models/demo-synthetic.json', () => {
  const path = join(PROJECT_ROOT, 'models', 'demo-synthetic.json');
  it('parses as a model artifact that says synthetic when loaded', () => {
    const artifact = parseModelArtifact(JSON.parse(readFileSync(path, 'utf8')));
    assert.equal(artifact.trainingData.synthetic, true);
    assert.equal(artifact.disclaimer, 'demonstration model, synthetic data, not for clinical use');
    assert.equal(artifact.radiomics.featureCount, 1197);
  });
});
