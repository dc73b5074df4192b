import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consensusBodies, measureRoiShape, roiShapeReasons } from '../../../src/roi/body-shape.ts';
import type { RoiShape } from '../../../src/roi/body-shape.ts';
import type { Plane } from '../../../src/roi/plane-morphology.ts';

// The T7 ROI found on the real CT after the fix (per-slice pixel counts, 1.07 mm pixels, 3 mm slices).
const GOOD: RoiShape = {
  sliceCounts: [580, 606, 637, 593, 518, 467, 487, 557],
  minSolidity: 0.89,
  apMm: 30,
  lrMm: 32,
  centroidAnteriorMm: 14,
  centroidInBody: true,
  bodyFraction: 0.79,
};

describe('roiShapeReasons', () => {
  it('passes the interior of a vertebral body', () => {
    assert.deepEqual(roiShapeReasons('T7', GOOD, 640), []);
  });

  it('fails the ROI that leaked into the aorta on one slice of the real CT', () => {
    // The ROI before the fix: one slice 2.3x the median, solidity 0.63 there, rows 262..313 (56 mm) deep.
    const leak: RoiShape = {
      ...GOOD,
      sliceCounts: [620, 638, 707, 1456, 549, 469, 499, 588],
      minSolidity: 0.63,
      apMm: 56,
    };
    const reasons = roiShapeReasons('T7', leak, 800).join('; ');
    assert.match(reasons, /T7 ROI leaks out of the body \(a slice is 2\.3x/);
    assert.match(reasons, /not convex/);
    assert.match(reasons, /larger than a vertebral body/);
  });

  it('fails an ROI whose centre is not in the body when it sits on the canal or in front of the body', () => {
    assert.match(
      roiShapeReasons('T7', { ...GOOD, centroidAnteriorMm: 2 }, 640).join(),
      /centre is not in the vertebral body/,
    );
    assert.match(
      roiShapeReasons('T7', { ...GOOD, centroidInBody: false }, 640).join(),
      /centre is not in the vertebral body/,
    );
  });

  it('fails an ROI whose size does not fit its body when it is too big or too small', () => {
    assert.match(roiShapeReasons('T7', GOOD, 2400).join(), /cross-section 2400 mm\^2/);
    assert.match(roiShapeReasons('T7', { ...GOOD, bodyFraction: 0.99 }, 640).join(), /99 % of its body/);
  });
});

describe('consensusBodies', () => {
  const P: Plane = { w: 40, h: 40, sxMm: 1, syMm: 1 };
  const body = (x: number, y: number): boolean => (x - 20) ** 2 / 144 + (y - 18) ** 2 / 100 <= 1;

  it('cuts a vessel touching the body on one slice of five when the other slices agree', () => {
    const slices = [0, 1, 2, 3, 4].map((k) => {
      const m = new Uint8Array(P.w * P.h);
      for (let y = 0; y < P.h; y++) {
        for (let x = 0; x < P.w; x++) {
          const vessel = k === 2 && (x - 34) ** 2 + (y - 12) ** 2 <= 36;
          if (body(x, y) || vessel) m[x + P.w * y] = 1;
        }
      }
      return m;
    });
    const out = consensusBodies(slices, P, 1);
    const clean = out[0];
    const cut = out[2];
    assert.ok(clean !== null && cut !== null);
    assert.equal(cut[36 + P.w * 12], 0, 'vessel centre removed');
    assert.equal(cut[20 + P.w * 18], 1, 'body centre kept');
    let diff = 0;
    for (let q = 0; q < clean.length; q++) diff += Math.abs(clean[q] - cut[q]);
    assert.ok(diff <= 12, `${diff} pixels differ from a clean slice`);
  });

  it('returns null for slices without a body', () => {
    assert.deepEqual(consensusBodies([null, null], P, 1), [null, null]);
  });
});

describe('measureRoiShape', () => {
  // 80 x 80 pixels of 0.5 mm; a 15 mm radius disc centred at (40, 40) (rows increase towards the back).
  const p: Plane = { w: 80, h: 80, sxMm: 0.5, syMm: 0.5 };
  const disc = (cut: (x: number, y: number) => boolean): Uint8Array => {
    const m = new Uint8Array(80 * 80);
    for (let y = 0; y < 80; y++)
      for (let x = 0; x < 80; x++) if ((x - 40) ** 2 + (y - 40) ** 2 <= 900 && !cut(x, y)) m[x + 80 * y] = 1;
    return m;
  };
  const solidity = (plane: Uint8Array): number => measureRoiShape([plane], [plane], 0, 75, p, 1).minSolidity;

  it('closes a 4 mm notch cut into the back of the marrow (the basivertebral foramen) before judging convexity', () => {
    const notched = disc((x, y) => Math.abs(x - 40) <= 4 && y >= 55);
    assert.ok(solidity(notched) >= 0.9, `solidity ${solidity(notched)}`);
  });

  it('still finds a 15 mm wide gap in the ROI non-convex', () => {
    const gap = disc((x, y) => Math.abs(x - 40) <= 15 && y >= 30);
    assert.ok(solidity(gap) < 0.75, `solidity ${solidity(gap)}`);
  });
});
