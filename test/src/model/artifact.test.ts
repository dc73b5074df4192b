import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModelArtifactError } from '../../../src/errors.ts';
import { parseModelArtifact } from '../../../src/model/artifact.ts';
import { trainedModel } from '../../support/trained-model.ts';

const json = (): Record<string, unknown> => JSON.parse(JSON.stringify(trainedModel().result.artifact));

describe('parseModelArtifact', () => {
  it('accepts the pipeline output after a JSON round trip, synthetic flag and disclaimer included', () => {
    const a = parseModelArtifact(json());
    assert.equal(a.trainingData.synthetic, true);
    assert.equal(a.disclaimer, 'demonstration model, synthetic data, not for clinical use');
    assert.equal(a.features.length, a.radScore.coefficients.length);
    assert.ok(a.metrics.radScore.train.aucCi[0] <= a.metrics.radScore.train.auc);
  });

  it('refuses a wrong format tag with code wrong-format', () => {
    assert.throws(
      () => parseModelArtifact({ ...json(), format: 'bonemet-preprocessor' }),
      (e: unknown) =>
        e instanceof ModelArtifactError && e.code === 'wrong-format' && /format must be/.test(e.message),
    );
  });

  it('refuses another schema version with code unsupported-version', () => {
    assert.throws(
      () => parseModelArtifact({ ...json(), schemaVersion: 2 }),
      (e: unknown) => e instanceof ModelArtifactError && e.code === 'unsupported-version',
    );
  });

  it('names the field when a nested value is malformed, missing or unknown', () => {
    const bad = json();
    const training = { ...(bad.trainingData as object), synthetic: 'yes' };
    assert.throws(
      () => parseModelArtifact({ ...bad, trainingData: training }),
      /artifact\.trainingData\.synthetic must be true or false/,
    );
    const missing = Object.fromEntries(Object.entries(bad).filter(([k]) => k !== 'intendedUse'));
    assert.throws(() => parseModelArtifact(missing), /artifact\.intendedUse must be a string, got nothing/);
    assert.throws(() => parseModelArtifact({ ...bad, extra: 1 }), /artifact\.extra is not a known field/);
  });

  it('refuses coefficients that do not match the features', () => {
    const bad = json();
    const radScore = { ...(bad.radScore as object), coefficients: [1] };
    assert.throws(() => parseModelArtifact({ ...bad, radScore }), /one value per feature/);
  });
});
