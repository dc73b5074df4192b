/**
 * Vertebral bodies separated along z by the discs, and their levels named by counting rib-bearing vertebrae
 * (T1..T12) from whichever ends of the thoracic spine are visible, cross-checked when both are.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { LevelConfidence } from './types.ts';
import { levelName } from './level-names.ts';

/** A vertebral body: slices [k0, k1] in superior-to-inferior order of `order`. */
export interface Segment {
  /** Slice indices (volume z) of the body, superior first. */
  readonly slices: readonly number[];
  readonly heightMm: number;
  /** Touches the first or last slice of the scan: its true extent is unknown. */
  readonly truncated: boolean;
  readonly ribbed: boolean;
  /** Lower quartile of the slices' core mean HU (robust to slices through an endplate). */
  readonly coreMeanHu: number;
  /** Level label number (8 = T1) or 0 when unnamed. */
  label: number;
}

/** The labelling outcome. */
export interface Labelling {
  readonly segments: readonly Segment[];
  readonly confidence: LevelConfidence;
  readonly reasons: readonly string[];
}

/** A rib-free truncated end segment is trusted as rib-free when at least this much of it is visible (mm). */
const TRUNCATED_EVIDENCE_MM = 8;

/**
 * Splits the slices (ordered superior to inferior) into vertebral bodies: runs of slices whose body fraction
 * is >= 0.5, separated by disc runs (fraction < 0.5) at least max(1 slice, 2.5 mm) long.
 */
export function findSegments(track: SpineTrack, f: AxialFrame): Segment[] {
  const order: number[] = [];
  for (let i = 0; i < f.nz; i++) order.push(f.superiorSign > 0 ? f.nz - 1 - i : i);
  const isBody = order.map((k) => track.bodyFraction[k] >= 0.5);
  const minDisc = Math.max(1, Math.ceil(2.5 / f.szMm - 1e-9));
  for (let i = 0; i < isBody.length;) {
    if (isBody[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < isBody.length && !isBody[j]) j++;
    if (j - i < minDisc && i > 0 && j < isBody.length) for (let q = i; q < j; q++) isBody[q] = true;
    i = j;
  }
  const segments: Segment[] = [];
  for (let i = 0; i < isBody.length;) {
    if (!isBody[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < isBody.length && isBody[j]) j++;
    const slices = order.slice(i, j);
    let ribbed = false;
    const cores: number[] = [];
    for (const k of slices) {
      if (track.ribLeft[k] === 1 || track.ribRight[k] === 1) ribbed = true;
      cores.push(track.coreMeanHu[k]);
    }
    // Lower quartile: slices through a cortical endplate read far denser than the marrow.
    cores.sort((a, b) => a - b);
    segments.push({
      slices,
      heightMm: slices.length * f.szMm,
      truncated: i === 0 || j === isBody.length,
      ribbed,
      coreMeanHu: cores[Math.floor((cores.length - 1) / 4)],
      label: 0,
    });
    i = j;
  }
  return segments;
}

/** True when `s` is known to carry no ribs (rib-free, and complete or visible over >= 8 mm). */
function knownRibFree(s: Segment | undefined): boolean {
  return s !== undefined && !s.ribbed && (!s.truncated || s.heightMm >= TRUNCATED_EVIDENCE_MM);
}

/**
 * Names the segments: the first rib-bearing segment is T1 when a known rib-free vertebra lies above it, the last
 * is T12 when one lies below it; with both, the count between them must be 12 (confidence 'high'); with one,
 * labels count from that end ('medium'); with neither, or a failed cross-check, nothing is named ('none').
 */
export function labelLevels(segments: Segment[]): Labelling {
  const ribbed = segments.map((s, i) => (s.ribbed ? i : -1)).filter((i) => i >= 0);
  if (segments.length === 0) {
    return { segments, confidence: 'none', reasons: ['no vertebral bodies found along the spine'] };
  }
  if (ribbed.length === 0) {
    return {
      segments,
      confidence: 'none',
      reasons: ['no rib-bearing vertebra found: the thoracic levels cannot be named'],
    };
  }
  const first = ribbed[0];
  const last = ribbed[ribbed.length - 1];
  const count = last - first + 1;
  const top = knownRibFree(segments[first - 1]);
  const bottom = knownRibFree(segments[last + 1]);
  const setFrom = (index: number, label: number): void => {
    for (let i = 0; i < segments.length; i++) segments[i].label = label + (i - index);
  };
  if (top && bottom) {
    if (count !== 12) {
      return {
        segments,
        confidence: 'none',
        reasons: [
          `found ${count} vertebrae from the first to the last rib-bearing one, expected 12 (T1..T12): counting from T1 and from T12 disagree, so no level is named`,
        ],
      };
    }
    setFrom(first, 8);
    return { segments, confidence: 'high', reasons: [] };
  }
  if (!top && !bottom) {
    return {
      segments,
      confidence: 'none',
      reasons: [
        'neither end of the thoracic spine is visible (no rib-free vertebra above T1 or below T12 in the scan)',
      ],
    };
  }
  if (count > 12) {
    return {
      segments,
      confidence: 'none',
      reasons: [`found ${count} rib-bearing vertebrae in a row, more than 12`],
    };
  }
  if (top) setFrom(first, 8);
  else setFrom(last, 19);
  for (const s of segments) if (s.label < 1 || s.label > 24) s.label = 0;
  const end = top ? 'T1 (the scan ends above T12)' : 'T12 (the scan starts below T1)';
  return { segments, confidence: 'medium', reasons: [`levels counted from ${end}`] };
}

/** The name of a segment's label, or null when unnamed. */
export function segmentName(s: Segment): string | null {
  return s.label >= 1 && s.label <= 24 ? levelName(s.label) : null;
}
