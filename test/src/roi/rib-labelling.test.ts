import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labelWithRibs } from '../../../src/roi/rib-labelling.ts';
import type { RibHead, RibNeck } from '../../../src/roi/rib-heads.ts';
import { buildSegment } from '../../../src/roi/vertebra-levels.ts';
import type { Segment } from '../../../src/roi/vertebra-levels.ts';
import { segmentName } from '../../../src/roi/level-labelling.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { AxialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

// 5 mm slices, z index increasing towards the head. Every vertebra is 20 mm: three body slices and a disc slice.
// Vertebra v (0 = C7, 1 = T1, ... 12 = T12, 13 = L1, ...) has its top body slice at TOP - 4 v.
const TOP = 78;

interface Spine {
  readonly f: AxialFrame;
  readonly track: SpineTrack;
  readonly found: Segment[];
}

/** The bodies found from vertebra `firstV` (cut by the top of the scan at slice nz - 1) down to vertebra `lastV`. */
function spine(nz: number, lastV: number, firstV = 0): Spine {
  const fr = axialFrame(makeGrid([8, 8, nz], [1, 1, 5]));
  if (typeof fr === 'string') throw new Error(fr);
  const track: SpineTrack = {
    cx: new Float64Array(nz),
    cy: new Float64Array(nz),
    bodyFraction: new Float64Array(nz).fill(1),
    coreMeanHu: new Float64Array(nz).fill(250),
    ribLeft: new Uint8Array(nz),
    ribRight: new Uint8Array(nz),
    pelvisMm2: new Float64Array(nz),
  };
  const found: Segment[] = [];
  for (let v = firstV; v <= lastV; v++) {
    const top = v === firstV ? nz - 1 : TOP - 4 * v;
    const bottom = TOP - 4 * v - 2;
    const slices = Array.from({ length: top - bottom + 1 }, (_, i) => top - i);
    found.push(buildSegment(slices, track, fr, v === firstV || bottom === 0));
  }
  return { f: fr, track, found };
}

/** Rib heads on both sides at the top of vertebrae T`from`..T`to`. */
const ribs = (from: number, to: number): RibHead[] =>
  Array.from({ length: to - from + 1 }, (_, i) => TOP - 4 * (from + i) + 0.3).flatMap((z) => [
    { side: 'left' as const, z, reachMm: 120, medial: true },
    { side: 'right' as const, z, reachMm: 120, medial: true },
  ]);
/** The first ribs seen only by their necks, at the top of T1. */
const firstNecks: RibNeck[] = [
  { side: 'left', z: TOP - 4 + 0.3, reachMm: 55 },
  { side: 'right', z: TOP - 4 + 0.3, reachMm: 52 },
];

function nameOfT(labelled: readonly Segment[], v: number, s: Spine): string | null {
  const slice = TOP - 4 * v - 1;
  const g = labelled.find((x) => x.slices.includes(slice));
  assert.ok(g !== undefined, `no body holds slice ${slice} (${s.found.length} found)`);
  return segmentName(g);
}

describe('labelWithRibs at the last rib', () => {
  it('does not take the last rib level for T12 when a rib shaft lies more than a level below it', () => {
    // The scan starts in T2. Ribs found on T2..T11; the twelfth seen only from its shaft, beside L1.
    const s = spine(71, 16, 2);
    const shaft: RibHead = { side: 'left', z: TOP - 4 * 13 + 0.5, reachMm: 90, medial: false };
    const l = labelWithRibs(s.found, [...ribs(2, 11), shaft], [], s.track, s.f);
    assert.equal(l.confidence, 'none');
    assert.match(
      l.reasons.join(' '),
      /a rib's shaft was seen more than a level below the lowest rib-bearing/,
    );
    // With the twelfth rib's head found, T12 is the last rib level and the count runs up from it.
    const m = labelWithRibs(s.found, ribs(2, 12), [], s.track, s.f);
    assert.equal(m.confidence, 'medium');
    assert.equal(nameOfT(m.segments, 6, s), 'T6');
  });
});

describe('labelWithRibs', () => {
  it('takes the first ribs seen only by their necks for T1 when the count then runs twelve to T12', () => {
    const s = spine(80, 16);
    const l = labelWithRibs(s.found, ribs(2, 12), firstNecks, s.track, s.f);
    assert.equal(l.confidence, 'high');
    assert.equal(nameOfT(l.segments, 1, s), 'T1');
    assert.equal(nameOfT(l.segments, 6, s), 'T6');
  });

  it('takes neither the second rib nor the necks above it for T1 when no T12 checks the count', () => {
    // The scan ends in T11: no T12 to count twelve levels to.
    const s = spine(80, 11);
    const l = labelWithRibs(s.found, ribs(2, 11), firstNecks, s.track, s.f);
    assert.equal(l.confidence, 'none');
    assert.match(l.reasons.join(' '), /neither end of the thoracic spine is visible/);
  });

  it('takes a long first rib below a cut C7 for T1 when the scan reaches a level above it', () => {
    // Slices up to 83: C7 seen over 30 mm above T1's head; rib levels every 20 mm.
    const s = spine(84, 16);
    const l = labelWithRibs(s.found, ribs(1, 12), [], s.track, s.f);
    assert.equal(l.confidence, 'high');
    assert.equal(nameOfT(l.segments, 6, s), 'T6');
    // A neck one level above it (a first rib whose shaft was lost, the rib found then the second) leaves the
    // count to T12.
    const neck: RibNeck[] = [{ side: 'right', z: TOP + 0.3, reachMm: 52 }];
    const vetoed = labelWithRibs(s.found, ribs(1, 12), neck, s.track, s.f);
    assert.equal(vetoed.confidence, 'medium');
    assert.match(vetoed.reasons.join(' '), /counted from T12/);
    // Up to slice 79 only (C7 seen over 10 mm), T1 is counted from T12 alone.
    const low = spine(80, 16);
    const m = labelWithRibs(low.found, ribs(1, 12), [], low.track, low.f);
    assert.equal(m.confidence, 'medium');
    assert.match(m.reasons.join(' '), /counted from T12/);
    assert.equal(nameOfT(m.segments, 6, low), 'T6');
  });
});
