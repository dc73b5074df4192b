import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelArtifact } from '../../../src/model/artifact.ts';
import { FIGURE_FILES } from '../../../src/model/figures/report.ts';
import { bonemet } from '../../support/cli-runner.ts';
import { trainingCohort, writeCohortCsv } from '../../support/training-cohort.ts';

// 106 patients, 84 train / 22 test as the study; 120 features (10 informative, near-duplicate groups).
const cohort = trainingCohort({ n: 106, train: 84, p: 120, informative: 10, seed: 3 });

describe('bonemet train', () => {
  let dir = '';
  let files = { features: '', clinical: '' };
  const args = (out: string, seed = '5'): string[] => [
    'train',
    '--features',
    files.features,
    '--clinical',
    files.clinical,
    '--id',
    'id',
    '--label',
    'bone_metastasis',
    '--split',
    'split',
    '--seed',
    seed,
    '--out',
    out,
    '--created',
    '2026-01-01T00:00:00Z',
    '--synthetic',
  ];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-train-'));
    files = writeCohortCsv(dir, cohort);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes byte-identical model.json, tables, figures and report when run twice with the same seed', () => {
    const a = bonemet(args(join(dir, 'a')));
    const b = bonemet(args(join(dir, 'b')));
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.match(a.stderr, /bonemet train: mRMR: 20 features selected/);
    const printed = a.stdout.trim().split('\n');
    assert.match(printed[0] ?? '', /^Model\s+Set\s+ACC\s+AUC\s+95% CI\s+SEN\s+SPE\s+PPV\s+NPV$/);
    assert.equal(
      printed.length,
      1 + 16,
      'Table 2 printed on stdout: 7 classifiers and the nomogram, train and test',
    );
    assert.match(a.stdout, /\nlogistic-regression\s+test\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}-[01]\.\d{3}/);
    assert.equal(a.stdout, b.stdout);
    const outputs = ['model.json', 'table1.csv', 'table2.csv', 'report.html', ...FIGURE_FILES];
    for (const f of outputs) {
      assert.ok(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), `${f} differs`);
    }
    const artifact = parseModelArtifact(JSON.parse(readFileSync(join(dir, 'a', 'model.json'), 'utf8')));
    assert.equal(artifact.trainingData.synthetic, true);
    assert.equal(artifact.trainingData.trainRows, 84);
    assert.equal(artifact.features.length, 20);
    assert.equal(artifact.metrics.classifiers.length, 7);
    assert.ok(artifact.nomogram.stepwise.includes('radScore'));
    const logistic = artifact.metrics.classifiers.find((c) => c.model === 'logistic-regression');
    assert.ok(logistic?.test && logistic.test.auc > 0.7, `logistic test AUC ${logistic?.test?.auc}`);
    const table2 = readFileSync(join(dir, 'a', 'table2.csv'), 'utf8').split('\n');
    assert.equal(table2[0], 'Model,Set,ACC,AUC,95% CI,SEN,SPE,PPV,NPV');
    assert.equal(table2.length, 1 + 16 + 1);
    const table1 = readFileSync(join(dir, 'a', 'table1.csv'), 'utf8');
    assert.match(table1, /^Variable,Level,Train,Test,P,Test used\nn,,84,22,,\n/);
    assert.match(table1, /\nage,median \[IQR\],[^\n]*Kruskal-Wallis\n/);
  });

  it('exits 2 naming the column when the label column is absent', () => {
    const r = bonemet([...args(join(dir, 'c')).map((a) => (a === 'bone_metastasis' ? 'outcome' : a))]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /column 'outcome' is not in the header/);
  });
});
