import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateScores, parseThreshold } from '../../../src/cli/evaluate.ts';
import type { EvaluateJson } from '../../../src/cli/evaluate.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, readRReference } from '../../support/r-reference.ts';
import { assertClose } from '../../support/tolerance.ts';
import { bonemet, writeCsv } from '../../support/cli-runner.ts';

const ref = readRReference();
const roc = ref.roc.find((r) => r.name === 'ties106a');
const cal = ref.calibration.find((r) => r.name === 'ties106a');

describe('bonemet evaluate', () => {
  let dir = '';
  let csv = '';
  before(() => {
    assert.ok(roc);
    dir = mkdtempSync(join(tmpdir(), 'bonemet-evaluate-'));
    csv = join(dir, 'scores.csv');
    writeCsv(csv, {
      id: roc.y.map((_, i) => `S${i}`),
      p: roc.p,
      logit: roc.p.map((p) => Math.log(p / (1 - p))),
      y: roc.y,
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints pROC AUC, DeLong CI, Youden threshold metrics and hoslem.test / Brier of R as JSON', () => {
    assert.ok(roc && cal);
    const r = bonemet(['evaluate', '--input', csv, '--score', 'p', '--label', 'y', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as EvaluateJson;
    assert.deepEqual(Object.keys(out), [
      'auc',
      'aucCi',
      'threshold',
      'accuracy',
      'sensitivity',
      'specificity',
      'ppv',
      'npv',
      'hosmerLemeshow',
      'brier',
    ]);
    assertClose(out.auc, roc.auc, R_TOLERANCE, 'AUC');
    assertClose(out.aucCi[0], roc.ciLower, R_TOLERANCE, 'CI lower');
    assertClose(out.aucCi[1], roc.ciUpper, R_TOLERANCE, 'CI upper');
    assertClose(out.threshold, roc.youdenThresholds[0], R_TOLERANCE, 'Youden threshold');
    for (const k of ['accuracy', 'sensitivity', 'specificity', 'ppv', 'npv'] as const) {
      assertClose(out[k], roc.atThreshold[k], R_TOLERANCE, k);
    }
    assert.ok(out.hosmerLemeshow);
    assertClose(out.hosmerLemeshow.statistic, cal.hosmerLemeshow.statistic, R_TOLERANCE, 'HL statistic');
    assert.equal(out.hosmerLemeshow.df, cal.hosmerLemeshow.df);
    assertClose(out.hosmerLemeshow.p, cal.hosmerLemeshow.pValue, R_TOLERANCE, 'HL p');
    assertClose(out.brier ?? NaN, cal.brier, R_TOLERANCE, 'Brier');
  });

  it('gives a seeded bootstrap CI with --ci bootstrap, the same for the same seed and near the DeLong one', () => {
    assert.ok(roc);
    const run = (seed: string): EvaluateJson => {
      const r = bonemet([
        'evaluate',
        '--input',
        csv,
        '--score',
        'p',
        '--label',
        'y',
        '--json',
        '--ci',
        'bootstrap',
        '--seed',
        seed,
      ]);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as EvaluateJson;
    };
    const a = run('7');
    assert.deepEqual(run('7').aucCi, a.aucCi);
    assert.notDeepEqual(run('8').aucCi, a.aucCi);
    assert.ok(
      Math.abs(a.aucCi[0] - roc.ciLower) < 0.04 && Math.abs(a.aucCi[1] - roc.ciUpper) < 0.04,
      JSON.stringify(a.aucCi),
    );
    const bad = bonemet(['evaluate', '--input', csv, '--score', 'p', '--label', 'y', '--ci', 'wald']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--ci must be 'delong' or 'bootstrap', got 'wald'/);
  });

  it('uses a given threshold and leaves calibration out (null, with a warning) for a score that is not a probability', () => {
    assert.ok(roc);
    const r = bonemet([
      'evaluate',
      '--input',
      csv,
      '--score',
      'logit',
      '--label',
      'y',
      '--threshold',
      '0',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as EvaluateJson;
    const lib = evaluateScores(
      Float64Array.from(roc.y),
      Float64Array.from(roc.p, (p) => Math.log(p / (1 - p))),
      0,
    );
    assert.equal(out.threshold, 0);
    assertClose(out.sensitivity, lib.sensitivity, R_TOLERANCE, 'sensitivity');
    assertClose(out.auc, roc.auc, R_TOLERANCE, 'AUC is invariant under the logit');
    assert.equal(out.hosmerLemeshow, null);
    assert.equal(out.brier, null);
    assert.match(r.stderr, /warning: column 'logit' is not a probability/);
  });

  it('exits 2 for a threshold that is neither youden nor a number, and for a missing score column', () => {
    const t = bonemet(['evaluate', '--input', csv, '--score', 'p', '--label', 'y', '--threshold', 'best']);
    assert.equal(t.status, 2);
    assert.match(t.stderr, /--threshold must be 'youden' or a number, got 'best'/);
    const m = bonemet(['evaluate', '--input', csv, '--score', 'prob', '--label', 'y']);
    assert.equal(m.status, 2);
    assert.match(m.stderr, /column 'prob' is not in the header/);
  });
});

describe('parseThreshold', () => {
  it("accepts 'youden' and finite numbers and throws StatsInputError otherwise", () => {
    assert.equal(parseThreshold('youden'), 'youden');
    assert.equal(parseThreshold('0.35'), 0.35);
    assert.throws(() => parseThreshold(''), StatsInputError);
    assert.throws(() => parseThreshold('Infinity'), StatsInputError);
  });
});
