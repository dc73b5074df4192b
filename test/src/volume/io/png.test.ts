import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { encodePng } from '../../../../src/volume/io/png.ts';

describe('encodePng', () => {
  it('writes a PNG that an independent decoder reads back pixel for pixel', () => {
    const width = 7;
    const height = 5;
    const rgba = Uint8Array.from({ length: 4 * width * height }, (_, i) => (i * 37 + 11) % 256);
    const back = PNG.sync.read(encodePng({ width, height, rgba }));
    assert.equal(back.width, width);
    assert.equal(back.height, height);
    assert.deepEqual([...back.data], [...rgba]);
  });

  it('refuses a raster whose bytes do not match its size', () => {
    assert.throws(() => encodePng({ width: 2, height: 2, rgba: new Uint8Array(15) }), RangeError);
  });
});
