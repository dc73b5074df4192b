/**
 * The cue table of a level labelling: which anatomical landmark said which level (first rib-bearing vertebra
 * = T1, last = T12, twelve rib-bearing levels between them, the sacrum = S1), what the final labelling gives
 * there, and a 0..1 confidence from how many independent ends agree.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { Labelling, Segment } from './vertebra-levels.ts';
import { findSacrum, isFirstRibLevel, isLastRibLevel, segmentName } from './level-labelling.ts';
import type { LevelCue } from './types.ts';
import { CARINA_LEVELS } from './carina.ts';
import { levelLabel, levelName } from './level-names.ts';

/** Confidence of a labelling anchored at two independent ends that agree (e.g. T1 and T12, or T1 and S1). */
export const CONFIDENCE_TWO_ENDS = 0.95;
/** Confidence of a labelling counted from one anchored end only (a miscount of one level is then possible). */
export const CONFIDENCE_ONE_END = 0.7;
/** Added when the carina lies where the labelling allows (an independent prior agreeing). */
const CARINA_BONUS = 0.05;
/** Taken off when the rib run is not twelve (cervical or lumbar ribs, or a missed rib). */
const ODD_RUN_PENALTY = 0.15;
/** Confidence lost for each level counted across that was inferred from a gap rather than seen (see below). */
const INFERRED_LEVEL_PENALTY = 0.25;

function centreZ(s: Segment, f: AxialFrame): number {
  return f.zLpsMm(s.slices[s.slices.length >> 1]);
}

/**
 * The cues of a labelled segment list: first rib (T1 when a rib-free vertebra, C7, is seen above it), last rib
 * (T12 when a rib-free vertebra, L1, is seen below it), the rib count between two anchored ends (twelve
 * thoracic vertebrae), and the sacrum (S1, between the iliac wings). `labelled` is the final labelling's name
 * there (null when nothing was named).
 */
export function levelCues(labelling: Labelling, f: AxialFrame, carina: number | null = null): LevelCue[] {
  const segs = labelling.segments;
  const named = labelling.confidence !== 'none';
  const nameOf = (s: Segment): string | null => (named ? segmentName(s) : null);
  const sacrum = findSacrum(segs);
  // Bone beside a segment between the iliac wings is pelvis, not rib.
  const ribbed = segs
    .map((s, i) => (s.ribbed && !s.pelvic && (sacrum < 0 || i < sacrum) ? i : -1))
    .filter((i) => i >= 0);
  const cues: LevelCue[] = [];
  if (ribbed.length === 0) {
    cues.push(
      {
        cue: 'first-rib',
        found: false,
        says: null,
        labelled: null,
        zMm: null,
        detail: 'no rib-bearing vertebra',
      },
      {
        cue: 'last-rib',
        found: false,
        says: null,
        labelled: null,
        zMm: null,
        detail: 'no rib-bearing vertebra',
      },
    );
  } else {
    const first = ribbed[0];
    const last = ribbed[ribbed.length - 1];
    const top = isFirstRibLevel(segs, first);
    const bottom = isLastRibLevel(segs, last);
    cues.push({
      cue: 'first-rib',
      found: top,
      says: top ? 'T1' : null,
      labelled: nameOf(segs[first]),
      zMm: centreZ(segs[first], f),
      detail: top
        ? 'first rib-bearing vertebra, below a rib-free one (C7)'
        : 'the highest rib-bearing vertebra in view has no rib-free vertebra above it: T1 may be above the scan',
    });
    cues.push({
      cue: 'last-rib',
      found: bottom,
      says: bottom ? 'T12' : null,
      labelled: nameOf(segs[last]),
      zMm: centreZ(segs[last], f),
      detail: bottom
        ? 'last rib-bearing vertebra, above a rib-free one (L1)'
        : 'the lowest rib-bearing vertebra in view has no rib-free vertebra below it: T12 may be below the scan',
    });
    const count = last - first + 1;
    cues.push({
      cue: 'rib-count',
      found: top && bottom,
      says: top && bottom ? `${count} rib-bearing levels` : null,
      labelled: null,
      zMm: null,
      detail:
        top && bottom
          ? `${count} vertebrae from the first to the last rib-bearing one (12 expected)`
          : `${count} rib-bearing vertebrae in view, one end or both out of the scan`,
    });
  }
  cues.push({
    cue: 'sacrum',
    found: sacrum >= 0,
    says: sacrum >= 0 ? 'S1' : null,
    labelled: sacrum >= 0 ? nameOf(segs[sacrum]) : null,
    zMm: sacrum >= 0 ? centreZ(segs[sacrum], f) : null,
    detail: sacrum >= 0 ? 'first segment between the iliac wings' : 'no sacrum in view',
  });
  const [lo, hi] = CARINA_LEVELS;
  const range = `${levelName(lo)}-${levelName(hi)}`;
  const near = carina === null ? -1 : nearestSegment(segs, carina);
  cues.push({
    cue: 'carina',
    found: carina !== null,
    says: carina === null ? null : range,
    labelled: near < 0 ? null : nameOf(segs[near]),
    zMm: carina === null ? null : f.zLpsMm(carina),
    detail:
      carina === null
        ? 'no tracheal bifurcation found in front of the spine'
        : `the trachea divides here; the carina lies at ${range}`,
  });
  return cues;
}

/** Index of the segment holding slice k, or the nearest one; -1 without segments. */
function nearestSegment(segs: readonly Segment[], k: number): number {
  let best = -1;
  let dist = Infinity;
  segs.forEach((s, i) => {
    const d = Math.min(...s.slices.map((q) => Math.abs(q - k)));
    if (d < dist) {
      dist = d;
      best = i;
    }
  });
  return best;
}

/**
 * Whether the labelling puts the carina at a level it can lie at ({@link CARINA_LEVELS}); null when the carina
 * was not found or not named.
 */
export function carinaAgrees(cues: readonly LevelCue[]): boolean | null {
  const c = cues.find((q) => q.cue === 'carina');
  if (c === undefined || !c.found || c.labelled === null || !/^[CTL]\d+$/.test(c.labelled)) return null;
  const label = levelLabel(c.labelled);
  return label >= CARINA_LEVELS[0] && label <= CARINA_LEVELS[1];
}

/**
 * The levels inferred from a gap (see Segment.inferred) that the count from its one anchored end to `label`
 * passes: from T1 down to it, or up to it from T12 or the sacrum. With both ends anchored the count of twelve
 * checks them, and none is reported.
 */
export function inferredLevelsCounted(
  labelling: Labelling,
  cues: readonly LevelCue[],
  label: number,
): readonly Segment[] {
  if (labelling.confidence === 'none') return [];
  const anchored = (cue: LevelCue['cue']): boolean =>
    cues.some((c) => c.cue === cue && c.found && c.says !== null && c.says === c.labelled);
  const fromTop = anchored('first-rib');
  const fromBottom = anchored('last-rib') || anchored('sacrum');
  if (fromTop === fromBottom) return [];
  return labelling.segments.filter(
    (g) => g.inferred === true && g.label > 0 && (fromTop ? g.label <= label : g.label >= label),
  );
}

/**
 * The 0..1 confidence of a labelling from its cues: 0 when nothing is named; {@link CONFIDENCE_TWO_ENDS} when
 * two anchored ends (first rib, last rib, sacrum) name the same labelling; {@link CONFIDENCE_ONE_END} when one
 * does; plus {@link CARINA_BONUS} when the carina lies at T3..T7 by this labelling; less {@link ODD_RUN_PENALTY}
 * when both rib ends are anchored but the run is not twelve; less {@link INFERRED_LEVEL_PENALTY} for each level
 * inferred from a gap on the way from the one anchored end to `label`.
 */
export function levelConfidenceScore(labelling: Labelling, cues: readonly LevelCue[], label: number): number {
  if (labelling.confidence === 'none') return 0;
  const anchors = cues.filter(
    (c) => c.found && c.cue !== 'rib-count' && c.cue !== 'carina' && c.says !== null && c.says === c.labelled,
  ).length;
  let score =
    anchors >= 2 ? CONFIDENCE_TWO_ENDS : anchors === 1 ? CONFIDENCE_ONE_END : CONFIDENCE_ONE_END / 2;
  if (carinaAgrees(cues) === true) score += CARINA_BONUS;
  const run = cues.find((c) => c.cue === 'rib-count');
  if (run !== undefined && run.found && run.says !== '12 rib-bearing levels') score -= ODD_RUN_PENALTY;
  score -= INFERRED_LEVEL_PENALTY * inferredLevelsCounted(labelling, cues, label).length;
  return Math.round(100 * Math.max(0, Math.min(1, score))) / 100;
}
