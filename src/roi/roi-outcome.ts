/**
 * The outcome pieces of findMarrowRoi: the header QC fields, the cue summary carried into every result, the
 * failed-QC result, and the per-slice spine and body extents the debug picture draws.
 */
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';
import type { RibHead } from './rib-heads.ts';
import type { Segment } from './vertebra-levels.ts';
import type { AcquisitionQc } from './acquisition-qc.ts';
import { qcFindings } from './qc-findings.ts';
import type { LevelCue, LevelExtent, MarrowRoiResult, RoiQc, SpineSlice } from './types.ts';

/** The QC fields read from the acquisition headers. */
export type HeaderQc = Pick<RoiQc, 'headerContrast' | 'modality' | 'sliceThicknessMm' | 'convolutionKernel'>;

/** The QC fields of the acquisition headers' check. */
export function headerQc(a: AcquisitionQc): HeaderQc {
  return {
    headerContrast: a.headerContrast,
    modality: a.modality,
    sliceThicknessMm: a.sliceThicknessMm,
    convolutionKernel: a.convolutionKernel,
  };
}

/** The labelling's cue table and 0..1 confidence, carried into every outcome once levels were looked for. */
export interface CueSummary {
  readonly cues: readonly LevelCue[];
  readonly levelConfidence: number;
  readonly spine: readonly SpineSlice[];
  readonly bodies: readonly LevelExtent[];
}

export const NO_CUES: CueSummary = { cues: [], levelConfidence: 0, spine: [], bodies: [] };

/** The z range (LPS mm, slice centres) of a body, under `name` or '?' when unnamed. */
export function extent(s: Segment, f: AxialFrame, name: string | null): LevelExtent {
  const zs = s.slices.map((k) => f.zLpsMm(k));
  return { label: name ?? '?', zRangeMm: [Math.min(...zs), Math.max(...zs)] };
}

/** The tracked body centre per slice, with the rib heads found on each slice. */
export function spineSlices(track: SpineTrack, heads: readonly RibHead[]): SpineSlice[] {
  const at = (z: number, side: RibHead['side']): boolean =>
    heads.some((h) => h.side === side && Math.round(h.z) === z);
  return Array.from(track.cx, (x, z) => ({
    z,
    x,
    y: track.cy[z],
    ribLeft: at(z, 'left'),
    ribRight: at(z, 'right'),
  }));
}

/** A failed QC: no ROI, the reasons (and their findings), whatever levels and cues were found. */
export function fail(
  requestedLevel: string,
  header: HeaderQc,
  reasons: readonly string[],
  levels: readonly LevelExtent[] = [],
  aortaHu: number | null = null,
  cues: CueSummary = NO_CUES,
): MarrowRoiResult {
  const qc: RoiQc = {
    passed: false,
    levelConfidence: 'none',
    volumeMm3: 0,
    meanHu: null,
    sdHu: null,
    aortaHu,
    ...header,
    reasons,
    findings: qcFindings(reasons, false),
  };
  return { status: 'refused', level: null, requestedLevel, qc, levels, ...cues };
}
