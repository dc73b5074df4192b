import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RoiQc, RoiSource } from '../../../../src/browser.ts';
import { reviewText, roiSourceText } from '../../../../app/src/lib/roi-source.ts';

const reviewed = (review: Extract<RoiSource, { kind: 'segmentation' }>['review']): RoiSource => ({
  kind: 'segmentation',
  seriesInstanceUid: '1.2.3',
  ...(review === undefined ? {} : { review }),
});

describe('reviewText', () => {
  it('says who confirmed the level and when', () => {
    assert.equal(
      reviewText({
        action: 'confirmed',
        level: 'T6',
        reviewer: 'Practitioner/7',
        time: '2026-12-07T18:05:07Z',
      }),
      'level T6 confirmed by Practitioner/7 on 2026-12-07',
    );
  });

  it('says what a correction changed, naming an unnamed vertebra as such', () => {
    const base = {
      action: 'corrected',
      level: 'T6',
      reviewer: 'dr-a',
      time: '2026-12-07T18:05:07Z',
    } as const;
    assert.equal(
      reviewText({ ...base, fromLevel: 'T7' }),
      'level corrected by dr-a on 2026-12-07 (the vertebra counted as T7 is T6)',
    );
    assert.equal(
      reviewText({ ...base, fromLevel: '?' }),
      'level corrected by dr-a on 2026-12-07 (the vertebra the automatic count left unnamed is T6)',
    );
  });
});

describe('roiSourceText', () => {
  it('names the automatic ROI with its confidence, a reviewed one, one drawn elsewhere, and none', () => {
    const qc = { passed: false } as unknown as RoiQc;
    assert.equal(
      roiSourceText({ kind: 'automatic', level: 'T6', qc, levelConfidence: 0.826, cues: [] }),
      'automatic, vertebral marrow at level T6 (labelling confidence 83 %)',
    );
    assert.equal(
      roiSourceText(
        reviewed({ action: 'confirmed', level: 'T6', reviewer: 'dr-a', time: '2026-01-02T00:00:00Z' }),
      ),
      'the automatic ROI, level T6 confirmed by dr-a on 2026-01-02',
    );
    assert.equal(roiSourceText(reviewed(undefined)), 'a segmentation drawn outside the app');
    assert.equal(roiSourceText(qc), 'none (the automatic ROI failed its quality control)');
    assert.equal(roiSourceText(null), 'none');
  });
});
