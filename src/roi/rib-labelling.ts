/**
 * The vertebral bodies aligned with the rib levels and named (DESIGN section 6, steps 3-5): rib heads grouped
 * into levels, the bodies found along the spine aligned with them (or, on slices too thick to show the discs,
 * built from them), then named from the first rib, the last rib or the sacrum. On slices thick enough to average
 * the first rib's neck away, the first ribs seen only by their necks are used to check the count (see
 * first-rib.ts).
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { RibHead, RibNeck } from './rib-heads.ts';
import type { RibLevel } from './rib-levels.ts';
import { groupRibLevels, ribShaftFarBelow } from './rib-levels.ts';
import { THICK_SLICE_MM, alignWithRibLevels, bodiesFromRibLevels } from './rib-bodies.ts';
import { NECK_SLICE_MM, firstRibNecks, markFirstRib, neckAboveFirstRib } from './first-rib.ts';
import { labelLevels } from './level-labelling.ts';
import { splitAtHiddenDiscs } from './hidden-discs.ts';
import type { Labelling, Segment } from './vertebra-levels.ts';

/**
 * The named bodies of the spine from the bodies found along it (`found`, see findSegments), the rib heads and
 * the rib necks; the last rib-bearing body is not taken for T12 when a rib shaft lies far below it (see
 * ribShaftFarBelow). On slices thicker than 3 mm, when a rib neck is seen above the first rib level (see
 * neckAboveFirstRib and firstRibNecks), that level is not taken for T1; a pair of necks one level above it is
 * taken for the first ribs only when the count then runs twelve levels from T1 to an anchored T12 (or agrees with
 * the sacrum), a cross-check from the other end that a neck pair from another bone would fail.
 */
export function labelWithRibs(
  found: readonly Segment[],
  heads: readonly RibHead[],
  necks: readonly RibNeck[],
  track: SpineTrack,
  f: AxialFrame,
): Labelling {
  const levels = groupRibLevels(heads, f);
  const shaftBelow = ribShaftFarBelow(heads, levels, f);
  const build = (ls: readonly RibLevel[]): Segment[] => {
    if (heads.length === 0) return [...found];
    const segs =
      f.szMm > THICK_SLICE_MM
        ? bodiesFromRibLevels(found, ls, track, f)
        : alignWithRibLevels(splitAtHiddenDiscs(found, ls, track, f), ls, track, f);
    const last = segs.map((s) => s.ribbed).lastIndexOf(true);
    if (shaftBelow && last >= 0) segs[last] = { ...segs[last], ribShaftBelow: true };
    return segs;
  };
  if (f.szMm <= NECK_SLICE_MM || levels.length === 0) return labelLevels(build(levels));
  const pair = firstRibNecks(levels, necks, heads, f);
  if (pair !== null) {
    const withPair = [pair, ...levels];
    const counted = labelLevels(markFirstRib(build(withPair), withPair, false, f));
    if (counted.confidence === 'high') return counted;
  }
  const necksAbove = pair !== null || neckAboveFirstRib(levels, necks, f);
  return labelLevels(markFirstRib(build(levels), levels, necksAbove, f));
}
