import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAcquisition,
  findHeaderContrast,
  isNoContrastValue,
  SLICE_THICKNESS_RANGE_MM,
} from '../../../src/roi/acquisition-qc.ts';
import { ctAcquisition } from '../../support/acquisition-info.ts';

describe('isNoContrastValue', () => {
  it('reads "none"-style values as no contrast', () => {
    for (const v of [
      'NONE',
      'none',
      'No',
      'N/A',
      'nil',
      '0',
      'NON-CONTRAST',
      'Non contrast',
      'noncontrast',
      'No contrast',
      'w/o contrast',
      'WITHOUT IV CONTRAST',
      'unenhanced',
      'Not given',
      '-',
    ])
      assert.equal(isNoContrastValue(v), true, v);
  });

  it('reads an agent, a route or a bare "contrast" as contrast', () => {
    for (const v of [
      'OMNIPAQUE 350',
      'Iohexol',
      'Ultravist 370',
      'IV',
      'IV contrast',
      'ORAL',
      'Contrast',
      'given',
    ])
      assert.equal(isNoContrastValue(v), false, v);
  });
});

describe('findHeaderContrast', () => {
  it('lists every contrast value and names contrast from the agent', () => {
    const h = findHeaderContrast(
      ctAcquisition({ contrastBolusAgent: ['OMNIPAQUE 350'], contrastBolusVolumeMl: { min: 80, max: 80 } }),
    );
    assert.deepEqual(h, {
      named: true,
      values: ['ContrastBolusAgent "OMNIPAQUE 350"', 'ContrastBolusVolume "80"'],
    });
  });

  it('names no contrast for agent NONE and volume 0, and still lists them', () => {
    const h = findHeaderContrast(
      ctAcquisition({ contrastBolusAgent: ['NONE'], contrastBolusVolumeMl: { min: 0, max: 0 } }),
    );
    assert.deepEqual(h, { named: false, values: ['ContrastBolusAgent "NONE"', 'ContrastBolusVolume "0"'] });
  });

  it('names contrast from the route or the volume alone', () => {
    assert.equal(findHeaderContrast(ctAcquisition({ contrastBolusRoute: ['IV'] })).named, true);
    const ml = findHeaderContrast(ctAcquisition({ contrastBolusVolumeMl: { min: 0, max: 90 } }));
    assert.deepEqual(ml, { named: true, values: ['ContrastBolusVolume "0..90"'] });
  });

  it('gives no values when the headers carry no contrast attribute', () => {
    assert.deepEqual(findHeaderContrast(ctAcquisition()), { named: false, values: [] });
  });
});

describe('checkAcquisition', () => {
  it('refuses an MR series, saying so', () => {
    const a = checkAcquisition(ctAcquisition({ modality: ['MR'] }), false);
    assert.equal(a.refusal, 'the series is MR, not CT: the marrow ROI and its HU thresholds need a CT');
    assert.equal(a.modality, 'MR');
  });

  it('rejects contrast named in the headers by default, naming the header value', () => {
    const a = checkAcquisition(ctAcquisition({ contrastBolusAgent: ['OMNIPAQUE 350'] }), false);
    assert.equal(a.refusal, null);
    assert.equal(
      a.contrastRejection,
      'contrast-enhanced scan: DICOM header ContrastBolusAgent "OMNIPAQUE 350" (contrast raises the marrow HU; allow contrast to keep the ROI anyway)',
    );
    assert.deepEqual(a.warnings, []);
  });

  it('keeps a warning instead when contrast is allowed, naming only the values that name contrast', () => {
    const a = checkAcquisition(
      ctAcquisition({ contrastBolusAgent: ['NONE'], contrastBolusRoute: ['IV'] }),
      true,
    );
    assert.equal(a.contrastRejection, null);
    assert.deepEqual(a.warnings, [
      'warning: contrast-enhanced scan: DICOM header ContrastBolusRoute "IV", allowed: the marrow HU is raised by contrast',
    ]);
    assert.deepEqual(a.headerContrast?.values, ['ContrastBolusAgent "NONE"', 'ContrastBolusRoute "IV"']);
  });

  it('reports thickness and kernel, and warns when the thickness is outside 1..5 mm', () => {
    assert.deepEqual(SLICE_THICKNESS_RANGE_MM, [1, 5]);
    const ok = checkAcquisition(ctAcquisition({ sliceThicknessMm: { min: 1, max: 5 } }), false);
    assert.deepEqual(ok.sliceThicknessMm, { min: 1, max: 5 });
    assert.equal(ok.convolutionKernel, 'B30f');
    assert.deepEqual(ok.warnings, []);
    const thin = checkAcquisition(
      ctAcquisition({ sliceThicknessMm: { min: 0.625, max: 0.625 }, convolutionKernel: ['B30f', 'B70f'] }),
      false,
    );
    assert.equal(thin.convolutionKernel, 'B30f, B70f');
    assert.equal(thin.warnings.length, 1);
    assert.match(thin.warnings[0], /^warning: slice thickness 0\.625 mm is outside 1\.\.5 mm/);
    const mixed = checkAcquisition(ctAcquisition({ sliceThicknessMm: { min: 3, max: 7.5 } }), false);
    assert.match(mixed.warnings.join(' '), /slice thickness 3\.\.7\.5 mm is outside/);
  });

  it('gives null fields and no finding without headers', () => {
    assert.deepEqual(checkAcquisition(undefined, false), {
      modality: null,
      headerContrast: null,
      sliceThicknessMm: null,
      convolutionKernel: null,
      refusal: null,
      contrastRejection: null,
      warnings: [],
    });
  });
});
