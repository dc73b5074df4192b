/**
 * The vertebral bodies aligned with the rib levels and named (DESIGN section 6, steps 3-5): rib heads grouped
 * into levels, the bodies found along the spine aligned with them (or, on slices too thick to show the discs,
 * built from them), then named from the first rib, the last rib or the sacrum.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { RibHead } from './rib-heads.ts';
import { groupRibLevels, ribShaftFarBelow } from './rib-levels.ts';
import { THICK_SLICE_MM, alignWithRibLevels, bodiesFromRibLevels } from './rib-bodies.ts';
import { labelLevels } from './level-labelling.ts';
import type { Labelling, Segment } from './vertebra-levels.ts';

/**
 * The named bodies of the spine from the bodies found along it (`found`, see findSegments) and the rib heads;
 * the last rib-bearing body is not taken for T12 when a rib shaft lies far below it (see ribShaftFarBelow).
 */
export function labelWithRibs(
  found: readonly Segment[],
  heads: readonly RibHead[],
  track: SpineTrack,
  f: AxialFrame,
): Labelling {
  if (heads.length === 0) return labelLevels([...found]);
  const levels = groupRibLevels(heads, f);
  const segs =
    f.szMm > THICK_SLICE_MM
      ? bodiesFromRibLevels(found, levels, track, f)
      : alignWithRibLevels(found, levels, track, f);
  const last = segs.map((s) => s.ribbed).lastIndexOf(true);
  if (ribShaftFarBelow(heads, levels, f) && last >= 0) segs[last] = { ...segs[last], ribShaftBelow: true };
  return labelLevels(segs);
}
