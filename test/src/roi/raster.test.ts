import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drawText, dottedRow, makeRaster, pixelAt, putPixel, zoomRaster } from '../../../src/roi/raster.ts';

describe('makeRaster', () => {
  it('makes an opaque black raster of the given size', () => {
    const r = makeRaster(4, 3);
    assert.equal(r.rgba.length, 48);
    assert.deepEqual([...r.rgba.subarray(44, 48)], [0, 0, 0, 255]);
  });
});

describe('putPixel', () => {
  it('sets a pixel and ignores one outside the raster', () => {
    const r = makeRaster(4, 3);
    putPixel(r, 3, 2, [1, 2, 3]);
    putPixel(r, 4, 0, [9, 9, 9]);
    putPixel(r, -1, 0, [9, 9, 9]);
    assert.deepEqual(pixelAt(r, 3, 2), [1, 2, 3]);
    assert.deepEqual(pixelAt(r, 0, 0), [0, 0, 0]);
  });
});

describe('dottedRow', () => {
  it('sets every other pixel of the row', () => {
    const r = makeRaster(6, 1);
    dottedRow(r, 0, 0, 5, [255, 255, 255]);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((x) => pixelAt(r, x, 0)[0]),
      [255, 0, 255, 0, 255, 0],
    );
  });
});

describe('drawText', () => {
  it('draws the 3x5 glyph of T (a bar over a stem) at scale 1 and returns the width', () => {
    const r = makeRaster(8, 5);
    assert.equal(drawText(r, 'T', 0, 0, [255, 255, 255], 1), 4);
    const rows = [0, 1, 2, 3, 4].map((y) => [0, 1, 2].map((x) => (pixelAt(r, x, y)[0] > 0 ? 1 : 0)).join(''));
    assert.deepEqual(rows, ['111', '010', '010', '010', '010']);
  });
});

describe('zoomRaster', () => {
  it('repeats each pixel factor x factor times', () => {
    const r = makeRaster(2, 1);
    putPixel(r, 1, 0, [7, 7, 7]);
    const z = zoomRaster(r, 2);
    assert.deepEqual([z.width, z.height], [4, 2]);
    assert.deepEqual(pixelAt(z, 3, 1), [7, 7, 7]);
    assert.deepEqual(pixelAt(z, 1, 1), [0, 0, 0]);
  });
});
