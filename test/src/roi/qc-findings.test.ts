import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findingCode, qcFindings } from '../../../src/roi/qc-findings.ts';

describe('findingCode', () => {
  it('gives each kind of reason its stable code', () => {
    const cases: [string, string][] = [
      ['the series is MR, not CT: the marrow ROI and its HU thresholds need a CT', 'modality-not-ct'],
      ['no body in the image (nothing above -400 HU)', 'no-body'],
      ['no spine in view (no bone column near the posterior midline; best fill 0.00)', 'no-spine'],
      ['too few slices (2) to find vertebral levels', 'too-few-slices'],
      ['the image is not an axial volume (its index axes are not close to L, P and S)', 'not-axial'],
      ['neither end of the thoracic spine is visible (no rib-free vertebra above T1)', 'neither-end-visible'],
      ['found 23 rib-bearing vertebrae in a row, more than 12', 'rib-count'],
      ['levels counted from T1 (the scan ends above T12)', 'counted-from-one-end'],
      ['T6 is cut by the edge of the scan', 'level-truncated'],
      ['T6 is sclerotic (core mean 700 HU, 2.1x its neighbours)', 'level-sclerotic'],
      ['T6 ROI leaks out of the body (a slice is 2.0x the median slice)', 'roi-shape'],
      ['using T7 instead of T6', 'level-fallback'],
      ['warning: contrast-enhanced scan: aorta mean 286 HU > 120 HU, allowed', 'contrast-enhanced'],
      [
        'aorta not measured: no T5..T11 vertebra labelled, contrast not checked from the image',
        'aorta-not-measured',
      ],
      ['T6 is not in the scan', 'level-absent'],
      [
        'the cues disagree: the rib count puts the carina at T1, where it does not lie (T3..T7)',
        'cues-disagree',
      ],
      [
        'warning: found 11 rib-bearing vertebrae from the first to the last, expected 12 (a short 12th rib, or a lumbar or cervical rib)',
        'rib-count-unusual',
      ],
      ['something new', 'qc-other'],
    ];
    for (const [reason, code] of cases) assert.equal(findingCode(reason), code, reason);
  });
});

describe('qcFindings', () => {
  it('keeps the messages in order and makes the reasons of a failed QC errors, warnings and notes aside', () => {
    const reasons = [
      'levels counted from T1 (the scan ends above T12)',
      'warning: slice thickness 8 mm is outside 1..5 mm, the range the ROI is checked on',
      'T6 is cut by the edge of the scan',
    ];
    assert.deepEqual(
      qcFindings(reasons, false).map((f) => [f.code, f.severity, f.message]),
      [
        ['counted-from-one-end', 'info', reasons[0]],
        ['slice-thickness', 'warning', reasons[1]],
        ['level-truncated', 'error', reasons[2]],
      ],
    );
  });

  it('makes a rejected level a warning when a fallback passed QC', () => {
    const f = qcFindings(['T6 is cut by the edge of the scan', 'using T7 instead of T6'], true);
    assert.deepEqual(
      f.map((x) => x.severity),
      ['warning', 'warning'],
    );
  });
});
