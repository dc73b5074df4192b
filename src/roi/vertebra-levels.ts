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
  /** How far the longest rib at this level reaches from the body centre (mm); 0 without a rib head found. */
  readonly ribReachMm: number;
  /** Lower quartile of the slices' core mean HU (robust to slices through an endplate). */
  readonly coreMeanHu: number;
  /** Flanked by iliac bone on both sides (>= 1400 mm^2 each) in >= 80 % of its slices. */
  readonly pelvic: boolean;
  /** Median over its slices of the smaller side's lateral bone area (mm^2). */
  readonly lateralBoneMm2: number;
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

/** Iliac bone area per side (mm^2) that marks a pelvic slice, and the share of such slices in a sacral segment. */
export const PELVIS_MM2 = 1400;
const PELVIC_FRACTION = 0.8;
/** A segment with less lateral bone than this (mm^2, median) is free of ribs and pelvis. */
const CLEAR_MM2 = 300;
/** Label given to the first sacral segment (S1; after L5 = 24). */
export const SACRUM_LABEL = 25;

/** A body run longer than this multiple of its neighbours' median is two bodies. */
const SPLIT_RATIO = 1.5;

/** Half-length (mm) of the running median of the core density that a disc dips below. */
const DIP_WINDOW_MM = 25;
/** A slice whose core mean is below this fraction of the running median, and a local minimum, is a disc. */
const DIP_RATIO = 0.8;

/**
 * Per slice (in `order`), true for a vertebral body slice: body fraction >= 0.5 and no density dip. A dip is a
 * slice whose core mean HU is a local minimum (over +-1 slice) below 0.8 x the running median over +-25 mm:
 * on real CT a disc seen through a thin slice and its endplates keeps much of the core above 110 HU.
 */
function bodySlices(order: readonly number[], track: SpineTrack, f: AxialFrame): boolean[] {
  const core = order.map((k) => track.coreMeanHu[k]);
  const half = Math.max(1, Math.round(DIP_WINDOW_MM / f.szMm));
  const buf: number[] = [];
  const low: boolean[] = [];
  const isBody = order.map((k, i) => {
    buf.length = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(core.length - 1, i + half); j++) buf.push(core[j]);
    buf.sort((a, b) => a - b);
    const ref = buf[buf.length >> 1];
    low.push(core[i] < DIP_RATIO * ref);
    if (track.bodyFraction[k] < 0.5) return false;
    const isMin = (i === 0 || core[i] <= core[i - 1]) && (i === core.length - 1 || core[i] <= core[i + 1]);
    return !(isMin && low[i]);
  });
  // A thin slice through a disc's edge is as low as its centre: the dip takes its low neighbours with it.
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < isBody.length; i++) {
      if (!isBody[i] || !low[i]) continue;
      if ((i > 0 && !isBody[i - 1] && low[i - 1]) || (i + 1 < isBody.length && !isBody[i + 1] && low[i + 1]))
        isBody[i] = false;
    }
  }
  return isBody;
}

/** Body runs [start, end) of `isBody`. */
function bodyRuns(isBody: readonly boolean[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < isBody.length;) {
    if (!isBody[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < isBody.length && isBody[j]) j++;
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

/**
 * Splits a body run longer than 1.5x the median of its (up to four) neighbouring complete runs at its least
 * dense interior slice (outside its outer quarters): two bodies whose thin disc left no dip of its own.
 */
function splitLongRuns(isBody: boolean[], order: readonly number[], track: SpineTrack): void {
  for (let pass = 0; pass < 4; pass++) {
    const runs = bodyRuns(isBody);
    const lengths = runs.map(([a, b]) => (a === 0 || b === isBody.length ? -1 : b - a));
    let changed = false;
    runs.forEach(([a, b], r) => {
      const near = [r - 2, r - 1, r + 1, r + 2]
        .filter((q) => q >= 0 && q < runs.length && lengths[q] > 0)
        .map((q) => lengths[q])
        .sort((p, q) => p - q);
      if (near.length < 2 || b - a <= SPLIT_RATIO * near[near.length >> 1]) return;
      const margin = Math.max(1, Math.floor((b - a) / 4));
      let best = -1;
      for (let i = a + margin; i < b - margin; i++) {
        if (best < 0 || track.coreMeanHu[order[i]] < track.coreMeanHu[order[best]]) best = i;
      }
      if (best >= 0) {
        isBody[best] = false;
        changed = true;
      }
    });
    if (!changed) return;
  }
}

/** The segment of `slices` (superior first): its height, rib flags, core density and lateral bone. */
export function buildSegment(
  slices: readonly number[],
  track: SpineTrack,
  f: AxialFrame,
  truncated: boolean,
): Segment {
  let ribbed = false;
  let pelvicSlices = 0;
  const cores: number[] = [];
  const lateral: number[] = [];
  for (const k of slices) {
    if (track.ribLeft[k] === 1 || track.ribRight[k] === 1) ribbed = true;
    if (track.pelvisMm2[k] >= PELVIS_MM2) pelvicSlices++;
    cores.push(track.coreMeanHu[k]);
    lateral.push(track.pelvisMm2[k]);
  }
  lateral.sort((a, b) => a - b);
  // Lower quartile: slices through a cortical endplate read far denser than the marrow.
  cores.sort((a, b) => a - b);
  return {
    slices,
    heightMm: slices.length * f.szMm,
    truncated,
    ribbed,
    ribReachMm: 0,
    coreMeanHu: cores[Math.floor((cores.length - 1) / 4)],
    pelvic: pelvicSlices >= PELVIC_FRACTION * slices.length,
    lateralBoneMm2: lateral[lateral.length >> 1],
    label: 0,
  };
}

/**
 * Splits the slices (ordered superior to inferior) into vertebral bodies: runs of slices whose body fraction
 * is >= 0.5 without a density dip (see bodySlices), separated by disc runs at least max(1 slice, 2.5 mm) long.
 */
export function findSegments(track: SpineTrack, f: AxialFrame): Segment[] {
  const order: number[] = [];
  for (let i = 0; i < f.nz; i++) order.push(f.superiorSign > 0 ? f.nz - 1 - i : i);
  const isBody = bodySlices(order, track, f);
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
  splitLongRuns(isBody, order, track);
  const segments: Segment[] = [];
  for (let i = 0; i < isBody.length;) {
    if (!isBody[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < isBody.length && isBody[j]) j++;
    segments.push(buildSegment(order.slice(i, j), track, f, i === 0 || j === isBody.length));
    i = j;
  }
  return segments;
}

/** True when `s` is known to carry no ribs (rib-free, and complete or visible over >= 8 mm). */
export function knownRibFree(s: Segment | undefined): boolean {
  return s !== undefined && !s.ribbed && (!s.truncated || s.heightMm >= TRUNCATED_EVIDENCE_MM);
}

/**
 * Reach (mm from the body centre, within the posterior slab searched) below which a rib is the first rib: its
 * arc is the shortest and tightest and turns forward out of the slab, while ribs 2..10 run on far laterally.
 */
export const FIRST_RIB_REACH_MM = 90;

/**
 * True when the first rib-bearing segment `first` is T1: a rib-free vertebra above it, either whole, or cut by
 * the top of the scan (only its lower part seen, where a cervical rib's head would not show) when the rib is
 * shaped like a first rib (reach below {@link FIRST_RIB_REACH_MM}; a reach of 0 means the rib was flagged
 * without a measured rib, and the rule of a whole vertebra above applies).
 */
export function isFirstRibLevel(segments: readonly Segment[], first: number): boolean {
  const above = segments[first - 1];
  if (first <= 0 || !knownRibFree(above)) return false;
  if (!above.truncated) return true;
  const reach = segments[first].ribReachMm;
  return reach === 0 || reach < FIRST_RIB_REACH_MM;
}

/**
 * Index of the first sacral segment, or -1: the highest of a run of pelvic segments reaching the bottom of the
 * column, with a complete segment above it (L5) and a segment clear of lateral bone further up (so that lower
 * ribs are not taken for the iliac wings).
 */
export function findSacrum(segments: readonly Segment[]): number {
  let s = segments.length;
  while (s > 0 && segments[s - 1].pelvic) s--;
  if (s === segments.length || s === 0 || segments[s - 1].truncated) return -1;
  const clear = segments.slice(0, s).some((g) => !g.truncated && g.lateralBoneMm2 < CLEAR_MM2);
  return clear ? s : -1;
}

/**
 * Names the segments. With a sacrum in view (see findSacrum) the levels are counted up from it (S1, L5, L4,
 * ...); when the first rib-bearing vertebra is also known to be T1 (a rib-free one above it) the two counts
 * must agree ('high'), else the sacral count stands alone ('medium'): the lowest ribs descend past L1 on real
 * CT, so the last rib-bearing segment is not a reliable T12 there. Without a sacrum, see labelFromRibs.
 */
export function labelLevels(segments: Segment[]): Labelling {
  const sacrum = findSacrum(segments);
  if (sacrum < 0) return labelFromRibs(segments);
  for (let i = 0; i < segments.length; i++) {
    const label = i <= sacrum ? SACRUM_LABEL - (sacrum - i) : 0;
    segments[i].label = label >= 1 ? label : 0;
  }
  const first = segments.findIndex((g, i) => i < sacrum && g.ribbed);
  if (isFirstRibLevel(segments, first)) {
    const t1 = sacrum - (SACRUM_LABEL - 8);
    if (t1 !== first) {
      for (const g of segments) g.label = 0;
      return {
        segments,
        confidence: 'none',
        reasons: [
          `counting up from the sacrum puts T1 ${Math.abs(t1 - first)} vertebra(e) ${t1 < first ? 'above' : 'below'} the first rib-bearing one: the counts disagree, so no level is named`,
        ],
      };
    }
    return { segments, confidence: 'high', reasons: [] };
  }
  return {
    segments,
    confidence: 'medium',
    reasons: ['levels counted up from the sacrum (S1 between the iliac wings); T1 is not in view'],
  };
}

/**
 * Names the segments: the first rib-bearing segment is T1 when a known rib-free vertebra lies above it, the last
 * is T12 when one lies below it; with both, the count between them must be 12 (confidence 'high'); with one,
 * labels count from that end ('medium'); with neither, or a failed cross-check, nothing is named ('none').
 */
export function labelFromRibs(segments: Segment[]): Labelling {
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
  const top = isFirstRibLevel(segments, first);
  const bottom = knownRibFree(segments[last + 1]);
  const setFrom = (index: number, label: number): void => {
    for (let i = 0; i < segments.length; i++) segments[i].label = label + (i - index);
  };
  if (top && bottom) {
    if (count === 11 || count === 13) {
      // A hypoplastic 12th rib (easily missed), a lumbar rib or a cervical rib: the first rib, the largest and
      // the most distinctive, still marks T1.
      setFrom(first, 8);
      for (const s of segments) if (s.label < 1 || s.label > 24) s.label = 0;
      return {
        segments,
        confidence: 'medium',
        reasons: [
          `warning: found ${count} rib-bearing vertebrae from the first to the last, expected 12 (a short 12th rib, or a lumbar or cervical rib): levels counted from T1`,
        ],
      };
    }
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
  if (s.label === SACRUM_LABEL) return 'S1';
  return s.label >= 1 && s.label <= 24 ? levelName(s.label) : null;
}
