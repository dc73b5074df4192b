import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CARINA_LEVELS, findCarina } from '../../../src/roi/carina.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { levelName } from '../../../src/roi/level-names.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

// 128 x 128 pixels of 1 mm, 20 slices of 2.5 mm (z index increasing towards the head), soft tissue; the body
// centre at (64, 100) and the airways in front of it (smaller y).
const N = 128;
const NZ = 20;
const grid = makeGrid([N, N, NZ], [1, 1, 2.5]);
const f = axialFrame(grid);
if (typeof f === 'string') throw new Error(f);
const frame = f;
const track: SpineTrack = {
  cx: new Float64Array(NZ).fill(64),
  cy: new Float64Array(NZ).fill(100),
  bodyFraction: new Float64Array(NZ).fill(1),
  coreMeanHu: new Float64Array(NZ).fill(200),
  ribLeft: new Uint8Array(NZ),
  ribRight: new Uint8Array(NZ),
  pelvisMm2: new Float64Array(NZ),
};

/** Soft tissue with round air lumens: per slice, the list of (x, y, radius) in mm. */
function airwayVolume(lumens: (z: number) => readonly (readonly [number, number, number])[]): Float32Array {
  const data = new Float32Array(N * N * NZ).fill(40);
  for (let z = 0; z < NZ; z++)
    for (const [cx, cy, r] of lumens(z))
      for (let y = 0; y < N; y++)
        for (let x = 0; x < N; x++)
          if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[x + N * (y + N * z)] = -1000;
  return data;
}

describe('findCarina', () => {
  it('finds the slice where the trachea divides into two bronchi side by side', () => {
    // The trachea (radius 9 mm) in slices 19..10, two bronchi (radius 6 mm) 10 mm either side from slice 9 down.
    const data = airwayVolume((z) =>
      z >= 10
        ? [[64, 60, 9]]
        : [
            [54, 62, 6],
            [74, 62, 6],
          ],
    );
    assert.equal(findCarina({ grid, data }, frame, track), 9);
  });

  it('does not take air in the oesophagus, behind the trachea, for the bronchi', () => {
    const data = airwayVolume(() => [
      [64, 60, 9],
      [66, 80, 4],
    ]);
    assert.equal(findCarina({ grid, data }, frame, track), null);
  });

  it('allows the carina from T3 to T7', () => {
    assert.deepEqual(CARINA_LEVELS.map(levelName), ['T3', 'T7']);
  });
});
