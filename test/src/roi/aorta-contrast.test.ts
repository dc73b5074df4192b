import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONTRAST_AORTA_HU, measureAortaHu } from '../../../src/roi/aorta-contrast.ts';
import type { AortaMeasurement } from '../../../src/roi/aorta-contrast.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { findSpineColumn, trackSpine } from '../../../src/roi/spine-track.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { findSegments, labelLevels } from '../../../src/roi/vertebra-levels.ts';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { ctAcquisition } from '../../support/acquisition-info.ts';

const SMALL = { size: [256, 256] as const, pixelMm: 1.4 };

function spineOf(volume: Volume): { track: SpineTrack; measure: () => AortaMeasurement } {
  const f = axialFrame(volume.grid);
  if (typeof f === 'string') throw new Error(f);
  const column = findSpineColumn(volume, f);
  if (typeof column === 'string') throw new Error(column);
  const track = trackSpine(volume, f, column);
  const segments = labelLevels(findSegments(track, f)).segments;
  return { track, measure: () => measureAortaHu(volume, f, track, segments) };
}

/**
 * A copy of the phantom (which has no aorta) with a descending aorta painted in on every slice: a lumen of
 * radius 11 mm at `lumenHu` (+-15 HU of deterministic noise) in a 3 mm fat wall, centred 28 mm left of and
 * 18 mm anterior to the tracked body centre.
 */
function withAorta(image: Volume, track: SpineTrack, lumenHu: number): Volume {
  const [nx, ny, nz] = image.grid.size;
  const [sx, sy] = image.grid.spacingMm;
  const data = Float32Array.from(image.data);
  let seed = 12345;
  for (let z = 0; z < nz; z++) {
    const ax = track.cx[z] + 28 / sx;
    const ay = track.cy[z] - 18 / sy;
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const r = Math.hypot((x - ax) * sx, (y - ay) * sy);
        if (r > 14) continue;
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const noise = ((seed / 2147483648) * 2 - 1) * 15;
        data[x + nx * (y + ny * z)] = (r <= 11 ? lumenHu : -90) + noise;
      }
    }
  }
  return { grid: image.grid, data };
}

describe('measureAortaHu', () => {
  it('returns null with a reason, and findMarrowRoi still passes QC, when the phantom has no aorta', () => {
    for (const seed of [1001, 1002, 1003]) {
      const p = makeChestPhantom({ ...SMALL, seed });
      const m = spineOf(p.image).measure();
      assert.equal(m.aortaHu, null, `seed ${seed}`);
      assert.match(m.reason ?? '', /aorta not found/);
      const r = findMarrowRoi(p.image);
      assert.equal(r.qc.passed, true, `seed ${seed}: ${r.qc.reasons.join('; ')}`);
      assert.equal(r.qc.aortaHu, null);
      assert.match(r.qc.reasons.join(' '), /aorta not found .* contrast not checked/);
    }
  });

  it('measures an unenhanced aorta within 10 HU and passes QC when the lumen is 45 HU', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 1004 });
    const image = withAorta(p.image, spineOf(p.image).track, 45);
    const m = spineOf(image).measure();
    assert.ok(m.aortaHu !== null && Math.abs(m.aortaHu - 45) <= 10, JSON.stringify(m));
    assert.ok(m.slicesFound >= 3);
    const r = findMarrowRoi(image);
    assert.equal(r.qc.passed, true, r.qc.reasons.join('; '));
    assert.equal(r.level, 'T6');
    assert.ok(r.qc.aortaHu !== null && r.qc.aortaHu < CONTRAST_AORTA_HU);
    assert.doesNotMatch(r.qc.reasons.join(' '), /contrast/);
  });

  // 180 HU, a weak enhancement: a painted 300 HU tube on every slice of the phantom would outscore its spine
  // as the bone column (the real CT's ~285 HU aorta does not, its spine being denser and longer).
  it('flags contrast: fails QC by default and warns with contrast allow when the lumen is 180 HU', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 1005 });
    const image = withAorta(p.image, spineOf(p.image).track, 180);
    const m = spineOf(image).measure();
    assert.ok(m.aortaHu !== null && Math.abs(m.aortaHu - 180) <= 10, JSON.stringify(m));
    const rejected = findMarrowRoi(image);
    assert.equal(rejected.qc.passed, false);
    assert.equal(rejected.mask, undefined);
    assert.match(rejected.qc.reasons.join(' '), /contrast-enhanced scan: aorta mean \d+ HU > 120 HU/);
    const allowed = findMarrowRoi(image, { contrast: 'allow' });
    assert.equal(allowed.qc.passed, true, allowed.qc.reasons.join('; '));
    assert.equal(allowed.level, 'T6');
    assert.match(allowed.qc.reasons.join(' '), /warning: contrast-enhanced scan/);
  });

  it('reports both sources, the header agent and the aorta HU, when both say contrast', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 1005 });
    const image = withAorta(p.image, spineOf(p.image).track, 180);
    const acquisition = ctAcquisition({ contrastBolusAgent: ['Iohexol'] });
    const rejected = findMarrowRoi(image, { acquisition });
    assert.equal(rejected.qc.passed, false);
    assert.equal(rejected.mask, undefined);
    assert.ok(rejected.qc.aortaHu !== null && Math.abs(rejected.qc.aortaHu - 180) <= 10);
    assert.deepEqual(rejected.qc.headerContrast, { named: true, values: ['ContrastBolusAgent "Iohexol"'] });
    const text = rejected.qc.reasons.join(' | ');
    assert.match(text, /contrast-enhanced scan: DICOM header ContrastBolusAgent "Iohexol" \(contrast raises/);
    assert.match(text, /contrast-enhanced scan: aorta mean \d+ HU > 120 HU \(contrast raises/);
    const allowed = findMarrowRoi(image, { acquisition, contrast: 'allow' });
    assert.equal(allowed.qc.passed, true, allowed.qc.reasons.join('; '));
    assert.equal(allowed.qc.reasons.filter((r) => r.startsWith('warning: contrast-enhanced scan')).length, 2);
  });
});
