import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONFIDENCE_ONE_END,
  CONFIDENCE_TWO_ENDS,
  carinaAgrees,
  inferredLevelsCounted,
  levelConfidenceScore,
  levelCues,
} from '../../../src/roi/level-cues.ts';
import { labelLevels } from '../../../src/roi/level-labelling.ts';
import type { Segment } from '../../../src/roi/vertebra-levels.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

// 5 mm slices, z index increasing towards the head; segment i spans 4 slices from the top down.
const grid = makeGrid([8, 8, 120], [1, 1, 5]);
const frame = axialFrame(grid);
if (typeof frame === 'string') throw new Error(frame);

function segments(kinds: readonly ('free' | 'rib' | 'pelvis')[]): Segment[] {
  return kinds.map((k, i) => {
    const top = 119 - 5 * i;
    return {
      slices: [top, top - 1, top - 2, top - 3],
      heightMm: 20,
      truncated: false,
      ribbed: k !== 'free',
      ribReachMm: k === 'rib' ? 120 : 0,
      coreMeanHu: 200,
      pelvic: k === 'pelvis',
      lateralBoneMm2: k === 'free' ? 0 : 2000,
      label: 0,
    };
  });
}

const rep = <T>(v: T, n: number): T[] => Array.from({ length: n }, () => v);
/** Label number of T6 (T1 = 8). */
const T6 = 13;

describe('levelCues', () => {
  it('anchors T1 and T12 at the first and last rib-bearing vertebrae with a run of twelve', () => {
    const l = labelLevels(segments(['free', ...rep('rib' as const, 12), 'free', 'free']));
    const cues = levelCues(l, frame);
    const first = cues.find((c) => c.cue === 'first-rib');
    const last = cues.find((c) => c.cue === 'last-rib');
    assert.deepEqual([first?.found, first?.says, first?.labelled], [true, 'T1', 'T1']);
    assert.deepEqual([last?.found, last?.says, last?.labelled], [true, 'T12', 'T12']);
    // Segment 1 spans slices 114..111, its centre slice 112: z = 112 x 5 mm.
    assert.equal(first?.zMm, 560);
    assert.equal(cues.find((c) => c.cue === 'rib-count')?.says, '12 rib-bearing levels');
    assert.equal(cues.find((c) => c.cue === 'sacrum')?.found, false);
    assert.equal(levelConfidenceScore(l, cues, T6), CONFIDENCE_TWO_ENDS);
  });

  it('gives the one-end confidence when only the top of the thoracic spine is in view', () => {
    const l = labelLevels(segments(['free', ...rep('rib' as const, 9)]));
    const cues = levelCues(l, frame);
    assert.equal(cues.find((c) => c.cue === 'last-rib')?.found, false);
    assert.equal(levelConfidenceScore(l, cues, T6), CONFIDENCE_ONE_END);
  });

  it('loses confidence for a level inferred from a gap on the way from the one anchored end, not beyond it', () => {
    const inferAt = (i: number) => {
      const g = segments(['free', ...rep('rib' as const, 9)]);
      g[i] = { ...g[i], inferred: true };
      return labelLevels(g);
    };
    // Segment 2 is T2: counted from T1 to T6, it costs 0.25.
    const l = inferAt(2);
    const cues = levelCues(l, frame);
    assert.deepEqual(
      inferredLevelsCounted(l, cues, T6).map((g) => g.label),
      [9],
    );
    assert.equal(levelConfidenceScore(l, cues, T6), 0.45);
    // Segment 8 is T8, below T6: the count to T6 does not pass it.
    const below = inferAt(8);
    assert.deepEqual(inferredLevelsCounted(below, levelCues(below, frame), T6), []);
    assert.equal(levelConfidenceScore(below, levelCues(below, frame), T6), CONFIDENCE_ONE_END);
  });

  it('does not count an inferred level when both ends are anchored (the run of twelve checks it)', () => {
    const g = segments(['free', ...rep('rib' as const, 12), 'free', 'free']);
    g[3] = { ...g[3], inferred: true };
    const l = labelLevels(g);
    const cues = levelCues(l, frame);
    assert.deepEqual(inferredLevelsCounted(l, cues, T6), []);
    assert.equal(levelConfidenceScore(l, cues, T6), CONFIDENCE_TWO_ENDS);
  });

  it('gives zero confidence and no labels when no end is anchored', () => {
    const l = labelLevels(segments(rep('rib' as const, 8)));
    const cues = levelCues(l, frame);
    assert.equal(levelConfidenceScore(l, cues, T6), 0);
    assert.ok(cues.every((c) => c.labelled === null));
  });

  it('names S1 from the sacrum and does not take the iliac wings for the last rib', () => {
    const kinds = [
      ...rep('rib' as const, 5),
      ...rep('free' as const, 5),
      'pelvis' as const,
      'pelvis' as const,
    ];
    const l = labelLevels(segments(kinds));
    const cues = levelCues(l, frame);
    const sacrum = cues.find((c) => c.cue === 'sacrum');
    assert.deepEqual([sacrum?.found, sacrum?.says, sacrum?.labelled], [true, 'S1', 'S1']);
    const last = cues.find((c) => c.cue === 'last-rib');
    assert.deepEqual([last?.found, last?.says, last?.labelled], [true, 'T12', 'T12']);
    assert.equal(levelConfidenceScore(l, cues, T6), CONFIDENCE_TWO_ENDS);
  });
});

describe('carinaAgrees', () => {
  const l = labelLevels(segments(['free', ...rep('rib' as const, 12), 'free', 'free']));

  it('agrees when the carina falls in T5 and adds to the confidence', () => {
    // Segment 5 (T5) spans slices 94..91.
    const cues = levelCues(l, frame, 92);
    const carina = cues.find((c) => c.cue === 'carina');
    assert.deepEqual([carina?.found, carina?.says, carina?.labelled], [true, 'T3-T7', 'T5']);
    assert.equal(carinaAgrees(cues), true);
    assert.equal(levelConfidenceScore(l, cues, T6), 1);
  });

  it('disagrees when the count puts the carina at T1, and says nothing without a carina', () => {
    assert.equal(carinaAgrees(levelCues(l, frame, 113)), false);
    assert.equal(carinaAgrees(levelCues(l, frame)), null);
  });
});
