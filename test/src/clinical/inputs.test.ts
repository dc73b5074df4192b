import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLINICAL_VARIABLES,
  SUBTYPES,
  clinicalTermValues,
  deriveClinicalInputs,
  deriveSubtype,
  erStatus,
  her2Status,
  ki67Level,
  missingClinicalInputs,
  prLevel,
} from '../../../src/clinical/inputs.ts';
import { ClinicalInputError } from '../../../src/errors.ts';

describe('erStatus', () => {
  it('calls ER positive from 1 % (ASCO/CAP) and lets a percentage win over a coded result', () => {
    assert.equal(erStatus({ erPercent: 1 }), 'positive');
    assert.equal(erStatus({ erPercent: 0.5 }), 'negative');
    assert.equal(erStatus({ erPercent: 0, erCoded: 'positive' }), 'negative');
    assert.equal(erStatus({ erCoded: 'positive' }), 'positive');
    assert.equal(erStatus({}), null);
  });

  it('rejects a percentage outside 0..100 naming the input', () => {
    assert.throws(
      () => erStatus({ erPercent: 120 }),
      (e: unknown) =>
        e instanceof ClinicalInputError && e.code === 'invalid-clinical-value' && /^ER /.test(e.message),
    );
  });
});

describe('prLevel', () => {
  it('splits PR at 20 % and cannot place a coded positive without a percentage', () => {
    assert.equal(prLevel({ prPercent: 20 }), 'ge20');
    assert.equal(prLevel({ prPercent: 19.9 }), 'lt20');
    assert.equal(prLevel({ prCoded: 'negative' }), 'lt20');
    assert.equal(prLevel({ prCoded: 'positive' }), null);
  });
});

describe('her2Status', () => {
  it('is positive for IHC 3+ or ISH ratio >= 2.0, negative for IHC 0/1+ or a non-amplified ISH, unknown for IHC 2+ alone', () => {
    assert.equal(her2Status({ her2Ihc: 3 }), 'positive');
    assert.equal(her2Status({ her2Ihc: 2, her2IshRatio: 2.0 }), 'positive');
    assert.equal(her2Status({ her2Ihc: 2, her2IshRatio: 1.99 }), 'negative');
    assert.equal(her2Status({ her2Ihc: 2, her2IshAmplified: true }), 'positive');
    assert.equal(her2Status({ her2Ihc: 1 }), 'negative');
    assert.equal(her2Status({ her2Ihc: 0 }), 'negative');
    assert.equal(her2Status({ her2Ihc: 2 }), null);
    assert.equal(her2Status({ her2Coded: 'negative' }), 'negative');
  });
});

describe('ki67Level', () => {
  it('splits Ki-67 at 14 %', () => {
    assert.equal(ki67Level({ ki67Percent: 14 }), 'ge14');
    assert.equal(ki67Level({ ki67Percent: 13.9 }), 'lt14');
    assert.equal(ki67Level({}), null);
  });
});

describe('deriveSubtype', () => {
  it('gives each St Gallen surrogate group and special histology', () => {
    const base = { er: 'positive', pr: 'ge20', her2: 'negative', ki67: 'lt14' } as const;
    assert.equal(deriveSubtype(base), 'luminal-a');
    assert.equal(deriveSubtype({ ...base, ki67: 'ge14' }), 'luminal-b');
    assert.equal(deriveSubtype({ ...base, pr: 'lt20' }), 'luminal-b');
    assert.equal(deriveSubtype({ ...base, her2: 'positive' }), 'her2-hr-pos');
    assert.equal(
      deriveSubtype({ er: 'negative', pr: 'lt20', her2: 'positive', ki67: 'ge14' }),
      'her2-hr-neg',
    );
    assert.equal(
      deriveSubtype({ er: 'negative', pr: 'lt20', her2: 'negative', ki67: 'ge14' }),
      'triple-negative',
    );
    assert.equal(deriveSubtype({ ...base, specialHistology: true }), 'special');
    assert.equal(deriveSubtype({ ...base, her2: null }), null);
    assert.equal(deriveSubtype({ ...base, ki67: null }), null);
  });
});

describe('deriveClinicalInputs', () => {
  it('places every input at its cut and keeps the provenance given for it', () => {
    const inputs = deriveClinicalInputs(
      { ageYears: 52.3, erPercent: 80, prPercent: 35, her2Ihc: 1, ki67Percent: 10 },
      { ki67: { source: 'fhir', reference: 'Observation/ki67-1', date: '2024-03-01', original: '10 %' } },
    );
    assert.deepEqual(clinicalTermValues(inputs), {
      age: 52.3,
      er: 'positive',
      pr: 'ge20',
      her2: 'negative',
      ki67: 'lt14',
      subtype: 'luminal-a',
    });
    assert.equal(inputs.ki67.provenance?.reference, 'Observation/ki67-1');
    assert.equal(inputs.er.provenance, undefined);
  });

  it('leaves an equivocal HER-2 and a missing Ki-67 null with their reasons, and names them as missing for a model', () => {
    const inputs = deriveClinicalInputs({ ageYears: 60, erPercent: 0, prPercent: 0, her2Ihc: 2 });
    assert.equal(inputs.her2.value, null);
    assert.equal(inputs.her2.missingReason, 'HER-2 IHC 2+ without ISH is equivocal');
    assert.deepEqual(missingClinicalInputs(inputs, ['radScore', 'ki67', 'her2', 'age']), [
      { variable: 'ki67', reason: 'no Ki-67 result recorded' },
      { variable: 'her2', reason: 'HER-2 IHC 2+ without ISH is equivocal' },
    ]);
  });

  it('rejects an impossible age', () => {
    assert.throws(() => deriveClinicalInputs({ ageYears: -3 }), { code: 'invalid-clinical-value' });
  });
});

describe('CLINICAL_VARIABLES', () => {
  it('lists the levels the training tables write for each categorical input', () => {
    assert.deepEqual(CLINICAL_VARIABLES.ki67.levels, ['ge14', 'lt14']);
    assert.deepEqual(CLINICAL_VARIABLES.pr.levels, ['ge20', 'lt20']);
    assert.deepEqual(CLINICAL_VARIABLES.subtype.levels, SUBTYPES);
  });
});
