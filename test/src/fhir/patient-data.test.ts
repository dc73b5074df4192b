import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clinicalTermValues } from '../../../src/clinical/inputs.ts';
import { createFhirSource } from '../../../src/fhir/fhir-source.ts';
import {
  diagnosisDate,
  fetchPatientData,
  patientDataFromPrefetch,
  patientInputs,
} from '../../../src/fhir/patient-data.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';
import { makeFhirBundle } from '../../../src/synth/fhir-bundle.ts';
import { startFhirServer } from '../../support/fhir-server.ts';
import type { FhirTestServer } from '../../support/fhir-server.ts';

let fhir: FhirTestServer;
const patients = makeCohort(3).slice(0, 4);
const ids: string[] = [];
const uid = (k: number) => `1.2.826.0.1.${k + 1}`;

describe('fetchPatientData and patientInputs against a real FHIR server', () => {
  before(async () => {
    fhir = await startFhirServer();
    for (const [k, p] of patients.entries()) {
      const created = await fhir.transaction(
        makeFhirBundle(p, {
          studyInstanceUid: uid(k),
          ctSeriesInstanceUid: `${uid(k)}.1`,
          ctInstances: 70,
          ...(k === 0 ? { segSeriesInstanceUid: `${uid(k)}.2` } : {}),
          wadoRsBase: 'http://127.0.0.1:8042/dicom-web',
        }),
      );
      ids.push(created[0]);
    }
  });
  after(() => fhir.stop());

  const source = () =>
    createFhirSource({ baseUrl: fhir.baseUrl, allowedOrigins: [new URL(fhir.baseUrl).origin], token: 'ehr' });

  it("reads each synthetic patient's inputs, diagnosis and chest CT study (with its Endpoint) from the server", async () => {
    for (const [k, p] of patients.entries()) {
      const data = await fetchPatientData(source(), ids[k]);
      const got = patientInputs(data, '2026-12-07');
      assert.equal(got.diagnosisDate, p.diagnosisDate);
      assert.ok('refs' in got.ct, p.id);
      assert.deepEqual(got.ct.refs, {
        studyInstanceUid: uid(k),
        ctSeriesInstanceUid: `${uid(k)}.1`,
        ...(k === 0 ? { segSeriesInstanceUid: `${uid(k)}.2` } : {}),
      });
      assert.equal(got.ct.dicomWebBase, 'http://127.0.0.1:8042/dicom-web');
      const v = clinicalTermValues(got.inputs);
      assert.equal(v.ki67, p.ki67Percent >= 14 ? 'ge14' : 'lt14', p.id);
      assert.equal(v.pr, p.prPercent >= 20 ? 'ge20' : 'lt20', p.id);
      assert.ok(Math.abs(Number(v.age) - p.ageYears) <= 0.1, `${p.id} age ${v.age}`);
    }
    // The first requests are the seeding transactions; every read and search after them carries the token.
    assert.deepEqual(new Set(fhir.authorizations.slice(patients.length)), new Set(['Bearer ehr']));
  });

  it('gives the same inputs from a complete prefetch as from the server, and ignores an incomplete one', async () => {
    const data = await fetchPatientData(source(), ids[1]);
    const asBundle = (resources: readonly unknown[]) => ({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: resources.map((resource) => ({ resource })),
    });
    const prefetch = {
      patient: data.patient,
      observations: asBundle(data.observations),
      conditions: asBundle(data.conditions),
      imagingStudies: asBundle(data.imaging),
    };
    const fromPrefetch = patientDataFromPrefetch(prefetch, ids[1]);
    assert.ok(fromPrefetch !== undefined);
    assert.deepEqual(patientInputs(fromPrefetch, '2026-12-07'), patientInputs(data, '2026-12-07'));
    assert.equal(patientDataFromPrefetch({ ...prefetch, observations: null }, ids[1]), undefined);
    assert.equal(patientDataFromPrefetch(prefetch, 'someone-else'), undefined);
  });

  it('names the reason when the patient has no chest CT study', async () => {
    const got = patientInputs(
      { patient: { resourceType: 'Patient', id: 'x' }, observations: [], conditions: [], imaging: [] },
      '2026-12-07',
    );
    assert.deepEqual(got.ct, {
      reason: 'no ImagingStudy of this patient has a chest CT series with a DICOM study UID',
    });
    assert.equal(got.inputs.ki67.value, null);
  });
});

describe('diagnosisDate', () => {
  it('takes the earliest breast-cancer onset, not one entered in error', () => {
    const c = (onset: string, status = 'confirmed') => ({
      resourceType: 'Condition',
      onsetDateTime: onset,
      verificationStatus: { coding: [{ code: status }] },
    });
    assert.equal(
      diagnosisDate([c('2021-05-01'), c('2019-01-01', 'entered-in-error'), c('2020-02-02')]),
      '2020-02-02',
    );
    assert.equal(diagnosisDate([]), undefined);
  });
});
