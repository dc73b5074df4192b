/**
 * Levels named by a person: a reviewer who looked at the spine picture says which vertebral body is which level
 * (the app's "this is T6"), and every other body found along the spine is named by counting from it. The
 * automatic cues are still reported, but they no longer name anything: the person's count stands.
 */
import type { AxialFrame } from './axial-frame.ts';
import { SACRUM_LABEL } from './level-labelling.ts';
import { levelName } from './level-names.ts';
import type { Labelling, Segment } from './vertebra-levels.ts';

/** A person's naming of one body: the body whose z range holds `zMm` (LPS, mm) is level `label` (8 = T1). */
export interface PersonLevel {
  readonly zMm: number;
  readonly label: number;
}

/**
 * The body a person pointed at `zMm`: the one whose slices' z range, widened by half a slice, holds it; else the
 * nearest body centre within half that body's height (a click on the disc just beside it). -1 when none.
 */
export function bodyAt(segments: readonly Segment[], f: AxialFrame, zMm: number): number {
  const half = f.szMm / 2;
  let nearest = -1;
  let nearestMm = Infinity;
  for (let i = 0; i < segments.length; i++) {
    const zs = segments[i].slices.map((k) => f.zLpsMm(k));
    const lo = Math.min(...zs) - half;
    const hi = Math.max(...zs) + half;
    if (zMm >= lo && zMm <= hi) return i;
    const d = Math.abs(zMm - (lo + hi) / 2) - (hi - lo) / 2;
    if (d < nearestMm && d <= (hi - lo) / 2) {
      nearest = i;
      nearestMm = d;
    }
  }
  return nearest;
}

/**
 * Names `segments` (superior first) by counting from the body a person named: labels outside C1..S1 stay unnamed.
 * A string says why it cannot (no body at that position).
 */
export function labelFromPerson(segments: Segment[], f: AxialFrame, person: PersonLevel): Labelling | string {
  const at = bodyAt(segments, f, person.zMm);
  if (at < 0) {
    return `no vertebral body at z ${person.zMm.toFixed(1)} mm, where ${levelName(person.label)} was named by a person; pick a vertebral body on the spine picture`;
  }
  for (let i = 0; i < segments.length; i++) {
    const label = person.label + (i - at);
    segments[i].label = label >= 1 && label <= SACRUM_LABEL ? label : 0;
  }
  return {
    segments,
    confidence: 'high',
    reasons: [
      `levels named by a person: the vertebral body at z ${person.zMm.toFixed(1)} mm is ${levelName(person.label)}`,
    ],
  };
}
