import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, polyline, sx, sy, ticks } from '../../../../src/model/figures/svg.ts';
import type { Frame } from '../../../../src/model/figures/svg.ts';

const frame: Frame = {
  width: 200,
  height: 100,
  left: 20,
  right: 10,
  top: 10,
  bottom: 20,
  x: [0, 1],
  y: [0, 1],
};

describe('sx', () => {
  it('maps the x range onto the plot area between the margins', () => {
    assert.equal(sx(frame, 0), 20);
    assert.equal(sx(frame, 1), 190);
  });
});

describe('sy', () => {
  it('maps the y range upwards, the bottom margin at y = 0', () => {
    assert.equal(sy(frame, 0), 80);
    assert.equal(sy(frame, 1), 10);
  });
});

describe('polyline', () => {
  it('skips non-finite points when a curve has gaps', () => {
    const s = polyline(frame, [0, 0.5, 1], [0, NaN, 1], '#000');
    assert.match(s, /points="20\.00,80\.00 190\.00,10\.00"/);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters in a feature or term name', () => {
    assert.equal(escapeXml('a<b & "c">'), 'a&lt;b &amp; &quot;c&quot;&gt;');
  });
});

describe('ticks', () => {
  it('returns n + 1 evenly spaced values including both ends', () => {
    assert.deepEqual(ticks(0, 1, 4), [0, 0.25, 0.5, 0.75, 1]);
  });
});
