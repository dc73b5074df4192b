/**
 * The ROI reviewed by a person: the picture and bodies an analysis keeps so a clinician can check the level
 * ({@link spineReviewOf}), and the ROI built at the level a person decided ({@link reviewRoi}). The review is
 * stored as a DICOM SEG (src/dicom/review-seg.ts); a reviewed SEG is a segmentation of the study, so the
 * analysis's SEG precedence makes every later analysis of that series use it.
 */
import { RoiQcError } from '../errors.ts';
import { renderRoiDebug } from '../roi/debug-picture.ts';
import { findMarrowRoi } from '../roi/marrow-roi.ts';
import type { MarrowRoiOptions, MarrowRoiResult } from '../roi/types.ts';
import { encodePng } from '../volume/io/png.ts';
import type { Mask, Volume } from '../volume/types.ts';
import type { LoadedCt } from './imaging-source.ts';
import type { RoiReview, SpineReview } from './result.ts';

/**
 * The debug picture of `roi` (findMarrowRoi's outcome on `volume`) as PNG with its layout, the bodies found and
 * the level; `mask` draws another ROI (a reviewed segmentation's) instead of the automatic one. Undefined when
 * no spine was tracked (nothing to pick a level on).
 */
export function spineReviewOf(volume: Volume, roi: MarrowRoiResult, mask?: Mask): SpineReview | undefined {
  if (roi.spine.length === 0) return undefined;
  const shown: MarrowRoiResult =
    mask === undefined ? roi : { ...roi, status: 'found', mask, level: roi.level ?? roi.requestedLevel };
  const picture = renderRoiDebug(volume, shown, { zoom: 2 });
  if (picture.layout === null) return undefined;
  return {
    png: new Uint8Array(encodePng(picture)),
    width: picture.width,
    height: picture.height,
    zTopMm: picture.layout.zTopMm,
    mmPerRow: picture.layout.mmPerRow,
    sagittal: picture.layout.sagittal,
    coronal: picture.layout.coronal,
    bodies: roi.bodies.map((b) => ({ label: b.label, zRangeMm: b.zRangeMm })),
    level: roi.status === 'found' ? roi.level : null,
    levelConfidence: roi.levelConfidence,
  };
}

/** What a person decided: the automatic ROI's level confirmed, or the vertebral body at `zMm` named `level`. */
export type ReviewDecision =
  | { readonly action: 'confirm' }
  | { readonly action: 'set-level'; readonly zMm: number; readonly level: string };

/** The ROI a person decided on, and the review (without who and when) it makes. */
export interface ReviewedRoi {
  readonly review: Pick<RoiReview, 'action' | 'fromLevel' | 'level'>;
  /** The ROI as built at the reviewed level (its QC, levels and cues). */
  readonly roi: MarrowRoiResult & { readonly status: 'found' };
}

/**
 * Builds the ROI a person decided on. `confirm` keeps the automatic ROI's level; `set-level` names the body at
 * `zMm` (the automatic count's name for it becomes `fromLevel`; a decision equal to the automatic name is a
 * confirmation). Throws {@link RoiQcError} when no ROI can be built there (no body at that position, the level
 * and its fallbacks fail QC), naming why.
 */
export function reviewRoi(
  decision: ReviewDecision,
  loaded: LoadedCt,
  contrast: MarrowRoiOptions['contrast'] = 'reject',
): ReviewedRoi {
  const { volume, acquisition } = loaded;
  const base: MarrowRoiOptions = { contrast, ...(acquisition === null ? {} : { acquisition }) };
  const automatic = findMarrowRoi(volume, base);
  let roi: MarrowRoiResult;
  let review: Omit<ReviewedRoi['review'], 'level'>;
  if (decision.action === 'confirm') {
    if (automatic.status !== 'found') {
      throw new RoiQcError(
        'there is no automatic ROI to confirm: the automatic ROI refused this scan; pick T6 on the spine picture',
        automatic.qc.reasons,
      );
    }
    roi = automatic;
    review = { action: 'confirmed' };
  } else {
    const { zMm, level } = decision;
    roi = findMarrowRoi(volume, { ...base, level, levelAt: { zMm, level } });
    const half = volume.grid.spacingMm[2] / 2;
    const chosen = automatic.bodies.find((b) => zMm >= b.zRangeMm[0] - half && zMm <= b.zRangeMm[1] + half);
    const fromLevel = chosen?.label ?? '?';
    review = fromLevel === level ? { action: 'confirmed' } : { action: 'corrected', fromLevel };
  }
  if (roi.status !== 'found') {
    const why = roi.qc.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    throw new RoiQcError(
      `no ROI at the level chosen: ${why.length > 0 ? why.join('; ') : roi.qc.reasons.join('; ')}`,
      roi.qc.reasons,
    );
  }
  return { review: { ...review, level: roi.level }, roi };
}
