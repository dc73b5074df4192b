import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitToJson } from '../../../src/cli/fit-logistic.ts';
import type { FitLogisticJson } from '../../../src/cli/fit-logistic.ts';
import { fitLogistic } from '../../../src/model/logistic.ts';
import { R_TOLERANCE, readRReference } from '../../support/r-reference.ts';
import { assertClose } from '../../support/tolerance.ts';
import { bonemet, writeCsv } from '../../support/cli-runner.ts';

const cohort = readRReference().logistic.find((c) => c.name === 'cohort84');

describe('bonemet fit-logistic', () => {
  let dir = '';
  let csv = '';
  before(() => {
    assert.ok(cohort);
    dir = mkdtempSync(join(tmpdir(), 'bonemet-fit-'));
    csv = join(dir, 'cohort.csv');
    const cols: Record<string, (number | string)[]> = { id: cohort.y.map((_, i) => `P${i + 1}`) };
    cohort.columns.forEach((name, j) => (cols[name] = cohort.x.map((row) => row[j])));
    cols.y = cohort.y;
    writeCsv(csv, cols);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the glm Wald table, AIC and deviance of R on the 84-patient cohort as JSON', () => {
    assert.ok(cohort);
    const r = bonemet([
      'fit-logistic',
      '--input',
      csv,
      '--label',
      'y',
      '--features',
      cohort.columns.join(','),
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as FitLogisticJson;
    assert.deepEqual(Object.keys(out), ['intercept', 'coefficients', 'aic', 'deviance']);
    assert.deepEqual(Object.keys(out.coefficients), cohort.columns);
    const rows = [out.intercept, ...cohort.columns.map((n) => out.coefficients[n])];
    rows.forEach((c, j) => {
      const what = j === 0 ? '(Intercept)' : cohort.columns[j - 1];
      assertClose(c.estimate, cohort.coefficients[j], R_TOLERANCE, `${what} estimate`);
      assertClose(c.se, cohort.se[j], R_TOLERANCE, `${what} se`);
      assertClose(c.z, cohort.z[j], R_TOLERANCE, `${what} z`);
      assertClose(c.p, cohort.p[j], R_TOLERANCE, `${what} p`);
    });
    assertClose(out.aic, cohort.aic, R_TOLERANCE, 'AIC');
    assertClose(out.deviance, cohort.deviance, R_TOLERANCE, 'deviance');
    assert.deepEqual(
      out,
      JSON.parse(JSON.stringify(fitToJson(fitLogistic(cohort.x, cohort.y, { names: cohort.columns })))),
    );
  });

  it('prints a readable table without --json', () => {
    const r = bonemet(['fit-logistic', '--input', csv, '--label', 'y', '--features', 'age,marrow']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\s*term\s+estimate\s+se\s+z\s+p\n\(Intercept\)/);
    assert.match(r.stdout, /AIC \d/);
  });

  it('exits 2 naming the column when a feature is absent, and the row and line of a non-numeric cell', () => {
    const absent = bonemet([
      'fit-logistic',
      '--input',
      csv,
      '--label',
      'y',
      '--features',
      'age,size',
      '--json',
    ]);
    assert.equal(absent.status, 2);
    assert.match(
      absent.stderr,
      /^bonemet: DataTableError \(missing-column\): .*column 'size' is not in the header/,
    );
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,age,y\nA,50,0\nB,fifty,1\nC,61,1\n');
    const r = bonemet(['fit-logistic', '--input', bad, '--label', 'y', '--features', 'age']);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /\(non-numeric-value\): .*column 'age', row 2 \(line 3\): 'fifty' is not a number/,
    );
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('exits 2 on duplicate ids, a constant column, an all-missing column and a one-class outcome', () => {
    const cases: [string, string, RegExp][] = [
      [
        'id,a,y\nA,1,0\nB,2,1\nA,3,1\n',
        'a',
        /\(duplicate-id\): .*id 'A' in column 'id' appears on rows 1 and 3/,
      ],
      ['a,b,y\n1,5,0\n2,5,1\n3,5,1\n', 'a,b', /\(constant-column\): .*column 'b' is constant/],
      ['a,b,y\n1,,0\n2,NA,1\n3,,1\n', 'a,b', /\(all-missing-column\): .*column 'b' has no value/],
      [
        'a,b,y\n1,4,1\n2,5,1\n3,7,1\n',
        'a,b',
        /StatsInputError \(one-class\): .*column 'y' holds only events/,
      ],
      ['a,y\n1,0\n2,\n3,1\n', 'a', /\(missing-value\): .*column 'y', row 2 \(line 3\) is missing/],
    ];
    cases.forEach(([text, features, pattern], k) => {
      const file = join(dir, `case${k}.csv`);
      writeFileSync(file, text);
      const r = bonemet(['fit-logistic', '--input', file, '--label', 'y', '--features', features, '--json']);
      assert.equal(r.status, 2, `case ${k}`);
      assert.match(r.stderr, pattern);
    });
  });

  it('warns on stderr when a class has fewer than 10 members but still fits', () => {
    const few = join(dir, 'few.csv');
    writeCsv(few, { a: [1, 2, 3, 4, 5, 6, 7, 8], y: [0, 0, 1, 0, 1, 1, 0, 1] });
    const r = bonemet(['fit-logistic', '--input', few, '--label', 'y', '--features', 'a', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /warning: column 'y' has 4 events and 4 non-events; with fewer than 10/);
  });
});
