import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRiskView } from '../../../../app/src/lib/risk-view.ts';

const view = (review: unknown): unknown => ({
  status: 'unavailable',
  patientId: 'p1',
  model: { id: 'm', version: '1', synthetic: true },
  inputs: {},
  missingInputs: [],
  ct: null,
  reasons: ['the automatic ROI could not name the levels'],
  analysis: { id: 'a1', roi: null, findings: [], stage: 'roi', review },
});
const review = {
  pictureUrl: '/api/roi-review/a1.png',
  width: 400,
  height: 200,
  zTopMm: 100,
  mmPerRow: 0.5,
  sagittal: { x: 80, width: 140 },
  coronal: { x: 226, width: 174 },
  bodies: [{ label: '?', zRangeMm: [50, 70] }],
  level: null,
  levelConfidence: 0,
  correctable: true,
};

describe('parseRiskView', () => {
  it('accepts a view whose analysis carries the spine picture for the level review', () => {
    assert.equal(parseRiskView(view(review)).analysis?.review?.bodies.length, 1);
  });

  it('rejects a level review without a z scale or with a body lacking its z range, naming what is wrong', () => {
    assert.throws(() => parseRiskView(view({ ...review, mmPerRow: 0 })), /z scale/);
    assert.throws(() => parseRiskView(view({ ...review, bodies: [{ label: 'T6' }] })), /vertebral bodies/);
    assert.throws(() => parseRiskView(view({ ...review, correctable: 'yes' })), /correctable/);
  });
});
