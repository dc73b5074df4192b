import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isFirstRibLevel, labelLevels } from '../../../src/roi/level-labelling.ts';
import type { Segment } from '../../../src/roi/vertebra-levels.ts';

type Kind = 'free' | 'rib' | 'first-rib' | 'cut-free';

/** Segments superior first: rib-free, rib-bearing (reach 120 mm), a first rib (reach 70 mm), or rib-free cut by the scan. */
function segments(kinds: readonly Kind[]): Segment[] {
  return kinds.map((k, i) => ({
    slices: [200 - 5 * i, 199 - 5 * i, 198 - 5 * i, 197 - 5 * i],
    heightMm: 20,
    truncated: k === 'cut-free',
    ribbed: k === 'rib' || k === 'first-rib',
    ribReachMm: k === 'rib' ? 120 : k === 'first-rib' ? 70 : 0,
    coreMeanHu: 200,
    pelvic: false,
    lateralBoneMm2: k === 'free' || k === 'cut-free' ? 0 : 2000,
    label: 0,
  }));
}

const rep = <T>(v: T, n: number): T[] => Array.from({ length: n }, () => v);

describe('isFirstRibLevel', () => {
  it('takes a rib below a whole rib-free vertebra for T1', () => {
    assert.equal(isFirstRibLevel(segments(['free', 'rib', 'rib']), 1), true);
  });

  it('takes a rib below a vertebra cut by the top of the scan for T1 only when it is shaped like a first rib', () => {
    assert.equal(isFirstRibLevel(segments(['cut-free', 'first-rib', 'rib']), 1), true);
    assert.equal(isFirstRibLevel(segments(['cut-free', 'rib', 'rib']), 1), false);
    assert.equal(isFirstRibLevel(segments(['rib', 'rib']), 0), false);
  });
});

describe('labelLevels with an unusual rib count', () => {
  it('counts from T1 with a warning when 11 rib-bearing levels lie between two rib-free ones', () => {
    const l = labelLevels(segments(['free', ...rep<Kind>('rib', 11), 'free']));
    assert.equal(l.confidence, 'medium');
    assert.equal(l.segments[1].label, 8);
    assert.equal(l.segments[6].label, 13);
    assert.match(l.reasons.join(' '), /^warning: found 11 rib-bearing vertebrae .* counted from T1/);
  });

  it('refuses when the run is 10, naming both ends', () => {
    const l = labelLevels(segments(['free', ...rep<Kind>('rib', 10), 'free']));
    assert.equal(l.confidence, 'none');
    assert.match(l.reasons.join(' '), /counting from T1 and from T12 disagree/);
  });
});
