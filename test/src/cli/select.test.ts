import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectFeatures } from '../../../src/cli/select.ts';
import { readRModelReference } from '../../support/r-model-reference.ts';
import { bonemet, writeCsv } from '../../support/cli-runner.ts';

const ref = readRModelReference().selection;

describe('bonemet select', () => {
  let dir = '';
  let csv = '';
  const features = ref.names.join(',');
  const run = (...extra: string[]): string[] => {
    const r = bonemet(['select', '--input', csv, '--label', 'y', '--features', features, ...extra, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { selected: string[] };
    assert.deepEqual(Object.keys(out), ['selected']);
    return out.selected;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-select-'));
    csv = join(dir, 'features.csv');
    writeCsv(csv, { id: ref.y.map((_, i) => `T${i}`), ...ref.columns, y: ref.y });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the columns R keeps with the Pearson keep-first filter (default 0.9, and 0.95)', () => {
    assert.deepEqual(run('--method', 'pearson'), ref.pearson090);
    assert.deepEqual(run('--method', 'pearson', '--threshold', '0.95'), ref.pearson095);
  });

  it('selects in the order of the R restatements of mRMR FCQ and MIQ', () => {
    assert.deepEqual(run('--method', 'mrmr-fcq', '--k', '10'), ref.fcq10.selected);
    assert.deepEqual(run('--method', 'mrmr-miq', '--k', '10'), ref.miq10.selected);
  });

  it('agrees with the library for mrmr-mid and the default k of 20', () => {
    const y = Float64Array.from(ref.y);
    const columns = ref.names.map((n) => Float64Array.from(ref.columns[n]));
    assert.deepEqual(run('--method', 'mrmr-mid'), selectFeatures(ref.names, columns, y, 'mrmr-mid', 0.9, 20));
    assert.equal(run('--method', 'mrmr-fcq').length, 20);
  });

  it('exits 2 naming the method or option when it is unknown or malformed', () => {
    const m = bonemet([
      'select',
      '--input',
      csv,
      '--label',
      'y',
      '--features',
      features,
      '--method',
      'lasso',
    ]);
    assert.equal(m.status, 2);
    assert.match(m.stderr, /--method must be one of pearson, mrmr-fcq, mrmr-miq, mrmr-mid, got 'lasso'/);
    const k = bonemet([
      'select',
      '--input',
      csv,
      '--label',
      'y',
      '--features',
      features,
      '--method',
      'mrmr-fcq',
      '--k',
      '2.5',
    ]);
    assert.equal(k.status, 2);
    assert.match(k.stderr, /--k must be an integer/);
    const f = bonemet([
      'select',
      '--input',
      csv,
      '--label',
      'y',
      '--features',
      'rel1,,rel2',
      '--method',
      'pearson',
    ]);
    assert.equal(f.status, 2);
    assert.match(f.stderr, /--features 'rel1,,rel2' has an empty name/);
  });
});
