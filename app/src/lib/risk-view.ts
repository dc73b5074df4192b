/**
 * The service's view of one patient (`GET /api/risk`, the library's `RiskView`), as the app reads it: validated
 * at the door, since it comes over the network.
 */
import type { RiskView, RoiQc, RoiSource } from '../../../src/browser.ts';

export type { RiskView };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isColumns = (v: unknown): boolean => isObject(v) && isFiniteNumber(v.x) && isFiniteNumber(v.width);
const isBody = (v: unknown): boolean =>
  isObject(v) &&
  typeof v.label === 'string' &&
  Array.isArray(v.zRangeMm) &&
  v.zRangeMm.length === 2 &&
  v.zRangeMm.every(isFiniteNumber);

/** Throws an Error naming what is wrong with the spine picture's description (the level review). */
function checkReview(r: unknown): void {
  if (!isObject(r) || typeof r.pictureUrl !== 'string') throw new Error('the ROI review has no pictureUrl');
  if (![r.width, r.height, r.zTopMm, r.mmPerRow].every(isFiniteNumber) || !((r.mmPerRow as number) > 0))
    throw new Error('the ROI review has no picture size or z scale');
  if (!isColumns(r.sagittal) || !isColumns(r.coronal))
    throw new Error('the ROI review does not say where its views are');
  if (!Array.isArray(r.bodies) || !r.bodies.every(isBody))
    throw new Error('the ROI review lists no vertebral bodies with their z ranges');
  if ((r.level !== null && typeof r.level !== 'string') || !isFiniteNumber(r.levelConfidence))
    throw new Error('the ROI review has no level or level confidence');
  if (typeof r.correctable !== 'boolean') throw new Error('the ROI review does not say if it is correctable');
}

/** The view, or an Error naming what is wrong with the JSON. */
export function parseRiskView(json: unknown): RiskView {
  if (!isObject(json)) throw new Error('the risk view is not a JSON object');
  const { status, patientId, model, inputs, reasons } = json;
  if (status !== 'complete' && status !== 'pending' && status !== 'unavailable')
    throw new Error(`the risk view has an unknown status ${JSON.stringify(status)}`);
  if (typeof patientId !== 'string') throw new Error('the risk view has no patientId');
  if (!isObject(model) || typeof model.id !== 'string' || typeof model.synthetic !== 'boolean')
    throw new Error('the risk view names no model');
  if (!isObject(inputs)) throw new Error('the risk view has no inputs');
  if (!Array.isArray(reasons)) throw new Error('the risk view has no reasons');
  if (isObject(json.analysis) && json.analysis.review !== undefined) checkReview(json.analysis.review);
  if (status === 'complete') {
    const risk = json.risk;
    if (!isObject(risk) || typeof risk.probability !== 'number' || typeof json.radScore !== 'number')
      throw new Error('a complete risk view lacks its risk or Rad-score');
  }
  return json as unknown as RiskView;
}

/** True for the ROI of a complete analysis (automatic or a segmentation), false for a failed ROI's QC. */
export function isRoiSource(roi: RoiSource | RoiQc | null): roi is RoiSource {
  return roi !== null && 'kind' in roi;
}
