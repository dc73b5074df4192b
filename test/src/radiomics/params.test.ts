import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseParams, validateParams, validateSettings } from '../../../src/radiomics/params.ts';
import { DEFAULT_SETTINGS } from '../../../src/radiomics/settings.ts';
import { SettingsError } from '../../../src/errors.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const isSettingsError = (code: string, pattern: RegExp) => (e: unknown) =>
  e instanceof SettingsError && e.code === code && pattern.test(e.message);

describe('validateSettings', () => {
  it('rejects binWidth <= 0 and names the key and the value', () => {
    assert.throws(
      () => validateSettings({ binWidth: -25 }),
      isSettingsError('invalid-setting', /setting\.binWidth must be a number > 0, got -25/),
    );
    assert.throws(() => validateSettings({ binWidth: 0 }), isSettingsError('invalid-setting', /binWidth/));
  });

  it('rejects an unknown key and names it', () => {
    assert.throws(
      () => validateSettings({ binwidth: 25 }),
      isSettingsError('unknown-setting', /setting\.binwidth is not a known setting/),
    );
  });

  it('keeps PyRadiomics defaults for absent keys', () => {
    const s = validateSettings({ label: 2 });
    assert.equal(s.label, 2);
    assert.equal(s.binWidth, 25);
    assert.equal(s.padDistance, 5);
    assert.deepEqual(s.distances, [1]);
    assert.equal(s.voxelArrayShift, 0);
    assert.equal(s.symmetricalGLCM, true);
  });

  it('accepts SimpleITK integer interpolator codes', () => {
    assert.equal(validateSettings({ interpolator: 2 }).interpolator, 'sitkLinear');
  });

  it('rejects a resegmentRange with three values and a bad resegmentMode', () => {
    assert.throws(() => validateSettings({ resegmentRange: [1, 2, 3] }), /resegmentRange/);
    assert.throws(
      () => validateSettings({ resegmentMode: 'percent' }),
      /resegmentMode must be one of absolute, relative, sigma/,
    );
  });
});

describe('validateParams', () => {
  it('enables Original and every default class when the document is empty', () => {
    const p = validateParams({});
    assert.deepEqual(
      p.imageTypes.map((t) => t.name),
      ['Original'],
    );
    assert.deepEqual(
      p.featureClasses.map((c) => c.name),
      ['firstorder', 'shape', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'],
    );
    assert.deepEqual(p.settings, DEFAULT_SETTINGS);
  });

  it("merges an image type's own settings over the global ones", () => {
    const p = validateParams({
      setting: { binWidth: 10 },
      imageType: { Original: {}, Wavelet: { binWidth: 5 } },
    });
    assert.equal(p.imageTypes[0]?.settings.binWidth, 10);
    assert.equal(p.imageTypes[1]?.settings.binWidth, 5);
  });

  it('rejects an unknown image type, an unknown class and voxel-based settings', () => {
    assert.throws(
      () => validateParams({ imageType: { Wavelett: {} } }),
      isSettingsError('unknown-image-type', /Wavelett/),
    );
    assert.throws(
      () => validateParams({ featureClass: { glcmx: null } }),
      isSettingsError('unknown-feature-class', /glcmx/),
    );
    assert.throws(
      () => validateParams({ voxelSetting: { kernelRadius: 2 } }),
      isSettingsError('unknown-setting', /segment-based/),
    );
    assert.throws(
      () => validateParams({ imageType: { LBP2D: {} } }),
      isSettingsError('unknown-image-type', /LBP/),
    );
  });
});

describe('parseParams', () => {
  it('reads params/study-1197.yaml: 6 image types, 7 classes and the 22-feature GLCM list', () => {
    const p = parseParams(readFileSync(join(PROJECT_ROOT, 'params', 'study-1197.yaml'), 'utf8'));
    assert.deepEqual(
      p.imageTypes.map((t) => t.name),
      ['Original', 'Wavelet', 'Square', 'SquareRoot', 'Logarithm', 'Exponential'],
    );
    const glcm = p.featureClasses.find((c) => c.name === 'glcm');
    assert.equal(glcm?.features?.length, 22);
    assert.ok(!glcm?.features?.includes('SumAverage') && !glcm?.features?.includes('MCC'));
  });

  it('reads JSON as well as YAML', () => {
    const p = parseParams('{"setting": {"binWidth": 5}, "featureClass": {"glcm": ["Contrast"]}}');
    assert.equal(p.settings.binWidth, 5);
    assert.deepEqual(p.featureClasses, [{ name: 'glcm', features: ['Contrast'] }]);
  });

  it('throws SettingsError for malformed YAML', () => {
    assert.throws(() => parseParams('setting: [unclosed'), SettingsError);
  });
});
