/**
 * QC reasons as data: every reason string the ROI gives is mapped to a stable kebab code and a severity, so a
 * caller can act on `code` while a person reads `message` (the reason itself, unchanged).
 */
import type { RoiFinding, RoiFindingSeverity } from './types.ts';

interface FindingRule {
  readonly code: string;
  readonly pattern: RegExp;
  /** Severity when the ROI passed QC; a failed QC makes every non-warning finding an error. */
  readonly severity: RoiFindingSeverity;
}

/**
 * The reasons, by what they say, in order of precedence (first match wins). Codes are stable: add new ones,
 * never rename.
 */
const RULES: readonly FindingRule[] = [
  { code: 'modality-not-ct', pattern: /^the series is .*, not CT/, severity: 'error' },
  { code: 'contrast-enhanced', pattern: /contrast-enhanced scan/, severity: 'warning' },
  { code: 'slice-thickness', pattern: /slice thickness .* is outside/, severity: 'warning' },
  { code: 'aorta-not-found', pattern: /aorta not found/, severity: 'warning' },
  { code: 'image-smoothed', pattern: /^pixel noise about .* smoothed/, severity: 'info' },
  { code: 'too-noisy', pattern: /^pixel noise about .* no level is named/, severity: 'error' },
  { code: 'aorta-not-measured', pattern: /aorta not measured/, severity: 'warning' },
  { code: 'not-axial', pattern: /not an axial volume/, severity: 'error' },
  { code: 'too-few-slices', pattern: /too few slices/, severity: 'error' },
  { code: 'grid-mismatch', pattern: /do not match the grid/, severity: 'error' },
  { code: 'no-body', pattern: /^no body in the image/, severity: 'error' },
  { code: 'no-spine', pattern: /^no spine in view/, severity: 'error' },
  { code: 'no-vertebrae', pattern: /no vertebral bodies found/, severity: 'error' },
  { code: 'not-thoracic', pattern: /not a chest CT|no thoracic spine/, severity: 'error' },
  { code: 'no-ribs', pattern: /no rib-bearing vertebra found/, severity: 'error' },
  { code: 'neither-end-visible', pattern: /neither end of the thoracic spine/, severity: 'error' },
  { code: 'cues-disagree', pattern: /disagree/, severity: 'error' },
  { code: 'noisy-last-rib', pattern: /a count from the last rib alone is not trusted/, severity: 'error' },
  { code: 'rib-count-unusual', pattern: /cervical rib|lumbar rib/, severity: 'warning' },
  { code: 'rib-count', pattern: /rib-bearing vertebrae in a row|expected 12/, severity: 'error' },
  { code: 'counted-from-one-end', pattern: /^levels counted/, severity: 'info' },
  { code: 'level-named-by-person', pattern: /^levels named by a person/, severity: 'info' },
  { code: 'no-body-at-position', pattern: /^no vertebral body at z/, severity: 'error' },
  { code: 'level-inferred', pattern: /inferred from a gap/, severity: 'warning' },
  { code: 'level-absent', pattern: /is not in the scan/, severity: 'warning' },
  { code: 'level-truncated', pattern: /is cut by the edge of the scan/, severity: 'warning' },
  { code: 'level-sclerotic', pattern: /is sclerotic/, severity: 'warning' },
  { code: 'level-wedged', pattern: /is wedged/, severity: 'warning' },
  { code: 'roi-too-small', pattern: /ROI too small/, severity: 'warning' },
  {
    code: 'roi-shape',
    pattern: /ROI (leaks|is not convex|centre is not|is larger than|cross-section|is \d+ % of)/,
    severity: 'warning',
  },
  { code: 'level-fallback', pattern: /^using \S+ instead of/, severity: 'warning' },
];

/** The code of a reason: the first rule whose pattern matches, else 'qc-other'. */
export function findingCode(reason: string): string {
  return RULES.find((r) => r.pattern.test(reason))?.code ?? 'qc-other';
}

/**
 * One finding per reason, in the same order: `code` from {@link findingCode}; severity 'warning' for a reason
 * that starts with "warning:", otherwise the rule's severity when QC passed, and 'error' when it failed (the
 * reasons of a failed QC are why there is no ROI), except 'info' notes.
 */
export function qcFindings(reasons: readonly string[], passed: boolean): RoiFinding[] {
  return reasons.map((message) => {
    const rule = RULES.find((r) => r.pattern.test(message));
    const code = rule?.code ?? 'qc-other';
    let severity: RoiFindingSeverity;
    if (message.startsWith('warning:')) severity = 'warning';
    else if (rule?.severity === 'info') severity = 'info';
    else if (!passed) severity = 'error';
    else severity = rule?.severity ?? 'warning';
    return { code, severity, message };
  });
}
