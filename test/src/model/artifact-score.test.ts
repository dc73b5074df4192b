import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClinicalInputError } from '../../../src/errors.ts';
import { parseModelArtifact } from '../../../src/model/artifact.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  categoryOf,
  radScores,
  scoreClinicalInputs,
  scoreWithArtifact,
} from '../../../src/model/artifact-score.ts';
import { deriveClinicalInputs } from '../../../src/clinical/inputs.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';
import { assertClose } from '../../support/tolerance.ts';
import { trainedModel } from '../../support/trained-model.ts';

const { cohort, result } = trainedModel();
const artifact = parseModelArtifact(JSON.parse(JSON.stringify(result.artifact)));
// Same arithmetic in a different order (JSON round trip is exact): a few ulps.
const TOL = { rel: 1e-12, abs: 1e-12 };

describe('radScores', () => {
  it("reproduces the pipeline's Rad-scores from the raw feature columns", () => {
    const s = radScores(
      artifact,
      artifact.features,
      artifact.features.map((f) => cohort.features[f]),
    );
    s.forEach((v, i) => assertClose(v, result.radScore[i], TOL, `Rad-score of row ${i}`));
  });
});

describe('scoreWithArtifact', () => {
  it("reproduces the pipeline's nomogram probabilities and points summing to the total", () => {
    cohort.ids.forEach((_, i) => {
      const clinical = Object.fromEntries(Object.entries(cohort.clinical).map(([k, v]) => [k, v[i]]));
      if (clinical.age === '') clinical.age = '52';
      const s = scoreWithArtifact(artifact, result.radScore[i], clinical);
      if (cohort.clinical.age[i] !== '' || !artifact.nomogram.stepwise.includes('age')) {
        assertClose(
          s.probability,
          result.probability[i],
          { rel: 1e-9, abs: 1e-12 },
          `probability of row ${i}`,
        );
      }
      const sum = Object.values(s.points).reduce((a, b) => a + b, 0);
      assertClose(sum, s.totalPoints, TOL, 'total points');
      assert.equal(s.category, categoryOf(artifact, s.probability));
    });
  });

  it('throws ClinicalInputError naming the term: missing-clinical-value when absent, invalid-clinical-value for an unknown level', () => {
    const factor = artifact.nomogram.terms.find((t) => t.kind === 'factor');
    const other = artifact.nomogram.terms.find((t) => t.name !== 'radScore');
    if (other) {
      assert.throws(
        () => scoreWithArtifact(artifact, 0, {}),
        (e: unknown) =>
          e instanceof ClinicalInputError &&
          e.code === 'missing-clinical-value' &&
          e.message.includes(`'${other.name}'`),
      );
    }
    if (factor) {
      const values = Object.fromEntries(Object.entries(cohort.clinical).map(([k, v]) => [k, v[0] || '50']));
      assert.throws(
        () => scoreWithArtifact(artifact, 0, { ...values, [factor.name]: 'unknown-level' }),
        (e: unknown) =>
          e instanceof ClinicalInputError &&
          e.code === 'invalid-clinical-value' &&
          /not one of its levels/.test(e.message),
      );
    }
  });
});

describe('scoreClinicalInputs', () => {
  const demo = parseModelArtifact(
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'models', 'demo-synthetic.json'), 'utf8')),
  );

  it('scores the shipped demo model from typed inputs exactly as from the table values', () => {
    const inputs = deriveClinicalInputs({
      ageYears: 50,
      erPercent: 70,
      prPercent: 30,
      her2Ihc: 0,
      ki67Percent: 30,
    });
    const typed = scoreClinicalInputs(demo, 0.4, inputs);
    const table = scoreWithArtifact(demo, 0.4, { ki67: 'ge14' });
    assert.equal(typed.probability, table.probability);
    assert.deepEqual(typed.points, table.points);
  });

  it('names the missing input and why, as a missing clinical value', () => {
    const inputs = deriveClinicalInputs({ ageYears: 50, erPercent: 70 });
    assert.throws(
      () => scoreClinicalInputs(demo, 0.4, inputs),
      (e: unknown) =>
        e instanceof ClinicalInputError &&
        e.code === 'missing-clinical-value' &&
        e.message === 'the nomogram needs Ki-67 (no Ki-67 result recorded)',
    );
  });

  it('refuses a model whose nomogram term is no clinical input', () => {
    const odd = {
      ...demo,
      nomogram: {
        ...demo.nomogram,
        terms: demo.nomogram.terms.map((t) => (t.name === 'ki67' ? { ...t, name: 'ki67_bin' } : t)),
      },
    };
    assert.throws(() => scoreClinicalInputs(odd, 0, deriveClinicalInputs({ ki67Percent: 5 })), {
      code: 'invalid-field',
    });
  });
});
