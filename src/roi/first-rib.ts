/**
 * The first rib on thick slices (DESIGN section 6, step 4). The first rib is the flattest and thinnest: its head
 * and neck lie against T1 (~5 mm tall), and beyond the tubercle its shaft turns forward and down at once. On
 * slices thicker than 3 mm its neck and shaft average below the bone threshold, so the bone followed out from the
 * spine may stop 50-60 mm out (a rib neck, see RibNeck) and the first rib level found is then the second rib.
 * Three things guard T1 there: a rib neck seen above the first rib level found (the first ribs seen only by their
 * necks), a first rib level found on one side only (the first ribs are a pair), and, where the scan starts just
 * above that level, whether a rib one level above it would have been in view at all.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { RibHead, RibNeck } from './rib-heads.ts';
import type { RibLevel } from './rib-levels.ts';
import type { Segment } from './vertebra-levels.ts';

/** Slices thicker than this (mm) can average the first rib's neck (~5 mm tall) below the bone threshold. */
export const NECK_SLICE_MM = 3;
/** Level height used when fewer than two rib levels give one (mm): mid-thoracic, as in rib-levels.ts. */
const DEFAULT_GAP_MM = 22;
/** The two first ribs' necks lie within this share of a level gap (and a slice) of each other along z. */
const SAME_LEVEL = 0.5;
/** The first ribs lie one level above the second: between these multiples of the first level gap above it. */
const ABOVE_GAP: readonly [number, number] = [0.5, 1.5];
/**
 * C7's height to T1's head is within a fifth of T1's to T2's (neighbouring levels differ by well under a third),
 * so a rib head one level above the first rib level lies within this multiple of the first gap above it.
 */
const LEVEL_ABOVE = 1.2;

/**
 * The level height near the first rib level (mm): the median of the first three gaps between rib levels (one
 * irregular gap, a rib found on one side only, does not set it), or DEFAULT_GAP_MM with fewer than two levels.
 */
function firstGapMm(levels: readonly RibLevel[], f: AxialFrame): number {
  const gaps: number[] = [];
  for (let i = 1; i < Math.min(levels.length, 4); i++)
    gaps.push(Math.abs(levels[i].z - levels[i - 1].z) * f.szMm);
  gaps.sort((a, b) => a - b);
  return gaps.length === 0 ? DEFAULT_GAP_MM : gaps[(gaps.length - 1) >> 1];
}

/**
 * True when a rib neck (see RibNeck) lies above the first rib level, within 1.5 level gaps of it: a rib whose
 * shaft was lost, the first rib's on thick slices (or a cervical rib, rarely), so that level may be the second.
 */
export function neckAboveFirstRib(
  levels: readonly RibLevel[],
  necks: readonly RibNeck[],
  f: AxialFrame,
): boolean {
  if (levels.length === 0) return false;
  const gap = firstGapMm(levels, f);
  return necks.some((n) => {
    const a = f.superiorSign * (n.z - levels[0].z) * f.szMm;
    return a > 0 && a <= ABOVE_GAP[1] * gap;
  });
}

/**
 * The first ribs seen by their necks above the first rib level: on each side a neck (see RibNeck) or a rib left
 * out of the levels (a one-sided short bone at the top, see rib-levels.ts, or a rib seen only from its shaft),
 * the two within half a level gap plus a slice (the slices' own steps) of each other along z and their mean
 * between half a gap and 1.5 gaps above the first level (one level up). Null when either side has none there:
 * the first ribs are a pair, while a cervical rib is usually one-sided.
 */
export function firstRibNecks(
  levels: readonly RibLevel[],
  necks: readonly RibNeck[],
  heads: readonly RibHead[],
  f: AxialFrame,
): RibLevel | null {
  if (levels.length === 0) return null;
  const gap = firstGapMm(levels, f);
  const aboveMm = (z: number): number => f.superiorSign * (z - levels[0].z) * f.szMm;
  const candidates = [...necks, ...heads].filter((n) => aboveMm(n.z) > 0);
  let best: RibLevel | null = null;
  for (const l of candidates.filter((n) => n.side === 'left')) {
    for (const r of candidates.filter((n) => n.side === 'right')) {
      if (Math.abs(l.z - r.z) * f.szMm > SAME_LEVEL * gap + f.szMm) continue;
      const level = { z: (l.z + r.z) / 2, left: true, right: true, reachMm: Math.max(l.reachMm, r.reachMm) };
      const a = aboveMm(level.z);
      if (a <= ABOVE_GAP[0] * gap || a > ABOVE_GAP[1] * gap) continue;
      // The lowest pair: the one just above the first rib level.
      if (best === null || a < aboveMm(best.z)) best = level;
    }
  }
  return best;
}

/**
 * True when a rib head one level above the first rib level would lie inside the scan: the scan reaches at least
 * 1.2 level gaps (the level height near the top, see firstGapMm) plus half a slice (the head's own slice) above
 * it. Then a rib-free vertebra seen above the first rib level, even cut by the top of the scan, is the whole of
 * what lies between that rib and the next one up.
 */
export function ribAboveInView(levels: readonly RibLevel[], f: AxialFrame): boolean {
  if (levels.length === 0) return false;
  const top = f.superiorSign > 0 ? f.nz - 1 : 0;
  const headroomMm = f.superiorSign * (top - levels[0].z) * f.szMm + f.szMm / 2;
  return headroomMm >= LEVEL_ABOVE * firstGapMm(levels, f) + f.szMm / 2;
}

/**
 * The segments with the first rib-bearing one marked for the T1 rule (see isFirstRibLevel): whether a rib above
 * it would be in view (see ribAboveInView), and that it is not T1 when a rib neck was seen above it (`necksAbove`,
 * see neckAboveFirstRib and firstRibNecks) or the first rib level was found on one side only: the first ribs are a
 * pair, while a cervical rib, or a C7 transverse process joined to other bone on thick slices, is usually
 * one-sided.
 */
export function markFirstRib(
  segments: readonly Segment[],
  levels: readonly RibLevel[],
  necksAbove: boolean,
  f: AxialFrame,
): Segment[] {
  const out = [...segments];
  const first = out.findIndex((s) => s.ribbed);
  if (first < 0 || levels.length === 0) return out;
  const oneSided = !levels[0].left || !levels[0].right;
  out[first] = {
    ...out[first],
    ribAboveInView: ribAboveInView(levels, f),
    notFirstRib: necksAbove || oneSided,
  };
  return out;
}
