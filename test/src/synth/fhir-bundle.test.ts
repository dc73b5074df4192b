import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deterministicUuid, makeFhirBundle } from '../../../src/synth/fhir-bundle.ts';
import type { BundleImaging, FhirResource, TransactionBundle } from '../../../src/synth/fhir-bundle.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';

const cohort = makeCohort(5);
const imaging = (i: number): BundleImaging => ({
  studyInstanceUid: `2.25.${1000 + i}`,
  ctSeriesInstanceUid: `2.25.${2000 + i}`,
  ctInstances: 40,
  segSeriesInstanceUid: `2.25.${3000 + i}`,
  wadoRsBase: 'http://127.0.0.1:8042/dicom-web',
});
const bundles = cohort.map((p, i) => makeFhirBundle(p, imaging(i)));

interface Coding {
  system: string;
  code: string;
}
const codingsOf = (value: unknown): Coding[] => {
  if (typeof value !== 'object' || value === null || !('coding' in value) || !Array.isArray(value.coding))
    return [];
  return value.coding.filter(
    (c): c is Coding =>
      typeof c === 'object' && c !== null && typeof c.system === 'string' && typeof c.code === 'string',
  );
};
const resources = (b: TransactionBundle, type: string): FhirResource[] =>
  b.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
const observationCodes = (b: TransactionBundle): string[] =>
  resources(b, 'Observation').flatMap((o) => codingsOf(o.code).map((c) => `${c.system}|${c.code}`));

describe('makeFhirBundle', () => {
  it('builds a transaction of urn:uuid entries whose references all resolve inside the bundle', () => {
    for (const b of bundles) {
      assert.equal(b.resourceType, 'Bundle');
      assert.equal(b.type, 'transaction');
      const urls = new Set(b.entry.map((e) => e.fullUrl));
      assert.equal(urls.size, b.entry.length);
      for (const e of b.entry) {
        assert.match(
          e.fullUrl,
          /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        assert.equal(e.request.url, e.resource.resourceType);
      }
      const refs = JSON.stringify(b).match(/"reference":"[^"]+"/g) ?? [];
      assert.ok(refs.length > 0);
      for (const r of refs) assert.ok(urls.has(r.slice(13, -1)), r);
    }
  });

  it('carries the birth date and a SNOMED 254837009 condition with onset when built for a cohort patient', () => {
    const p = cohort[0];
    const b = bundles[0];
    const [patient] = resources(b, 'Patient');
    assert.equal(patient.birthDate, p.birthDate);
    const [condition] = resources(b, 'Condition');
    assert.deepEqual(
      codingsOf(condition.code).map((c) => [c.system, c.code]),
      [['http://snomed.info/sct', '254837009']],
    );
    assert.equal(condition.onsetDateTime, p.diagnosisDate);
  });

  it('has an ER, PR, HER-2 and Ki-67 observation with design LOINC codes for every patient', () => {
    const er = ['85337-4', '16112-5', '85329-1'];
    const pr = ['85325-9'];
    const her2 = ['85319-2'];
    const ki = ['85330-9', '29593-1'];
    for (const b of bundles) {
      const codes = observationCodes(b);
      for (const c of codes) assert.ok(c.startsWith('http://loinc.org|'), c);
      for (const group of [er, pr, her2, ki]) {
        assert.ok(
          codes.some((c) => group.includes(c.slice('http://loinc.org|'.length))),
          `${group.join('/')} in ${codes.join(', ')}`,
        );
      }
    }
  });

  it('uses every value form of the design across the cohort', () => {
    const all = JSON.stringify(bundles);
    for (const needle of [
      '"code":"10828004"',
      '"code":"260385009"',
      '"code":"LA6576-8"',
      '"code":"LA6577-6"',
      '"valueQuantity":{"value"',
      '"valueString":"3+"',
      '"valueString":"2+"',
      '"valueString":"greater than 2.2"',
      '"valueString":"not amplified"',
      '"code":"49683-6"',
      '"code":"48676-1"',
    ]) {
      assert.ok(all.includes(needle), needle);
    }
  });

  it('gives the ER percentage when the patient is ER-low', () => {
    for (const [i, p] of cohort.entries()) {
      if (p.erPercent < 1 || p.erPercent >= 10) continue;
      const obs = resources(bundles[i], 'Observation').find((o) =>
        codingsOf(o.code).some((c) => c.code === '85329-1'),
      );
      assert.ok(obs !== undefined, p.id);
      assert.deepEqual(obs.valueQuantity, {
        value: p.erPercent,
        unit: '%',
        system: 'http://unitsofmeasure.org',
        code: '%',
      });
    }
  });

  it('describes the CT study by DICOM UID, CT and SEG series and a dicom-wado-rs endpoint', () => {
    const b = bundles[3];
    const [study] = resources(b, 'ImagingStudy');
    assert.deepEqual(study.identifier, [{ system: 'urn:dicom:uid', value: 'urn:oid:2.25.1003' }]);
    assert.ok(Array.isArray(study.series));
    const series: unknown[] = study.series;
    assert.deepEqual(
      series.map((s) => (typeof s === 'object' && s !== null && 'uid' in s ? s.uid : null)),
      ['2.25.2003', '2.25.3003'],
    );
    assert.equal(
      JSON.stringify(series[0]).includes(
        '"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"',
      ),
      true,
    );
    const [endpoint] = resources(b, 'Endpoint');
    assert.equal(endpoint.address, 'http://127.0.0.1:8042/dicom-web');
    assert.deepEqual(endpoint.connectionType, {
      system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      code: 'dicom-wado-rs',
    });
  });

  it('gives the same JSON when built twice for the same patient', () => {
    assert.equal(JSON.stringify(makeFhirBundle(cohort[7], imaging(7))), JSON.stringify(bundles[7]));
    assert.equal(deterministicUuid('a'), deterministicUuid('a'));
    assert.notEqual(deterministicUuid('a'), deterministicUuid('b'));
  });
});
