import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extent, fail, headerQc, spineSlices } from '../../../src/roi/roi-outcome.ts';
import { checkAcquisition } from '../../../src/roi/acquisition-qc.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { buildSegment } from '../../../src/roi/vertebra-levels.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

const NZ = 6;
const track: SpineTrack = {
  cx: Float64Array.from([10, 11, 12, 13, 14, 15]),
  cy: new Float64Array(NZ).fill(20),
  bodyFraction: new Float64Array(NZ).fill(1),
  coreMeanHu: new Float64Array(NZ).fill(200),
  ribLeft: new Uint8Array(NZ),
  ribRight: new Uint8Array(NZ),
  pelvisMm2: new Float64Array(NZ),
};

describe('fail', () => {
  it('gives no ROI, the reasons with their findings, and no cues', () => {
    const r = fail('T6', headerQc(checkAcquisition(undefined, false)), [
      'no body in the image (nothing above -400 HU)',
    ]);
    assert.equal(r.status, 'refused');
    assert.equal(r.level, null);
    assert.equal(r.mask, undefined);
    assert.equal(r.qc.passed, false);
    assert.deepEqual(r.qc.findings, [
      { code: 'no-body', severity: 'error', message: 'no body in the image (nothing above -400 HU)' },
    ]);
    assert.equal(r.levelConfidence, 0);
    assert.deepEqual([r.cues, r.spine, r.bodies, r.levels], [[], [], [], []]);
  });
});

describe('spineSlices', () => {
  it('gives the body centre of every slice and marks the slices of the rib heads by side', () => {
    const s = spineSlices(track, [
      { side: 'left', z: 2.2, reachMm: 120, medial: true },
      { side: 'right', z: 3.6, reachMm: 110, medial: true },
    ]);
    assert.equal(s.length, NZ);
    assert.deepEqual(s[2], { z: 2, x: 12, y: 20, ribLeft: true, ribRight: false });
    assert.deepEqual(s[4], { z: 4, x: 14, y: 20, ribLeft: false, ribRight: true });
  });
});

describe('extent', () => {
  it('gives the z range of a body in LPS mm, "?" when unnamed', () => {
    const f = axialFrame(makeGrid([4, 4, NZ], [1, 1, 2.5], [0, 0, 100]));
    assert.ok(typeof f !== 'string');
    const seg = buildSegment([4, 3, 2], track, f, false);
    assert.deepEqual(extent(seg, f, null), { label: '?', zRangeMm: [105, 110] });
    assert.equal(extent(seg, f, 'T6').label, 'T6');
  });
});
