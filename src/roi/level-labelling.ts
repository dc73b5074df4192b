/**
 * The vertebral bodies named by counting rib-bearing vertebrae (T1..T12) from whichever ends of the thoracic
 * spine are visible, cross-checked when both are, or up from the sacrum.
 */
import type { Labelling, Segment } from './vertebra-levels.ts';
import { levelName } from './level-names.ts';
import type { AxialFrame } from './axial-frame.ts';

/** A rib-free truncated end segment is trusted as rib-free when at least this much of it is visible (mm). */
const TRUNCATED_EVIDENCE_MM = 8;
/** A segment with less lateral bone than this (mm^2, median) is free of ribs and pelvis. */
const CLEAR_MM2 = 300;
/** The reasons of a count from one end of the thoracic spine alone (see labelFromRibs). */
export const FROM_T1_ONLY = 'levels counted from T1 (the scan ends above T12)';
export const FROM_T12_ONLY = 'levels counted from T12 (the scan starts below T1)';
/** Label given to the first sacral segment (S1; after L5 = 24). */
export const SACRUM_LABEL = 25;

/**
 * A truncated segment is trusted as rib-free only when at least this many of its slices show it (one thick
 * slice can average a rib's neck into the transverse process beside it, so one slice never shows a vertebra
 * free of ribs).
 */
const TRUNCATED_EVIDENCE_SLICES = 2;

/**
 * True when `s` is known to carry no ribs: rib-free, and complete, or cut by the scan but seen free of ribs over
 * >= 8 mm and >= 2 slices (see Segment.ribFreeSlices).
 */
export function knownRibFree(s: Segment | undefined): boolean {
  if (s === undefined || s.ribbed) return false;
  if (!s.truncated) return true;
  const clear = s.ribFreeSlices ?? s.slices.length;
  const mmPerSlice = s.heightMm / Math.max(1, s.slices.length);
  return clear >= TRUNCATED_EVIDENCE_SLICES && clear * mmPerSlice >= TRUNCATED_EVIDENCE_MM;
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
 * without a measured rib, and the rule of a whole vertebra above applies) or when a rib one level above it
 * would lie inside the scan (Segment.ribAboveInView); never when marked as no first rib (Segment.notFirstRib:
 * a rib neck seen above it, or a one-sided rib, on thick slices).
 */
export function isFirstRibLevel(segments: readonly Segment[], first: number): boolean {
  return firstRibAnchor(segments, first) !== null;
}

/**
 * How the first rib-bearing segment `first` is known to be T1 (see isFirstRibLevel): below a whole rib-free
 * vertebra ('whole'), below one cut by the scan with a rib shaped like a first rib ('shape'), or below one cut by
 * the scan that reaches a level above it ('view'); null when it is not known to be T1.
 */
export function firstRibAnchor(
  segments: readonly Segment[],
  first: number,
): 'whole' | 'shape' | 'view' | null {
  const above = segments[first - 1];
  if (first <= 0 || !knownRibFree(above) || segments[first].notFirstRib === true) return null;
  if (!above.truncated) return 'whole';
  const reach = segments[first].ribReachMm;
  if (reach === 0 || reach < FIRST_RIB_REACH_MM) return 'shape';
  return segments[first].ribAboveInView === true ? 'view' : null;
}

/**
 * Length of spine (mm) that must be seen below the last rib-bearing vertebra for it to be T12: the next
 * vertebra's rib head would sit just below that body, and its shaft drops ~15-25 mm on its way 65 mm out, so a
 * shorter view could hide it.
 */
export const BELOW_LAST_RIB_MM = 30;

/**
 * True when the last rib-bearing segment `last` is T12: a rib-free vertebra below it (see knownRibFree), no rib
 * level found below it without a body (see Segment.ribBelowUnplaced), no rib shaft seen more than a level below
 * it (see Segment.ribShaftBelow), and at least {@link BELOW_LAST_RIB_MM} of spine in the scan below its bottom.
 */
export function isLastRibLevel(segments: readonly Segment[], last: number): boolean {
  const below = segments[last + 1];
  const s = segments[last];
  if (!knownRibFree(below) || s.ribBelowUnplaced === true || s.ribShaftBelow === true) return false;
  const end = segments[segments.length - 1];
  const mmPerSlice = end.heightMm / end.slices.length;
  const seen = Math.abs(
    end.slices[end.slices.length - 1] - segments[last].slices[segments[last].slices.length - 1],
  );
  return seen * mmPerSlice >= BELOW_LAST_RIB_MM;
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
  const bottom = isLastRibLevel(segments, last);
  // A T1 known only from the scan's extent above it (no first-rib shape, no whole C7) yields to an anchored T12
  // when the two do not count twelve levels: the first rib may be the one missed.
  const anchor = firstRibAnchor(segments, first);
  const top = anchor !== null && !(anchor === 'view' && bottom && count !== 12);
  const setFrom = (index: number, label: number): void => {
    for (let i = 0; i < segments.length; i++) segments[i].label = label + (i - index);
  };
  if (top && bottom) {
    // A hypoplastic 12th rib (easily missed), a lumbar rib or a cervical rib: the first rib, the largest and
    // the most distinctive, still marks T1. Both floating ribs missed (thin and short, they fade on thicker
    // slices) is trusted only below a first rib with a whole rib-free vertebra above it.
    const bothFloatingMissed = count === 10 && !segments[first - 1].truncated;
    if (count === 11 || count === 13 || bothFloatingMissed) {
      setFrom(first, 8);
      for (const s of segments) if (s.label < 1 || s.label > 24) s.label = 0;
      return {
        segments,
        confidence: 'medium',
        reasons: [
          `warning: found ${count} rib-bearing vertebrae from the first to the last, expected 12 (${count < 12 ? 'a floating rib not found' : 'a lumbar or cervical rib'}): levels counted from T1`,
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
    const above = segments[first - 1];
    const thin =
      above !== undefined && !above.ribbed && above.truncated && !knownRibFree(above)
        ? `; the vertebra above the first rib found is seen free of ribs on only ${above.ribFreeSlices ?? above.slices.length} slice(s) (${(above.heightMm / above.slices.length).toFixed(1)} mm each) before the scan ends, too little to tell C7 from a T1 whose rib is averaged into its transverse process`
        : segments[first].notFirstRib === true && knownRibFree(above)
          ? '; the first rib found may be the second: a rib neck was seen above it, or it was found on one side only (the first rib, flat and thin, can average away on thick slices)'
          : '';
    const unplaced =
      segments[last].ribBelowUnplaced === true
        ? '; a rib was found below the lowest rib-bearing vertebra where no vertebral body could be told apart, so that vertebra is not shown to be T12'
        : segments[last].ribShaftBelow === true
          ? "; a rib's shaft was seen more than a level below the lowest rib-bearing vertebra (rib levels missed between), so that vertebra is not shown to be T12"
          : '';
    return {
      segments,
      confidence: 'none',
      reasons: [
        `neither end of the thoracic spine is visible (no rib-free vertebra above T1 or below T12 in the scan)${thin}${unplaced}`,
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
  return { segments, confidence: 'medium', reasons: [top ? FROM_T1_ONLY : FROM_T12_ONLY] };
}

/** The name of a segment's label, or null when unnamed. */
export function segmentName(s: Segment): string | null {
  if (s.label === SACRUM_LABEL) return 'S1';
  return s.label >= 1 && s.label <= 24 ? levelName(s.label) : null;
}

/** True when slice position z lies below the top of the vertebra above the sacrum (L5), when a sacrum is seen. */
export function isBelowL5Top(segments: readonly Segment[], z: number, f: AxialFrame): boolean {
  const sacrum = findSacrum(segments);
  if (sacrum < 1) return false;
  const l5 = segments[sacrum - 1].slices;
  const top = f.superiorSign > 0 ? Math.max(...l5) : Math.min(...l5);
  return f.superiorSign * (top - z) > 0;
}
