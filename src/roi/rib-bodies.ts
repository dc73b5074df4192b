/**
 * The vertebral bodies aligned with the rib levels (see rib-levels.ts) so that each rib-bearing level is one body
 * (DESIGN section 6, steps 3-4): rib n articulates with the top of vertebra n (ribs 2..9 also with the disc above
 * it), so a rib head marks the top of its vertebra: two heads on one body means a disc was missed, a body cut
 * between two heads means a disc was seen where there is none. On slices too thick to show the discs the bodies
 * are built from the rib levels alone.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import { levelSpacingMm } from './rib-levels.ts';
import type { RibLevel } from './rib-levels.ts';
import { buildSegment } from './vertebra-levels.ts';
import type { Segment } from './vertebra-levels.ts';

/** A rib head lies at the top of its vertebra: the body is looked for this far (mm) below the head. */
const HEAD_TO_BODY_MM = 4;
/** A head in a disc gap belongs to the body below it when that body starts within this distance (mm). */
const GAP_MM = 8;
/** Consecutive rib levels further apart than this multiple of the spacing have rib-free vertebrae between. */
const MAX_GAP = 1.6;

/** Index of the body a rib level belongs to (the body 4 mm below its heads, or the next one down), or -1. */
function bodyOf(segments: readonly Segment[], level: RibLevel, f: AxialFrame): number {
  const k = level.z - (f.superiorSign * HEAD_TO_BODY_MM) / f.szMm;
  const range = segments.map((s) => [Math.min(...s.slices), Math.max(...s.slices)] as const);
  const inside = range.findIndex(([a, b]) => k >= a - 0.5 && k <= b + 0.5);
  if (inside >= 0) return inside;
  let hit = -1;
  let best = GAP_MM;
  range.forEach(([a, b], i) => {
    const dist = (f.superiorSign > 0 ? k - b : a - k) * f.szMm;
    if (dist >= 0 && dist <= best) {
      best = dist;
      hit = i;
    }
  });
  return hit;
}

/**
 * The bodies aligned with the rib levels, superior first: a body holding two rib levels is split at the lower
 * level's heads; the bodies between one rib level's body and the next level's are merged into the first (with
 * the slices between them); `ribbed` and `ribReachMm` come from the rib levels. Bodies above the first and below
 * the last rib level are kept as found.
 */
export function alignWithRibLevels(
  segments: readonly Segment[],
  levels: readonly RibLevel[],
  track: SpineTrack,
  f: AxialFrame,
): Segment[] {
  let segs = [...segments];
  // Split: two levels in one body.
  for (let pass = 0; pass < levels.length; pass++) {
    const owners = levels.map((l) => bodyOf(segs, l, f));
    const i = owners.findIndex((o, n) => n > 0 && o >= 0 && o === owners[n - 1]);
    if (i < 0) break;
    const s = segs[owners[i]];
    const cut = levels[i].z;
    const upper = s.slices.filter((k) => f.superiorSign * (k - cut) > 0.5);
    const lower = s.slices.filter((k) => f.superiorSign * (k - cut) <= 0.5);
    if (upper.length === 0 || lower.length === 0) break;
    const first = owners[i] === 0;
    const last = owners[i] === segs.length - 1;
    segs.splice(
      owners[i],
      1,
      buildSegment(upper, track, f, first && s.truncated),
      buildSegment(lower, track, f, last && s.truncated),
    );
  }
  // Merge: bodies between consecutive levels' bodies belong to the upper level's vertebra, when the levels are
  // no further apart than one vertebra can be (else vertebrae without ribs lie between them).
  const spacing = levelSpacingMm(levels, f);
  const owners = levels.map((l) => bodyOf(segs, l, f));
  const tooFar = (n: number): boolean =>
    n + 1 < levels.length && Math.abs(levels[n + 1].z - levels[n].z) * f.szMm > MAX_GAP * spacing;
  const merged: Segment[] = [];
  const ownerOf = new Map<number, RibLevel>();
  owners.forEach((o, n) => {
    if (o >= 0) ownerOf.set(o, levels[n]);
  });
  const firstOwner = Math.min(...owners.filter((o) => o >= 0));
  const lastOwner = Math.max(...owners.filter((o) => o >= 0));
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const level = ownerOf.get(i);
    let j = i + 1;
    if (level !== undefined && i < lastOwner && !tooFar(levels.indexOf(level)))
      while (j < segs.length && j <= lastOwner && !ownerOf.has(j)) j++;
    if (level !== undefined && j > i + 1 && i >= firstOwner) {
      const a = Math.min(...s.slices, ...segs[j - 1].slices);
      const b = Math.max(...s.slices, ...segs[j - 1].slices);
      const slices: number[] = [];
      for (let k = a; k <= b; k++) slices.push(k);
      if (f.superiorSign > 0) slices.reverse();
      const body = buildSegment(slices, track, f, s.truncated || segs[j - 1].truncated);
      merged.push({ ...body, ribbed: true, ribReachMm: level.reachMm });
      i = j - 1;
      continue;
    }
    merged.push({ ...s, ribbed: level !== undefined, ribReachMm: level?.reachMm ?? 0 });
  }
  // A rib level below the last rib-bearing body that found no body of its own (the bodies there fragmented on
  // thick slices): the vertebra below that body carries a rib, so that body is not shown to be T12.
  const lowest = levels[owners.lastIndexOf(lastOwner)];
  const unplaced = levels.some(
    (l, n) => owners[n] < 0 && lowest !== undefined && f.superiorSign * (lowest.z - l.z) > 0,
  );
  const lastRibbed = merged.map((g) => g.ribbed).lastIndexOf(true);
  if (unplaced && lastRibbed >= 0) merged[lastRibbed] = { ...merged[lastRibbed], ribBelowUnplaced: true };
  segs = merged;
  return segs;
}

/** A gap between rib levels above this multiple of the median spacing has a level missing. */
const FILL_GAP = 1.35;

/**
 * Slices thicker than this (mm) cannot show a thoracic disc (4-6 mm) apart from its endplates; 5 mm slices (the
 * study's) still do, and a spacing read from headers may be a hair above 5.
 */
export const THICK_SLICE_MM = 6;

/**
 * The rib levels with the missing ones filled in: a gap between consecutive levels of more than 1.35 level
 * spacings (neighbouring levels differ by well under a third in height) holds max(1, round(gap / spacing) - 1)
 * levels spread evenly (a rib found on neither side).
 */
export function fillRibLevels(levels: readonly RibLevel[], f: AxialFrame): RibLevel[] {
  const spacing = levelSpacingMm(levels, f);
  const out: RibLevel[] = [];
  levels.forEach((l, i) => {
    out.push(l);
    const next = levels[i + 1];
    if (next === undefined) return;
    const gapMm = Math.abs(next.z - l.z) * f.szMm;
    const missing = gapMm > FILL_GAP * spacing ? Math.max(1, Math.round(gapMm / spacing) - 1) : 0;
    for (let m = 1; m <= missing; m++) {
      const z = l.z + ((next.z - l.z) * m) / (missing + 1);
      out.push({ z, left: false, right: false, reachMm: 0 });
    }
  });
  return out;
}

/**
 * Bodies from the rib levels alone, for slices too thick to show the discs: vertebra n spans the slices from
 * its rib level down to the next one (rib n's head marks the top of vertebra n), the last rib-bearing one a
 * level spacing down; the slices above the first level are one rib-free segment, and the bodies found below the
 * last are kept. Superior first.
 */
export function bodiesFromRibLevels(
  found: readonly Segment[],
  levels: readonly RibLevel[],
  track: SpineTrack,
  f: AxialFrame,
): Segment[] {
  if (levels.length === 0) return [...found];
  const filled = fillRibLevels(levels, f);
  const spacing = levelSpacingMm(levels, f) / f.szMm;
  const s = f.superiorSign;
  const order: number[] = [];
  for (let i = 0; i < f.nz; i++) order.push(s > 0 ? f.nz - 1 - i : i);
  // Position of slice k below the first rib level, in slices (negative above it).
  const down = (k: number, z: number): number => s * (z - k);
  const out: Segment[] = [];
  const above = order.filter((k) => down(k, filled[0].z) < 0.5);
  // Rib-bearing or not is the rib levels' call here, not the per-slice lateral bone (clavicles, scapulae).
  // Only the slices at least half a slice above the first rib's head show the vertebra there free of ribs.
  const ribFreeSlices = above.filter((k) => down(k, filled[0].z) <= -0.5).length;
  if (above.length > 0)
    out.push({ ...buildSegment(above, track, f, true), ribbed: false, ribReachMm: 0, ribFreeSlices });
  filled.forEach((l, n) => {
    const next = filled[n + 1]?.z ?? l.z - s * spacing;
    const slices = order.filter((k) => down(k, l.z) >= 0.5 && down(k, next) < 0.5);
    if (slices.length === 0) return;
    const cut = slices.includes(order[order.length - 1]);
    const inferred = !l.left && !l.right ? { inferred: true } : {};
    out.push({
      ...buildSegment(slices, track, f, cut),
      ribbed: true,
      ribReachMm: l.reachMm || 120,
      ...inferred,
    });
  });
  const lastZ = filled[filled.length - 1].z - s * spacing;
  for (const g of found)
    if (g.slices.every((k) => down(k, lastZ) >= 0.5)) out.push({ ...g, ribbed: false, ribReachMm: 0 });
  return out;
}
