import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../src/clinical/codes.ts';
import { chooseChestCtStudy, wadoRsBase } from '../../../src/fhir/imaging-study.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';
import { makeFhirBundle } from '../../../src/synth/fhir-bundle.ts';

const endpoint = (address: string, connection = 'dicom-wado-rs') => ({
  resourceType: 'Endpoint',
  status: 'active',
  connectionType: { system: C.ENDPOINT_CONNECTION_TYPE, code: connection },
  address,
});
const study = (
  id: string,
  uid: string,
  started: string,
  series: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) => ({
  resourceType: 'ImagingStudy',
  id,
  status: 'available',
  identifier: [{ system: C.DICOM_UID_SYSTEM, value: `urn:oid:${uid}` }],
  started,
  series,
  endpoint: [{ reference: 'Endpoint/pacs' }],
  ...extra,
});
const ct = (uid: string, n = 60, bodySite?: string) => ({
  uid,
  modality: { system: C.DCM, code: 'CT' },
  numberOfInstances: n,
  ...(bodySite === undefined ? {} : { bodySite: { system: C.SNOMED, code: bodySite } }),
});
const resolveFrom = (resources: Record<string, unknown>) => (ref: string) => resources[ref];

describe('chooseChestCtStudy', () => {
  it("finds a synthetic patient's study, its CT and SEG series and the Endpoint's WADO-RS base in the bundle", () => {
    const p = makeCohort(1)[0];
    const bundle = makeFhirBundle(p, {
      studyInstanceUid: '1.2.840.1',
      ctSeriesInstanceUid: '1.2.840.1.1',
      ctInstances: 70,
      segSeriesInstanceUid: '1.2.840.1.2',
      wadoRsBase: 'http://127.0.0.1:8042/dicom-web',
    });
    const byUrl = Object.fromEntries(bundle.entry.map((e) => [e.fullUrl, e.resource]));
    const studies = bundle.entry
      .filter((e) => e.resource.resourceType === 'ImagingStudy')
      .map((e) => e.resource);
    const got = chooseChestCtStudy(studies, resolveFrom(byUrl), p.diagnosisDate);
    assert.ok('refs' in got);
    assert.deepEqual(got.refs, {
      studyInstanceUid: '1.2.840.1',
      ctSeriesInstanceUid: '1.2.840.1.1',
      segSeriesInstanceUid: '1.2.840.1.2',
    });
    assert.equal(got.dicomWebBase, 'http://127.0.0.1:8042/dicom-web');
    assert.equal(got.started, p.ctDate);
  });

  it('prefers the study nearest before the diagnosis, skips other body sites and entered-in-error studies', () => {
    const resolve = resolveFrom({ 'Endpoint/pacs': endpoint('https://pacs.example/wado/studies/9.9') });
    const got = chooseChestCtStudy(
      [
        study('after', '1.1', '2024-03-20', [ct('1.1.1')]),
        study('before', '1.2', '2024-03-01', [ct('1.2.1', 40), ct('1.2.2', 300)]),
        study('long-before', '1.3', '2023-01-01', [ct('1.3.1')]),
        study('abdomen', '1.4', '2024-03-09', [ct('1.4.1', 60, '818981001')]),
        study('error', '1.5', '2024-03-10', [ct('1.5.1')], { status: 'entered-in-error' }),
      ],
      resolve,
      '2024-03-10',
    );
    assert.ok('refs' in got);
    assert.equal(got.reference, 'ImagingStudy/before');
    assert.equal(got.refs.ctSeriesInstanceUid, '1.2.2');
    assert.equal(got.dicomWebBase, 'https://pacs.example/wado');
  });

  it('says why when no study qualifies, and leaves the base to configuration without a WADO-RS endpoint', () => {
    assert.deepEqual(
      chooseChestCtStudy([{ resourceType: 'ImagingStudy', series: [] }, 'x'], () => undefined),
      {
        reason: 'no ImagingStudy of this patient has a chest CT series with a DICOM study UID',
      },
    );
    const got = chooseChestCtStudy(
      [study('s', '2.1', '2024-01-01', [ct('2.1.1')])],
      resolveFrom({ 'Endpoint/pacs': endpoint('https://x/wado', 'ihe-xds') }),
    );
    assert.ok('refs' in got);
    assert.equal(got.dicomWebBase, undefined);
  });
});

describe('wadoRsBase', () => {
  it('cuts a study URL back to the WADO-RS base', () => {
    assert.equal(wadoRsBase('http://h/dicom-web/studies/1.2.3/series/4'), 'http://h/dicom-web');
    assert.equal(wadoRsBase('http://h/dicom-web/'), 'http://h/dicom-web');
  });
});
