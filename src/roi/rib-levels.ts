/**
 * Rib levels: the rib heads of both sides grouped into one level each (DESIGN section 6, step 4), superior first,
 * with the level spacing they show; rib-bodies.ts aligns the vertebral bodies with them.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { RibHead } from './rib-heads.ts';

/** One rib-bearing level: the mean z (slice index) of its heads, the sides found and the longest reach. */
export interface RibLevel {
  readonly z: number;
  readonly left: boolean;
  readonly right: boolean;
  readonly reachMm: number;
}

/** Spacing of rib levels (mm) assumed when too few are found to measure it: mid-thoracic level height. */
const DEFAULT_SPACING_MM = 22;
/** Thoracic level heights in adults (mm, body and disc): ~18 at T1 to ~35 at T12 in a tall adult. */
const SPACING_RANGE_MM: readonly [number, number] = [15, 35];

function clampSpacing(mm: number): number {
  return Math.min(SPACING_RANGE_MM[1], Math.max(SPACING_RANGE_MM[0], mm));
}
/** Heads closer than this share of the level spacing are one level (the two sides, or one rib in two pieces). */
const SAME_LEVEL = 0.5;
/** Pieces of one rib on one side lie within this distance (mm) along z. */
const ONE_RIB_MM = 8;

/** A floating rib is taken as the next level down within this many level spacings of the last rib. */
const FLOATING_GAP = 1.7;
/**
 * Ribs seen only from their shafts are at most the two floating ribs (11 and 12: one facet, no costotransverse
 * joint); ribs 1..10 have a neck against their transverse process. A third such shaft below them is a floating
 * rib's shaft in two pieces, lying beside the vertebra below its own (L1 below T12).
 */
const FLOATING_RIBS = 2;

/**
 * Median distance (mm) between consecutive rib levels ({@link DEFAULT_SPACING_MM} with fewer than two), within
 * the adult range of level heights.
 */
export function levelSpacingMm(levels: readonly RibLevel[], f: AxialFrame): number {
  const gaps: number[] = [];
  for (let i = 1; i < levels.length; i++) gaps.push(Math.abs(levels[i].z - levels[i - 1].z) * f.szMm);
  return clampSpacing(median(gaps, DEFAULT_SPACING_MM));
}

function median(values: readonly number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * Groups the heads (any order) into rib levels, superior first, those with a medial end first, then floating
 * ribs just below the last of them (see FLOATING_GAP). Within each set the level spacing is the median distance
 * between consecutive heads of one side (22 mm when fewer than two per side), kept within 15..35 mm; heads
 * closer than half of it are one level.
 */
export function groupRibLevels(all: readonly RibHead[], f: AxialFrame): RibLevel[] {
  const levels = groupHeads(
    all.filter((h) => h.medial),
    f,
  );
  if (levels.length === 0) return levels;
  dropCervicalRib(levels, f);
  // Floating ribs: a rib seen only from its shaft, within 1.7 level spacings below the last rib with a head.
  const spacing = levelSpacingMm(levels, f);
  const below = (z: number, from: number): number => f.superiorSign * (from - z) * f.szMm;
  const extra = groupHeads(
    all.filter((h) => !h.medial),
    f,
  );
  let floating = 0;
  for (const l of extra) {
    const last = levels[levels.length - 1];
    const d = below(l.z, last.z);
    if (floating < FLOATING_RIBS && d > SAME_LEVEL * spacing && d <= FLOATING_GAP * spacing) {
      levels.push(l);
      floating++;
    }
  }
  return levels;
}

/**
 * True when a rib seen only from its shaft (see RibHead.medial) lies more than 1.7 level spacings below the last
 * rib level (see groupRibLevels), too far to be the next rib down: rib levels were missed between them (a rib's
 * medial end lost where it touches the rib above), so the last rib level found is not the last rib.
 */
export function ribShaftFarBelow(
  all: readonly RibHead[],
  levels: readonly RibLevel[],
  f: AxialFrame,
): boolean {
  const last = levels[levels.length - 1];
  if (last === undefined) return false;
  const limit = FLOATING_GAP * levelSpacingMm(levels, f);
  return all.some((h) => !h.medial && f.superiorSign * (last.z - h.z) * f.szMm > limit);
}

/** A one-sided bone at the top shorter than this (mm of reach) is not a first rib. */
const CERVICAL_REACH_MM = 75;

/**
 * Drops the top level when it is a single short bone on one side just above the next level: the first ribs are
 * a bilateral pair, so a one-sided piece reaching less than 75 mm above another rib level is a cervical rib or
 * a long C7 transverse process lying against the clavicle, not T1's rib.
 */
function dropCervicalRib(levels: RibLevel[], f: AxialFrame): void {
  const [top, next] = levels;
  if (next === undefined || (top.left && top.right)) return;
  const gapMm = Math.abs(next.z - top.z) * f.szMm;
  if (top.reachMm < CERVICAL_REACH_MM && gapMm <= 1.5 * levelSpacingMm(levels, f)) levels.shift();
}

function groupHeads(heads: readonly RibHead[], f: AxialFrame): RibLevel[] {
  const down = (h: { z: number }): number => -f.superiorSign * h.z * f.szMm; // mm, increasing inferiorly
  const gaps: number[] = [];
  for (const side of ['left', 'right'] as const) {
    const zs = heads
      .filter((h) => h.side === side)
      .map(down)
      .sort((a, b) => a - b);
    for (let i = 1; i < zs.length; i++) gaps.push(zs[i] - zs[i - 1]);
  }
  const spacing = clampSpacing(
    median(
      gaps.filter((g) => g > 8),
      DEFAULT_SPACING_MM,
    ),
  );
  const sorted = [...heads].sort((a, b) => down(a) - down(b));
  const groups: RibHead[][] = [];
  for (const h of sorted) {
    const g = groups[groups.length - 1];
    // Two heads on one side further apart than one rib's pieces can be are two ribs, however close.
    const twoRibs = g !== undefined && g.some((o) => o.side === h.side && down(h) - down(o) > ONE_RIB_MM);
    if (g !== undefined && !twoRibs && down(h) - down(g[0]) < SAME_LEVEL * spacing) g.push(h);
    else groups.push([h]);
  }
  return groups.map((g) => ({
    z: g.reduce((s, h) => s + h.z, 0) / g.length,
    left: g.some((h) => h.side === 'left'),
    right: g.some((h) => h.side === 'right'),
    reachMm: Math.max(...g.map((h) => h.reachMm)),
  }));
}
