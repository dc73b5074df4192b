import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderRoiDebug } from '../../../src/roi/debug-picture.ts';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { pixelAt } from '../../../src/roi/raster.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

describe('renderRoiDebug', () => {
  const p = makeChestPhantom({ seed: 1003, size: [256, 256], pixelMm: 1.4 });
  const r = findMarrowRoi(p.image);

  it('draws both views at 1 mm a pixel with the ROI in red on the rows of its level', () => {
    const picture = renderRoiDebug(p.image, r, { zoom: 1 });
    const [, , nz] = p.image.grid.size;
    assert.equal(picture.height, Math.round(nz * p.image.grid.spacingMm[2]));
    assert.equal(picture.width, 40 + 140 + 6 + 220 + 40);
    const t6 = r.levels.find((l) => l.label === 'T6');
    assert.ok(t6 !== undefined);
    const redRows = new Set<number>();
    for (let y = 0; y < picture.height; y++)
      for (let x = 0; x < picture.width; x++) {
        const [cr, cg, cb] = pixelAt(picture, x, y);
        if (cr === 255 && cg === 40 && cb === 40) redRows.add(y);
      }
    assert.ok(redRows.size > 10);
    // Every red row lies within T6's z range (slice centres +- half a slice), measured from the top slice.
    const half = p.image.grid.spacingMm[2] / 2;
    const top = p.image.grid.originLpsMm[2] + (nz - 1) * p.image.grid.spacingMm[2] + half;
    for (const y of redRows) {
      const zMm = top - (y + 0.5);
      assert.ok(zMm >= t6.zRangeMm[0] - half - 1 && zMm <= t6.zRangeMm[1] + half + 1, `row ${y}: z ${zMm}`);
    }
  });

  it('draws a small NO SPINE picture when the result has no tracked spine', () => {
    const grid = makeGrid([32, 32, 4], [1, 1, 5]);
    const air = { grid, data: new Float32Array(32 * 32 * 4).fill(-1000) };
    const picture = renderRoiDebug(air, findMarrowRoi(air), { zoom: 1 });
    assert.deepEqual([picture.width, picture.height], [200, 20]);
  });
});
