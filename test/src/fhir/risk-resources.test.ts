import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveClinicalInputs } from '../../../src/clinical/inputs.ts';
import { buildPetCtServiceRequest, buildRiskAssessment, PET_CT } from '../../../src/fhir/risk-resources.ts';

const inputs = deriveClinicalInputs(
  { ageYears: 50, ki67Percent: 30, erPercent: 80 },
  {
    ki67: { source: 'fhir', reference: 'Observation/k1' },
    er: { source: 'fhir', reference: 'Observation/e1' },
    age: { source: 'fhir', reference: 'Patient/p1' },
  },
);
const model = { id: 'demo-synthetic', version: '1.0.0', synthetic: true };

describe('buildRiskAssessment', () => {
  it('states the probability of bone metastasis within 5 years, based on the resources that decided the inputs and the CT', () => {
    const ra = buildRiskAssessment({
      patientId: 'p1',
      probability: 0.42,
      category: 'high',
      model,
      inputs,
      imagingStudy: 'ImagingStudy/s1',
      occurrence: '2024-05-01T10:00:00Z',
    });
    assert.equal(ra.resourceType, 'RiskAssessment');
    assert.deepEqual(ra.subject, { reference: 'Patient/p1' });
    assert.deepEqual(ra.basis, [
      { reference: 'Patient/p1' },
      { reference: 'Observation/e1' },
      { reference: 'Observation/k1' },
      { reference: 'ImagingStudy/s1' },
    ]);
    const [prediction] = ra.prediction as { probabilityDecimal: number; outcome: { text: string } }[];
    assert.equal(prediction.probabilityDecimal, 0.42);
    assert.equal(prediction.outcome.text, 'Bone metastasis within 5 years');
    assert.deepEqual(ra.note, [
      { text: 'Demonstration model trained on synthetic data: not for clinical use.' },
    ]);
  });
});

describe('buildPetCtServiceRequest', () => {
  it('proposes a draft PET-CT (SNOMED 450436003) for the patient', () => {
    const sr = buildPetCtServiceRequest({
      patientId: 'p1',
      probability: 0.615,
      model: { ...model, synthetic: false },
    });
    assert.equal(sr.status, 'draft');
    assert.equal(sr.intent, 'proposal');
    assert.deepEqual(
      (sr.code as { coding: { code: string }[] }).coding.map((c) => c.code),
      [PET_CT],
    );
    assert.deepEqual(sr.reasonCode, [{ text: 'Estimated 5-year bone-metastasis risk 62 % (BoneMet Risk)' }]);
    assert.deepEqual(sr.note, []);
  });
});
