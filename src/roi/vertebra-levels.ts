/**
 * Vertebral bodies separated along z by the discs (their levels are named in level-labelling.ts, re-exported
 * here).
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { LevelConfidence } from './types.ts';

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
  /**
   * A level put in a gap between rib levels found (no rib head seen on either side; thick slices only): the
   * count across it rests on the gap's length, not on a rib.
   */
  readonly inferred?: boolean;
  /**
   * Of a rib-free segment built above the first rib level (thick slices): its slices whose centre lies at least
   * half a slice above that rib's head, the only ones that show it free of ribs (absent: all its slices).
   */
  readonly ribFreeSlices?: number;
  /**
   * Of the last rib-bearing body: a rib level was found below it that no body could be found for (see
   * alignWithRibLevels), so the vertebra below it is not known to be free of ribs.
   */
  readonly ribBelowUnplaced?: boolean;
  /**
   * Of the last rib-bearing body: a rib seen only from its shaft lies more than a level below it (see
   * ribShaftFarBelow), so rib levels were missed below it and it is not shown to be T12.
   */
  readonly ribShaftBelow?: boolean;
  /**
   * Of the first rib-bearing body on thick slices (see first-rib.ts): a rib head one level above its rib would
   * lie inside the scan, so a rib-free vertebra seen above it is seen whole enough to be C7 even when cut.
   */
  readonly ribAboveInView?: boolean;
  /**
   * Of the first rib-bearing body on thick slices: it is not taken for T1, because a rib neck was seen above it
   * (the first rib's, its shaft averaged away) or its rib was found on one side only (the first ribs are a pair;
   * a cervical rib is usually one-sided). See first-rib.ts.
   */
  readonly notFirstRib?: boolean;
  /** Level label number (8 = T1) or 0 when unnamed. */
  label: number;
}

/** The labelling outcome (see labelLevels). */
export interface Labelling {
  readonly segments: readonly Segment[];
  readonly confidence: LevelConfidence;
  readonly reasons: readonly string[];
}

/** Iliac bone area per side (mm^2) that marks a pelvic slice, and the share of such slices in a sacral segment. */
export const PELVIS_MM2 = 1400;
const PELVIC_FRACTION = 0.8;

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

export {
  FIRST_RIB_REACH_MM,
  SACRUM_LABEL,
  findSacrum,
  isFirstRibLevel,
  knownRibFree,
  labelFromRibs,
  labelLevels,
  segmentName,
} from './level-labelling.ts';
