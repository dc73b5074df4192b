import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RoiReviewView } from '../../../../src/browser.ts';
import {
  bodyAtRow,
  bodyName,
  correctionRequest,
  currentBodyIndex,
  pickerBodies,
  reviewMode,
  rowOfZ,
} from '../../../../app/src/lib/roi-review.ts';

/** A picture of 3 bodies, 2 rows per mm, its top edge at z = 100 mm; bodies 20 mm tall with 5 mm discs. */
function review(over: Partial<RoiReviewView> = {}): RoiReviewView {
  return {
    pictureUrl: '/api/roi-review/0123.png',
    width: 400,
    height: 200,
    zTopMm: 100,
    mmPerRow: 0.5,
    sagittal: { x: 80, width: 140 },
    coronal: { x: 226, width: 174 },
    bodies: [
      { label: 'T5', zRangeMm: [75, 95] },
      { label: 'T6', zRangeMm: [50, 70] },
      { label: '?', zRangeMm: [25, 45] },
    ],
    level: 'T6',
    levelConfidence: 0.8,
    correctable: true,
    ...over,
  };
}

describe('rowOfZ', () => {
  it('maps z to picture rows downward from zTopMm at mmPerRow', () => {
    assert.equal(rowOfZ(review(), 100), 0);
    assert.equal(rowOfZ(review(), 90), 20);
    assert.equal(rowOfZ(review(), 0), 200);
  });
});

describe('pickerBodies', () => {
  it('places each body at its rows, superior first, and marks the one the ROI is on', () => {
    const bodies = pickerBodies(review());
    assert.deepEqual(
      bodies.map((b) => [b.label, b.rowTop, b.rowBottom, b.zMidMm, b.current]),
      [
        ['T5', 10, 50, 85, false],
        ['T6', 60, 100, 60, true],
        ['?', 110, 150, 35, false],
      ],
    );
    assert.equal(bodies[1]?.name, 'Vertebra 2 from the top, counted as T6, where the ROI is now');
    assert.equal(bodies[2]?.name, 'Vertebra 3 from the top, not named');
  });

  it('takes a z range given high to low and clips a body running off the picture', () => {
    const [b] = pickerBodies(review({ bodies: [{ label: 'T1', zRangeMm: [120, 90] }] }));
    assert.equal(b?.rowTop, 0);
    assert.equal(b?.rowBottom, 20);
  });
});

describe('currentBodyIndex', () => {
  it('is -1 when the automatic ROI named no level', () => {
    assert.equal(currentBodyIndex(review({ level: null })), -1);
    assert.equal(currentBodyIndex(review({ level: 'T9' })), -1);
  });
});

describe('bodyAtRow', () => {
  it('picks the body holding the row, and the nearer body for a row on a disc or beyond the ends', () => {
    const bodies = pickerBodies(review());
    assert.equal(bodyAtRow(bodies, 30), 0);
    assert.equal(bodyAtRow(bodies, 104), 1);
    assert.equal(bodyAtRow(bodies, 107), 2);
    assert.equal(bodyAtRow(bodies, 0), 0);
    assert.equal(bodyAtRow(bodies, 199), 2);
    assert.equal(bodyAtRow([], 10), -1);
  });
});

describe('bodyName', () => {
  it('counts from one at the top', () => {
    assert.equal(bodyName(6, 'T6', false), 'Vertebra 7 from the top, counted as T6');
  });
});

describe('correctionRequest', () => {
  it('confirms, or names the chosen body T6 at the middle of its z range', () => {
    assert.deepEqual(correctionRequest('p1', 'http://fhir', { action: 'confirm' }), {
      patient: 'p1',
      fhirServer: 'http://fhir',
      action: 'confirm',
    });
    const body = pickerBodies(review())[2];
    assert.ok(body !== undefined);
    assert.deepEqual(correctionRequest('p1', 'http://fhir', { action: 'set-level', body }), {
      patient: 'p1',
      fhirServer: 'http://fhir',
      action: 'set-level',
      zMm: 35,
      level: 'T6',
    });
  });
});

describe('reviewMode', () => {
  it('checks a named level, asks for T6 when the levels were not named, and only shows what is not correctable', () => {
    assert.equal(reviewMode(review()), 'check');
    assert.equal(reviewMode(review({ level: null })), 'refused');
    assert.equal(reviewMode(review({ correctable: false, reason: 'drawn elsewhere' })), 'view-only');
  });
});
