import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dilatePlane, erodePlane, openPlane, planeSolidity } from '../../../src/roi/plane-morphology.ts';
import type { Plane } from '../../../src/roi/plane-morphology.ts';

const P: Plane = { w: 40, h: 40, sxMm: 1, syMm: 1 };

/** A 0/1 plane with the pixels where `inside(x, y)` holds. */
function draw(inside: (x: number, y: number) => boolean, p = P): Uint8Array {
  const out = new Uint8Array(p.w * p.h);
  for (let y = 0; y < p.h; y++) for (let x = 0; x < p.w; x++) if (inside(x, y)) out[x + p.w * y] = 1;
  return out;
}

const count = (m: Uint8Array): number => m.reduce((s, v) => s + v, 0);
const disc = (cx: number, cy: number, r: number) => (x: number, y: number) =>
  (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

describe('erodePlane', () => {
  it('takes one pixel off each side of a square when the radius is one pixel', () => {
    const sq = draw((x, y) => x >= 10 && x < 20 && y >= 10 && y < 20);
    assert.equal(count(erodePlane(sq, P, 1)), 64);
  });
});

describe('dilatePlane', () => {
  it('adds a ring of 4-neighbours to a single pixel when the radius is one pixel', () => {
    assert.equal(
      count(
        dilatePlane(
          draw((x, y) => x === 5 && y === 5),
          P,
          1,
        ),
      ),
      5,
    );
  });
});

describe('openPlane', () => {
  it('cuts a 2-pixel bridge between two discs and keeps the discs when the radius is 3 mm', () => {
    const a = disc(10, 20, 7);
    const b = disc(30, 20, 7);
    const shape = draw((x, y) => a(x, y) || b(x, y) || (y >= 19 && y <= 20 && x >= 10 && x <= 30));
    const opened = openPlane(shape, P, 3);
    assert.equal(opened[20 + 40 * 20], 0, 'bridge cut');
    assert.equal(opened[10 + 40 * 20], 1);
    assert.equal(opened[30 + 40 * 20], 1);
  });

  it('uses the pixel spacing: a 2 mm radius on 2 mm pixels is one pixel', () => {
    const p: Plane = { w: 20, h: 20, sxMm: 2, syMm: 2 };
    const line = draw((x, y) => y === 10 && x >= 2 && x < 18, p);
    assert.equal(count(openPlane(line, p, 2)), 0);
  });
});

describe('planeSolidity', () => {
  it('is ~1 for a disc and a square when the region is convex', () => {
    assert.ok(planeSolidity(draw(disc(20, 20, 10)), 40, 40) > 0.9);
    assert.equal(
      planeSolidity(
        draw((x, y) => x >= 3 && x < 9 && y >= 3 && y < 9),
        40,
        40,
      ),
      1,
    );
  });

  it('is low for an L shape and for a disc with a far stray pixel', () => {
    const l = draw(
      (x, y) => (x >= 5 && x < 10 && y >= 5 && y < 35) || (y >= 30 && y < 35 && x >= 5 && x < 35),
    );
    assert.ok(planeSolidity(l, 40, 40) < 0.5);
    const d = disc(10, 10, 6);
    assert.ok(
      planeSolidity(
        draw((x, y) => d(x, y) || (x === 38 && y === 38)),
        40,
        40,
      ) < 0.6,
    );
  });

  it('is 1 for an empty plane', () => {
    assert.equal(planeSolidity(new Uint8Array(16), 4, 4), 1);
  });
});
