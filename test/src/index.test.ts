import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as lib from '../../src/index.ts';

describe('index', () => {
  it('exposes what the service and researchers call: the analysis, its adapters, clinical inputs, models, radiomics, statistics and errors', () => {
    for (const name of [
      'analyseStudy',
      'createDicomWebSource',
      'dicomWebImagingSource',
      'deriveClinicalInputs',
      'parseModelArtifact',
      'scoreClinicalInputs',
      'extractFeatures',
      'parseParams',
      'findMarrowRoi',
      'readSegmentation',
      'writeSegmentation',
      'parseNrrd',
      'parseNifti',
      'writeNrrd',
      'fitLogistic',
      'aucDeLong',
      'hosmerLemeshow',
      'buildNomogram',
      'isBoneMetError',
      'errorCategory',
    ]) {
      assert.equal(typeof (lib as Record<string, unknown>)[name], 'function', name);
    }
    assert.equal(lib.DEFAULT_SETTINGS.binWidth, 25);
    assert.equal(lib.clinicalCodes.OBS.ki67, '85330-9');
  });

  it('keeps internals behind their folders', () => {
    for (const internal of [
      'hashArray',
      'cropVolume',
      'marchingCubes',
      'readPart10',
      'parseMultipart',
      'createRng',
    ]) {
      assert.equal((lib as Record<string, unknown>)[internal], undefined, internal);
    }
  });
});
