import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clinicalTermValues, deriveClinicalInputs } from '../../../src/clinical/inputs.ts';
import * as C from '../../../src/clinical/codes.ts';
import { ageYearsAt, readClinicalInputs } from '../../../src/fhir/clinical-record.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';
import { makeFhirBundle } from '../../../src/synth/fhir-bundle.ts';

const IMAGING = {
  studyInstanceUid: '1.2.3',
  ctSeriesInstanceUid: '1.2.3.4',
  ctInstances: 60,
  wadoRsBase: 'http://127.0.0.1:8042/dicom-web',
};

/** A bundle's resources with ids taken from their fullUrls, as a FHIR server would serve them. */
function served(bundle: ReturnType<typeof makeFhirBundle>) {
  const resources = bundle.entry.map((e) => ({ ...e.resource, id: e.fullUrl.slice('urn:uuid:'.length) }));
  return {
    patient: resources.find((r) => r.resourceType === 'Patient'),
    observations: resources.filter((r) => r.resourceType === 'Observation'),
  };
}

const obs = (
  id: string,
  code: string,
  value: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: C.LOINC, code }] },
  effectiveDateTime: '2024-01-10',
  ...value,
  ...extra,
});
const pct = (value: number) => ({ valueQuantity: { value, unit: '%', system: C.UCUM, code: '%' } });

describe('readClinicalInputs', () => {
  it('reads every synthetic patient of the cohort back to the inputs their receptor values give, in all value forms', () => {
    const cohort = makeCohort(1);
    for (const p of cohort) {
      const { patient, observations } = served(makeFhirBundle(p, IMAGING));
      const got = readClinicalInputs({ patient, observations, asOf: p.diagnosisDate });
      const want = deriveClinicalInputs({
        ageYears: p.ageYears,
        erPercent: p.erPercent,
        prPercent: p.prPercent,
        her2Ihc: p.her2Ihc,
        ...(p.her2IshRatio === null ? {} : { her2IshRatio: p.her2IshRatio }),
        ki67Percent: p.ki67Percent,
      });
      const g = clinicalTermValues(got);
      const w = clinicalTermValues(want);
      assert.deepEqual({ ...g, age: null }, { ...w, age: null }, p.id);
      assert.ok(Math.abs(Number(g.age) - p.ageYears) <= 0.05, `${p.id}: age ${g.age} vs ${p.ageYears}`);
      assert.equal(got.ki67.provenance?.source, 'fhir');
      assert.match(got.ki67.provenance?.reference ?? '', /^Observation\//);
    }
  });

  it('takes the newest usable result and ignores entered-in-error and preliminary ones', () => {
    const got = readClinicalInputs({
      patient: { resourceType: 'Patient', id: 'p1', birthDate: '1970-06-01' },
      asOf: '2024-02-01',
      observations: [
        obs('old', C.OBS.ki67, pct(40), { effectiveDateTime: '2020-01-01' }),
        obs('new', C.OBS.ki67, pct(8), { effectiveDateTime: '2024-01-01' }),
        obs('wrong', C.OBS.ki67, pct(90), { effectiveDateTime: '2024-01-20', status: 'entered-in-error' }),
        obs('draft', C.OBS.ki67, pct(70), { effectiveDateTime: '2024-01-25', status: 'preliminary' }),
        obs('fixed', C.OBS.erPercent, pct(0), { status: 'amended' }),
      ],
    });
    assert.equal(got.ki67.value, 'lt14');
    assert.deepEqual(got.ki67.provenance, {
      source: 'fhir',
      reference: 'Observation/new',
      date: '2024-01-01',
      original: '8 %',
    });
    assert.equal(got.er.value, 'negative');
    assert.equal(got.age.value, 53.7);
  });

  it('matches on system and code only, never on the display text', () => {
    const got = readClinicalInputs({
      patient: {},
      asOf: '2024-02-01',
      observations: [
        // Right code, misleading display: used.
        obs(
          'a',
          C.OBS.erPresence,
          {
            valueCodeableConcept: {
              coding: [{ system: C.SNOMED, code: C.SNOMED_POSITIVE, display: 'Negative' }],
            },
          },
          { code: { coding: [{ system: C.LOINC, code: C.OBS.erPresence, display: 'Ki-67' }] } },
        ),
        // Ki-67 in the display only, under another system: ignored.
        obs('b', 'x', pct(50), {
          code: { coding: [{ system: 'http://example.org/local', code: C.OBS.ki67, display: 'Ki-67' }] },
        }),
      ],
    });
    assert.equal(got.er.value, 'positive');
    assert.equal(got.ki67.value, null);
    assert.equal(got.ki67.missingReason, 'no Ki-67 result recorded');
    assert.equal(got.age.value, null);
  });

  it('reads HER-2 from IHC text, ISH text ("greater than 2.2") and coded interpretations, and leaves IHC 2+ alone unplaced', () => {
    const her2 = (...o: Record<string, unknown>[]) =>
      readClinicalInputs({ patient: {}, asOf: '2024-01-01', observations: o }).her2;
    assert.equal(her2(obs('i', C.OBS.her2Ihc, { valueString: '3+' })).value, 'positive');
    assert.equal(her2(obs('i', C.OBS.her2Ihc, { valueString: '1+' })).value, 'negative');
    assert.equal(
      her2(
        obs('i', C.OBS.her2Ihc, { valueString: '2+' }),
        obs('s', C.OBS.her2Ish, { valueString: 'greater than 2.2' }),
      ).value,
      'positive',
    );
    assert.equal(
      her2(
        obs('i', C.OBS.her2Ihc, { valueString: '2+' }),
        obs('s', C.OBS.her2Ish, { valueString: 'not amplified' }),
      ).value,
      'negative',
    );
    const equivocal = her2(obs('i', C.OBS.her2Ihc, { valueString: '2+' }));
    assert.equal(equivocal.value, null);
    assert.equal(equivocal.missingReason, 'HER-2 IHC 2+ without ISH is equivocal');
    assert.equal(
      her2(
        obs('c', C.OBS.her2Interpretation, {
          interpretation: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'POS' },
              ],
            },
          ],
        }),
      ).value,
      'positive',
    );
  });

  it('survives resources of the wrong shape without throwing', () => {
    const got = readClinicalInputs({
      patient: 'nonsense',
      asOf: 'not a date',
      observations: [
        null,
        3,
        { resourceType: 'Observation' },
        obs('q', C.OBS.ki67, { valueQuantity: { value: 'high' } }),
      ],
    });
    assert.deepEqual(clinicalTermValues(got), {
      age: null,
      er: null,
      pr: null,
      her2: null,
      ki67: null,
      subtype: null,
    });
  });
});

describe('ageYearsAt', () => {
  it('gives completed years to 0.1 and nothing for unreadable or reversed dates', () => {
    assert.equal(ageYearsAt('1970-01-01', '2020-01-01'), 50);
    assert.equal(ageYearsAt('bad', '2020-01-01'), undefined);
    assert.equal(ageYearsAt('2020-01-02', '2020-01-01'), undefined);
  });
});
