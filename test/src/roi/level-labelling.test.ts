import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  firstRibAnchor,
  isBelowL5Top,
  isFirstRibLevel,
  isLastRibLevel,
  labelLevels,
} from '../../../src/roi/level-labelling.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import type { Segment } from '../../../src/roi/vertebra-levels.ts';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { readDicomFolder } from '../../../src/dicom/folder.ts';
import { cropVolume } from '../../../src/volume/crop.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { referencePath } from '../../support/reference.ts';

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

describe('isBelowL5Top', () => {
  it('is true only below the top of the vertebra above the sacrum, and never without a sacrum', () => {
    const f = axialFrame(makeGrid([4, 4, 201], [1, 1, 5]));
    assert.ok(typeof f !== 'string');
    // Ten lumbar-like rib-free segments, then two pelvic ones: L5 is segment 9 (slices 155..152).
    const segs = segments(rep<Kind>('free', 12)).map((g, i) => ({ ...g, pelvic: i >= 10 }));
    assert.equal(isBelowL5Top(segs, 154, f), true);
    assert.equal(isBelowL5Top(segs, 156, f), false);
    assert.equal(isBelowL5Top(segments(rep<Kind>('free', 6)), 10, f), false);
  });
});

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

describe('firstRibAnchor', () => {
  it('says how the first rib-bearing vertebra is known to be T1, and never with the first ribs seen above it', () => {
    assert.equal(firstRibAnchor(segments(['free', 'rib', 'rib']), 1), 'whole');
    assert.equal(firstRibAnchor(segments(['cut-free', 'first-rib', 'rib']), 1), 'shape');
    const cut = segments(['cut-free', 'rib', 'rib']);
    assert.equal(firstRibAnchor(cut, 1), null);
    cut[1] = { ...cut[1], ribAboveInView: true };
    assert.equal(firstRibAnchor(cut, 1), 'view');
    const necks = segments(['free', 'rib', 'rib']);
    necks[1] = { ...necks[1], notFirstRib: true };
    assert.equal(firstRibAnchor(necks, 1), null);
    assert.match(labelLevels(necks).reasons.join(' '), /the first rib found may be the second/);
  });
});

describe('labelLevels with a T1 known only from the scan above it', () => {
  it('counts from T1 alone, and yields to T12 when the two do not count twelve levels', () => {
    const view = (kinds: readonly Kind[]): Segment[] => {
      const segs = segments(kinds);
      segs[1] = { ...segs[1], ribAboveInView: true };
      return segs;
    };
    const alone = labelLevels(view(['cut-free', ...rep<Kind>('rib', 8)]));
    assert.equal(alone.confidence, 'medium');
    assert.equal(alone.segments[1].label, 8);
    const both = labelLevels(view(['cut-free', ...rep<Kind>('rib', 12), 'free', 'free']));
    assert.equal(both.confidence, 'high');
    // Eleven: the first rib may be the one missed, so T1 is dropped and the levels are counted from T12.
    const eleven = labelLevels(view(['cut-free', ...rep<Kind>('rib', 11), 'free', 'free']));
    assert.equal(eleven.confidence, 'medium');
    assert.equal(eleven.segments[11].label, 19);
    assert.equal(eleven.segments[1].label, 9);
  });
});

describe('isLastRibLevel with a rib shaft far below', () => {
  it('does not take the last rib-bearing vertebra for T12 and says why', () => {
    const segs = segments(['cut-free', 'rib', 'rib', 'free', 'free', 'free']);
    assert.equal(isLastRibLevel(segs, 2), true);
    segs[2] = { ...segs[2], ribShaftBelow: true };
    assert.equal(isLastRibLevel(segs, 2), false);
    assert.match(labelLevels(segs).reasons.join(' '), /a rib's shaft was seen more than a level below/);
  });
});

describe('isLastRibLevel', () => {
  it('takes the last rib-bearing vertebra for T12 only when no rib level was left without a body below it', () => {
    const segs = segments(['rib', 'rib', 'free', 'free', 'free']);
    assert.equal(isLastRibLevel(segs, 1), true);
    segs[1] = { ...segs[1], ribBelowUnplaced: true };
    assert.equal(isLastRibLevel(segs, 1), false);
    const named = labelLevels(segs);
    assert.equal(named.confidence, 'none');
    assert.match(named.reasons.join(' '), /a rib was found below the lowest rib-bearing vertebra/);
  });
});

describe('labelLevels with an unusual rib count', () => {
  it('counts from T1 with a warning when 11 rib-bearing levels lie between rib-free ones', () => {
    const l = labelLevels(segments(['free', ...rep<Kind>('rib', 11), 'free', 'free']));
    assert.equal(l.confidence, 'medium');
    assert.equal(l.segments[1].label, 8);
    assert.equal(l.segments[6].label, 13);
    assert.match(l.reasons.join(' '), /^warning: found 11 rib-bearing vertebrae .* counted from T1/);
  });

  it('counts a run of 10 from T1 (both floating ribs missed) only below a whole rib-free vertebra', () => {
    const l = labelLevels(segments(['free', ...rep<Kind>('rib', 10), 'free', 'free']));
    assert.equal(l.confidence, 'medium');
    assert.equal(l.segments[6].label, 13);
    assert.match(
      l.reasons.join(' '),
      /found 10 rib-bearing vertebrae .*a floating rib not found.*counted from T1/,
    );
    // Below a vertebra cut by the top of the scan, the first rib's shape alone does not outweigh the count.
    const cut = labelLevels(segments(['cut-free', 'first-rib', ...rep<Kind>('rib', 9), 'free', 'free']));
    assert.equal(cut.confidence, 'none');
    assert.match(cut.reasons.join(' '), /counting from T1 and from T12 disagree/);
  });

  it('refuses when the run is 9, naming both ends', () => {
    const l = labelLevels(segments(['free', ...rep<Kind>('rib', 9), 'free', 'free']));
    assert.equal(l.confidence, 'none');
    assert.match(l.reasons.join(' '), /counting from T1 and from T12 disagree/);
  });
});

/** Slices of `v` whose centre z (LPS mm) lies in [z0, z1], all rows and columns. */
function cropZ(v: Volume, z0: number, z1: number): Volume {
  const g = v.grid;
  const zOf = (k: number): number => g.originLpsMm[2] + k * g.spacingMm[2] * g.direction[8];
  const ks = [...Array(g.size[2]).keys()].filter((k) => zOf(k) >= z0 && zOf(k) <= z1);
  return cropVolume(v, { lo: [0, 0, Math.min(...ks)], hi: [g.size[0] - 1, g.size[1] - 1, Math.max(...ks)] });
}

describe('levels of real CTs named from the end they show', () => {
  // Siemens B70f, 8 mm, 30 slices (z 80..312 mm), head first, no contrast, ending in the lower thorax. On 8 mm
  // slices the discs are not seen and the bodies come from the rib levels. The first ribs found leave the spine on
  // slice 28 (304 mm), the left one curving round the lung apex; above it is one slice, 29 (312 mm), the top of the
  // scan, a vertebra whose transverse processes carry a bony bar lateral to them. Counted by eye this cannot be
  // told apart: C7 with long transverse processes (then the manubrium's top at 284 mm, the aortic arch at 264 mm,
  // the sternal angle near 250 mm and the carina at 232 mm would each lie a level above their usual T2/T3, T3/T4,
  // T4/T5 and T5), or T1 with its first ribs' necks averaged into the processes (then all four lie at their usual
  // levels, and the lowest rib found, reaching only 71 mm, is the short 11th). One 8 mm slice cannot show a
  // vertebra free of ribs, so the ROI does not count from it.
  let lungdx: Promise<Volume> | undefined;
  const chest = (): Promise<Volume> =>
    (lungdx ??= readDicomFolder(referencePath('realct', 'lungdx-a0002-chest')).then((s) => s.volume));
  let pancreas: Promise<Volume> | undefined;
  const abdomen = (): Promise<Volume> =>
    (pancreas ??= readDicomFolder(referencePath('realct', 'pancreas-ct-001')).then((s) => s.volume));

  it('does not count an 8 mm chest from a vertebra seen on only one slice above the first rib found', async () => {
    const r = findMarrowRoi(await chest());
    assert.equal(r.status, 'refused');
    assert.equal(r.level, null);
    assert.equal(r.levelConfidence, 0);
    assert.deepEqual(
      r.qc.findings.map((f) => f.code),
      ['image-smoothed', 'neither-end-visible'],
    );
    assert.match(r.qc.reasons[1], /seen free of ribs on only 1 slice\(s\) \(8\.0 mm each\)/);
    // Cut below T9 (the upper end only), the same reason, not another count.
    const cut = findMarrowRoi(cropZ(await chest(), 136, 400));
    assert.equal(cut.level, null);
    // Its noise is sampled on other slices, so the note's figure may differ.
    assert.deepEqual(
      cut.qc.findings.map((f) => f.code),
      ['image-smoothed', 'neither-end-visible'],
    );
    assert.deepEqual(cut.qc.reasons.slice(1), r.qc.reasons.slice(1));
  });

  it('labels an abdominal CT cut above T7 (lower end only) up from the sacrum', async () => {
    const r = findMarrowRoi(cropZ(await abdomen(), 0, 455), { contrast: 'allow' });
    assert.equal(r.levels[0].label, 'T7');
    assert.equal(r.levels[r.levels.length - 1].label, 'S1');
    const sacrum = r.cues.find((c) => c.cue === 'sacrum');
    assert.deepEqual([sacrum?.says, sacrum?.labelled], ['S1', 'S1']);
    // A one-sided bone leaves L1 on the left (281 mm) and reaches 107 mm out: the rib cue puts the last rib there,
    // one level below the T12 ribs (317 and 321 mm, both sides); the sacral count alone names the levels.
    const last = r.cues.find((c) => c.cue === 'last-rib');
    assert.deepEqual([last?.says, last?.labelled], ['T12', 'L1']);
    assert.equal(r.levelConfidence, 0.7);
    assert.equal(r.level, 'T7');
    assert.match(r.qc.reasons.join(' '), /T6 is not in the scan/);
  });
});
