import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildNomogram,
  riskToTotalPoints,
  scoreNomogram,
  termPoints,
  totalPointsToLinearPredictor,
  totalPointsToRisk,
} from '../../../src/model/nomogram.ts';
import type { NomogramTermSpec } from '../../../src/model/nomogram.ts';
import { fitLogistic } from '../../../src/model/logistic.ts';
import { factorTerm } from '../../../src/model/stepwise.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose } from '../../support/r-reference.ts';
import { readRModelReference } from '../../support/r-model-reference.ts';
import type { RNomogram } from '../../support/r-model-reference.ts';
import { assertClose } from '../../support/tolerance.ts';

const ref = readRModelReference();
const RISKS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95];
/** rms places the risk ticks by interpolation on 1000 points: positions agree to about 1e-4 points. */
const POSITION = { rel: 0, abs: 1e-3 };

function specsOf(r: RNomogram): NomogramTermSpec[] {
  return r.terms.map((t) =>
    t.kind === 'factor'
      ? { kind: 'factor', name: t.name, levels: t.levels ?? [], coefficients: t.coefficients ?? [] }
      : { kind: 'numeric', name: t.name, coefficient: t.coefficient ?? NaN, values: t.values ?? [] },
  );
}

function assertMatchesRms(r: RNomogram): void {
  const nom = buildNomogram(r.intercept, specsOf(r), r.linearPredictors, { riskAt: RISKS });
  assertClose(nom.pointsPerUnit, r.sc, R_TOLERANCE, `${r.name} sc`);
  assertClose(nom.linearPredictorAtZero, r.linearPredictorAtZero, R_TOLERANCE, `${r.name} lp at 0 points`);
  nom.terms.forEach((t, i) => {
    const e = r.terms[i];
    assert.deepEqual(
      t.ticks.map((x) => x.value),
      e.axis,
      `${r.name} ${t.name} axis`,
    );
    assertArrayClose(
      t.ticks.map((x) => x.linearPredictor),
      e.xbeta,
      R_TOLERANCE,
      `${r.name} ${t.name} Xbeta`,
    );
    assertArrayClose(
      t.ticks.map((x) => x.points),
      e.points,
      R_TOLERANCE,
      `${r.name} ${t.name} points`,
    );
  });
  assertArrayClose(nom.totalPointsTicks, r.totalPoints, R_TOLERANCE, `${r.name} total points axis`);
  assertArrayClose(
    nom.linearPredictorTicks.map((x) => x.value),
    r.lpAt,
    R_TOLERANCE,
    `${r.name} lp axis`,
  );
  assertArrayClose(
    nom.linearPredictorTicks.map((x) => x.points),
    r.lpPoints,
    R_TOLERANCE,
    `${r.name} lp positions`,
  );
  assert.deepEqual(
    nom.riskTicks.map((x) => x.risk),
    r.riskAt,
    `${r.name} risks inside the lp axis`,
  );
  assertArrayClose(
    nom.riskTicks.map((x) => x.points),
    r.riskPoints,
    POSITION,
    `${r.name} risk positions`,
  );
}

const byName = (name: string): RNomogram => {
  const r = ref.nomograms.find((x) => x.name === name);
  assert.ok(r, name);
  return r;
};

describe('buildNomogram', () => {
  it('matches rms::nomogram on an lrm fit with a factor, a binary and two continuous terms', () => {
    assertMatchesRms(byName('clinical84'));
  });

  it('matches rms::nomogram with a negative coefficient (0 points at the high end) and an lp axis with 11 ticks', () => {
    const r = byName('ageNoise84');
    assertMatchesRms(r);
    const age = buildNomogram(r.intercept, specsOf(r), r.linearPredictors).terms[0];
    assert.equal(age.ticks.at(-1)?.points, 0);
    assertClose(age.ticks[0].points, 100, R_TOLERANCE);
  });

  it('gives the same points within 1e-3 from glm coefficients (fitLogistic) as rms from lrm', () => {
    const r = byName('clinical84');
    const c = ref.clinical;
    const subtype = factorTerm('subtype', c.subtype, c.subtypeLevels);
    const rows = c.y.map((_, i) => [
      c.ki67[i],
      c.er[i],
      ...subtype.columns.map((col) => col[i]),
      c.radscore[i],
    ]);
    const fit = fitLogistic(rows, c.y);
    const b = fit.estimates;
    const specs: NomogramTermSpec[] = [
      { kind: 'numeric', name: 'ki67', coefficient: b[1], values: c.ki67 },
      { kind: 'numeric', name: 'er', coefficient: b[2], values: c.er },
      { kind: 'numeric', name: 'radscore', coefficient: b[6], values: c.radscore },
      { kind: 'factor', name: 'subtype', levels: c.subtypeLevels, coefficients: [0, b[3], b[4], b[5]] },
    ];
    const nom = buildNomogram(b[0], specs, fit.linearPredictor, { riskAt: RISKS });
    nom.terms.forEach((t, i) =>
      assertArrayClose(
        t.ticks.map((x) => x.points),
        r.terms[i].points,
        POSITION,
        t.name,
      ),
    );
    assertArrayClose(
      nom.riskTicks.map((x) => x.points),
      r.riskPoints,
      POSITION,
      'risk positions',
    );
  });

  it('throws StatsInputError for a factor without a 0 reference coefficient or with no term', () => {
    const bad: NomogramTermSpec = { kind: 'factor', name: 'g', levels: ['a', 'b'], coefficients: [0.3, 1] };
    assert.throws(() => buildNomogram(0, [bad], [0, 1]), StatsInputError);
    assert.throws(() => buildNomogram(0, [], [0, 1]), StatsInputError);
  });
});

describe('riskToTotalPoints', () => {
  it('places a risk exactly at (logit p - lp at 0) sc, the inverse of totalPointsToRisk', () => {
    const r = byName('clinical84');
    const nom = buildNomogram(r.intercept, specsOf(r), r.linearPredictors);
    for (const p of [0.01, 0.2, 0.5, 0.93]) {
      const pts = riskToTotalPoints(nom, p);
      assertClose(totalPointsToRisk(nom, pts), p, R_TOLERANCE, `risk ${p}`);
      assertClose(totalPointsToLinearPredictor(nom, pts), Math.log(p / (1 - p)), R_TOLERANCE, `lp ${p}`);
    }
    assert.throws(() => riskToTotalPoints(nom, 1), StatsInputError);
  });
});

describe('scoreNomogram', () => {
  it('sums term points to total points whose linear predictor equals b0 + sum of beta x', () => {
    const r = byName('clinical84');
    const specs = specsOf(r);
    const nom = buildNomogram(r.intercept, specs, r.linearPredictors);
    const values = { ki67: 37, er: 1, radscore: 0.42, subtype: 'HER2' };
    const s = scoreNomogram(nom, specs, values);
    const coef = (n: string): number => r.terms.find((t) => t.name === n)?.coefficient ?? NaN;
    const her2 = r.terms.find((t) => t.name === 'subtype')?.coefficients?.[2] ?? NaN;
    const lp = r.intercept + coef('ki67') * 37 + coef('er') + coef('radscore') * 0.42 + her2;
    assertClose(s.linearPredictor, lp, R_TOLERANCE, 'lp');
    assertClose(s.risk, 1 / (1 + Math.exp(-lp)), R_TOLERANCE, 'risk');
    assertClose(s.perTerm.subtype, termPoints(nom, specs[3], 'HER2'), R_TOLERANCE, 'subtype points');
    assert.throws(() => scoreNomogram(nom, specs, { ki67: 37 }), StatsInputError);
    assert.throws(() => scoreNomogram(nom, specs, { ...values, subtype: 'X' }), StatsInputError);
  });
});
