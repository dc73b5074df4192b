import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyseStudy, analysisId } from '../../../src/analysis/analyse-study.ts';
import type { ImagingSource } from '../../../src/analysis/imaging-source.ts';
import { DicomError, DicomWebError } from '../../../src/errors.ts';
import { extractFeatures } from '../../../src/radiomics/extractor.ts';
import { paramsFromSettings } from '../../../src/radiomics/params.ts';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';

const { image, mask } = makeVertebraVolume({ size: [64, 64, 8], spacingMm: [0.7, 0.7, 2.5], seed: 5 });
const params = paramsFromSettings({});

/** An in-memory study: one CT series, and the marrow mask as its segmentation when `withSeg`. */
function memorySource(withSeg: boolean, fail?: Error): ImagingSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    chooseCtSeries: async (study) => {
      calls.push('choose');
      if (fail !== undefined) throw fail;
      return { studyInstanceUid: study, seriesInstanceUid: '1.2.3' };
    },
    loadCt: async () => {
      calls.push('ct');
      return {
        volume: image,
        acquisition: null,
        warnings: [{ code: 'padding', message: '12 padding pixels' }],
      };
    },
    findSegmentations: async (study) => {
      calls.push('find-seg');
      return withSeg ? [{ studyInstanceUid: study, seriesInstanceUid: '1.2.4' }] : [];
    },
    loadSegmentation: async () => {
      calls.push('seg');
      return mask;
    },
  };
}

describe('analyseStudy', () => {
  it("takes the study's segmentation and gives the extractor's features, the preview, timings and a stable id", async () => {
    let t = 0;
    const r = await analyseStudy(
      memorySource(true),
      { studyInstanceUid: '1.2' },
      { params, now: () => (t += 10) },
    );
    assert.equal(r.status, 'complete');
    if (r.status !== 'complete') return;
    assert.deepEqual(r.roi, { kind: 'segmentation', seriesInstanceUid: '1.2.4' });
    assert.deepEqual([...r.features], [...extractFeatures(image, mask, params)]);
    assert.deepEqual(r.findings, [{ code: 'padding', severity: 'warning', message: '12 padding pixels' }]);
    assert.deepEqual(Object.keys(r.timingsMs), ['series', 'roi', 'features']);
    assert.ok(Object.values(r.timingsMs).every((ms) => ms === 10));
    assert.equal(
      r.id,
      analysisId({ studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3' }, 'seg:1.2.4', params),
    );
    assert.ok(r.preview !== undefined && r.preview.mask.some((v) => v === 1));
  });

  it('fails at the ROI, with a coded finding and no exception, when a segmentation is required and absent', async () => {
    const r = await analyseStudy(
      memorySource(false),
      { studyInstanceUid: '1.2' },
      { params, roi: 'segmentation' },
    );
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.status === 'failed' ? [r.stage, r.category, r.findings.map((f) => f.code)] : [], [
      'roi',
      'patient-data-missing',
      ['padding', 'no-segmentation'],
    ]);
  });

  it("turns a patient's undecodable series into a failure value, and rethrows an upstream failure", async () => {
    const bad = await analyseStudy(
      memorySource(true, new DicomError('empty-series', 'no CT series')),
      { studyInstanceUid: '1.2' },
      { params },
    );
    assert.deepEqual(bad.status === 'failed' ? [bad.stage, bad.findings[0].code] : [], [
      'series',
      'empty-series',
    ]);
    await assert.rejects(
      analyseStudy(
        memorySource(true, new DicomWebError('timeout', 'slow')),
        { studyInstanceUid: '1.2' },
        { params },
      ),
      { code: 'timeout' },
    );
  });

  it('uses the named series without asking the source to choose', async () => {
    const source = memorySource(true);
    await analyseStudy(
      source,
      { studyInstanceUid: '1.2', ctSeriesInstanceUid: '9.9', segSeriesInstanceUid: '9.8' },
      { params },
    );
    assert.deepEqual(source.calls, ['ct', 'seg']);
  });
});
