/**
 * Thin discs on thick slices (DESIGN section 6, step 3). A mid-thoracic disc is 3-5 mm thick between two cortical
 * endplates; a slice thicker than 3 mm that holds it averages the disc with both endplates, so the body's core
 * reads denser there, not lighter, and no disc is found between the two bodies. Ribs 2..9 articulate with the
 * disc above their vertebra, so a rib head beside a density peak inside a body marks such a hidden disc.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { RibLevel } from './rib-levels.ts';
import { buildSegment } from './vertebra-levels.ts';
import type { Segment } from './vertebra-levels.ts';

/** Slices thicker than this (mm) can hold a thin thoracic disc with both its endplates. */
const HIDDEN_DISC_SLICE_MM = 3;
/**
 * A slice holding a disc and its two endplates reads at least this much denser than the body's median slice
 * (two ~1 mm cortical plates of 600-1000 HU outweigh 3-5 mm of disc at ~100 HU against marrow at ~250 HU).
 */
const PEAK_RATIO = 1.1;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * The bodies (superior first) with each hidden disc split out: for every rib level but the first, a slice within
 * one slice of its heads, inside a body (not its first or last slice), denser than both neighbours and at least
 * 1.1 times the body's median core density, is taken for the disc with its endplates: the body is cut there, that
 * slice left out. The first rib level found may be the first rib, which articulates with T1 alone, below the
 * C7/T1 disc, so it marks no disc. Only on slices thicker than 3 mm; the bodies are returned unchanged otherwise.
 */
export function splitAtHiddenDiscs(
  segments: readonly Segment[],
  levels: readonly RibLevel[],
  track: SpineTrack,
  f: AxialFrame,
): Segment[] {
  if (f.szMm <= HIDDEN_DISC_SLICE_MM) return [...segments];
  const out = [...segments];
  const core = track.coreMeanHu;
  for (const level of levels.slice(1)) {
    const i = out.findIndex((s) => s.slices.some((k) => Math.abs(k - level.z) <= 1));
    if (i < 0) continue;
    const s = out[i];
    const ref = median(s.slices.map((k) => core[k]));
    let best = -1;
    for (let n = 1; n < s.slices.length - 1; n++) {
      const k = s.slices[n];
      if (Math.abs(k - level.z) > 1) continue;
      const peak = core[k] > core[s.slices[n - 1]] && core[k] > core[s.slices[n + 1]];
      if (peak && core[k] >= PEAK_RATIO * ref && (best < 0 || core[k] > core[s.slices[best]])) best = n;
    }
    if (best < 0) continue;
    out.splice(
      i,
      1,
      buildSegment(s.slices.slice(0, best), track, f, s.truncated && i === 0),
      buildSegment(s.slices.slice(best + 1), track, f, s.truncated && i === out.length - 1),
    );
  }
  return out;
}
