import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ClinicalInputError,
  DicomError,
  DicomWebError,
  InputFileError,
  MaskError,
  ModelArtifactError,
  NumericalError,
  RemoteJobError,
  RoiQcError,
  SettingsError,
  errorCategory,
  errorCodeTable,
} from '../../src/errors.ts';

describe('errorCategory', () => {
  it('calls a bad option, a missing input file, a host off the allow-list and a malformed UID bad requests', () => {
    assert.equal(errorCategory(new SettingsError('invalid-setting', 'x')), 'bad-request');
    assert.equal(errorCategory(new InputFileError('file-not-found', 'x')), 'bad-request');
    assert.equal(errorCategory(new DicomWebError('host-not-allowed', 'x')), 'bad-request');
    assert.equal(errorCategory(new DicomWebError('invalid-url', 'x')), 'bad-request');
    assert.equal(errorCategory(new DicomError('invalid-uid', 'x')), 'bad-request');
  });

  it("calls a failed ROI QC, a missing clinical value and an undecodable series the patient's data", () => {
    assert.equal(errorCategory(new RoiQcError('x', ['no spine'])), 'patient-data-missing');
    assert.equal(
      errorCategory(new ClinicalInputError('missing-clinical-value', 'x')),
      'patient-data-missing',
    );
    assert.equal(
      errorCategory(new ClinicalInputError('invalid-clinical-value', 'x')),
      'patient-data-missing',
    );
    assert.equal(errorCategory(new DicomError('pixel-decode-failed', 'x')), 'patient-data-missing');
    assert.equal(errorCategory(new MaskError('empty-mask', 'x')), 'patient-data-missing');
    assert.equal(errorCategory(new NumericalError('x')), 'patient-data-missing');
    assert.equal(errorCategory(new DicomWebError('not-found', 'x', { status: 404 })), 'patient-data-missing');
  });

  it('calls timeouts, network faults and upstream statuses upstream failures', () => {
    for (const code of ['timeout', 'network', 'upstream-status', 'bad-response', 'bad-multipart'] as const) {
      assert.equal(errorCategory(new DicomWebError(code, 'x')), 'upstream-failure', code);
    }
  });

  it('calls a broken model artifact and anything untyped internal', () => {
    assert.equal(errorCategory(new ModelArtifactError('invalid-field', 'x')), 'internal');
    assert.equal(errorCategory(new Error('bug')), 'internal');
    assert.equal(errorCategory(new TypeError('bug')), 'internal');
    assert.equal(errorCategory('a string'), 'internal');
    assert.equal(errorCategory(undefined), 'internal');
  });

  it('keeps the category of an error that crossed from another process', () => {
    for (const category of ['bad-request', 'patient-data-missing', 'upstream-failure', 'internal'] as const) {
      const e = new RemoteJobError(category, 'the imaging server timed out');
      assert.equal(errorCategory(e), category);
      assert.equal(e.code, `remote-${category}`);
      const again = RemoteJobError.fromParts(JSON.parse(JSON.stringify(RemoteJobError.partsOf(e))));
      assert.deepEqual([again.code, again.message], [e.code, e.message]);
    }
    assert.equal(errorCategory(RemoteJobError.fromParts({ category: 'odd', message: 'x' })), 'internal');
    assert.equal(
      errorCategory(RemoteJobError.fromParts(RemoteJobError.partsOf(new DicomWebError('timeout', 'slow')))),
      'upstream-failure',
    );
  });

  it('places every code of every error class (the table is the whole list)', () => {
    const table = errorCodeTable();
    const categories = new Set(['bad-request', 'patient-data-missing', 'upstream-failure', 'internal']);
    assert.equal(Object.keys(table).length, 19);
    for (const [name, codes] of Object.entries(table)) {
      assert.ok(Object.keys(codes).length > 0, name);
      for (const [code, category] of Object.entries(codes))
        assert.ok(categories.has(category), `${name}/${code}`);
    }
  });
});

describe('RoiQcError', () => {
  it('carries the QC findings and serialises without them leaking a stack', () => {
    const e = new RoiQcError('the automatic marrow ROI failed its quality control', [
      'no spine in the field',
    ]);
    assert.deepEqual(e.findings, ['no spine in the field']);
    assert.deepEqual(e.toJSON(), {
      name: 'RoiQcError',
      code: 'roi-qc-failed',
      message: 'the automatic marrow ROI failed its quality control',
    });
  });
});
