import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractFeatures } from '../../../src/radiomics/extractor.ts';
import { validateParams } from '../../../src/radiomics/params.ts';
import { getRoiClass, getShapeClass } from '../../../src/radiomics/features/registry.ts';
import type { FeatureClassName } from '../../../src/radiomics/types.ts';
import {
  caseOf,
  columnSettings,
  featureRows,
  KNOWN_BASELINE_DEVIATIONS,
  loadCase,
  readBaseline,
  shape2DLabel,
  usableColumns,
} from '../../support/baseline.ts';
import { isClose, relativeError } from '../../support/tolerance.ts';

/** DESIGN section 7: original-image features equal the PyRadiomics baselines to rel 1e-6 (abs 1e-9 near zero). */
const TOL = { rel: 1e-6, abs: 1e-9 };

/** PyRadiomics' printed settings as our parameter document: None means "default" for keys we do not take null for. */
function settingsDoc(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (
      v === null &&
      (k === 'interpolator' ||
        k === 'weightingNorm' ||
        k === 'resampledPixelSpacing' ||
        k === 'resegmentRange')
    ) {
      if (k !== 'interpolator') out[k] = null;
      continue;
    }
    out[k] = v;
  }
  return out;
}

const CLASSES: FeatureClassName[] = [
  'firstorder',
  'shape',
  'shape2D',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
];

describe('extractFeatures', () => {
  for (const cls of CLASSES) {
    const baseline = readBaseline(cls);
    const rows = featureRows(baseline, cls);
    const columns = usableColumns(baseline);
    const compared = columns.filter((c) => !c.endsWith('_resampling'));

    it(`equals every original_${cls} baseline value of ${compared.length} configurations to rel 1e-6`, (t) => {
      const failures: string[] = [];
      let n = 0;
      let worst = 0;
      const known: string[] = [];
      for (const column of compared) {
        const { image } = loadCase(caseOf(column));
        const mask = cls === 'shape2D' ? shape2DLabel(baseline, column) : loadCase(caseOf(column)).mask;
        const params = validateParams({
          setting: settingsDoc(columnSettings(baseline, column)),
          featureClass: { [cls]: null },
        });
        const features = extractFeatures(image, mask, params);
        for (const [feature, byColumn] of rows) {
          const expected = byColumn.get(column);
          if (expected === undefined) continue;
          const actual = features.get(`original_${cls}_${feature}`);
          n++;
          if (typeof actual !== 'number') {
            failures.push(`${column} ${feature}: not produced (baseline ${expected})`);
            continue;
          }
          const bound = KNOWN_BASELINE_DEVIATIONS[`${column} ${feature}`];
          if (cls === 'shape' && bound !== undefined) {
            // A documented stale baseline value: asserted within its bound and reported, never silently passed.
            known.push(`${column} ${feature} rel ${relativeError(actual, expected).toExponential(2)}`);
            if (relativeError(actual, expected) > bound)
              failures.push(`${column} ${feature}: beyond its known deviation ${bound}`);
            continue;
          }
          worst = Math.max(worst, relativeError(actual, expected));
          if (!isClose(actual, expected, TOL))
            failures.push(
              `${column} ${feature}: got ${actual}, baseline ${expected} (rel ${relativeError(actual, expected).toExponential(2)})`,
            );
        }
      }
      assert.ok(n > 0, 'no baseline value was compared');
      t.diagnostic(
        `${n} values compared, worst relative error ${worst.toExponential(2)}${known.length ? `; known stale baseline values: ${known.join(', ')}` : ''}`,
      );
      assert.deepEqual(
        failures,
        [],
        `${failures.length} of ${n} values differ (worst rel ${worst.toExponential(2)})`,
      );
    });

    it(`has a baseline row for every default ${cls} feature`, () => {
      const runner = cls === 'shape' || cls === 'shape2D' ? getShapeClass(cls) : getRoiClass(cls);
      const missing = runner.defaultFeatures.filter((f) => !rows.has(f));
      assert.deepEqual(missing, []);
    });

    const resampling = columns.filter((c) => c.endsWith('_resampling'));
    if (resampling.length > 0) {
      it(`reports its worst error against the ${cls} _resampling columns (linear in place of B-spline; not asserted)`, (t) => {
        for (const column of resampling) {
          const { image, mask } = loadCase(caseOf(column));
          const setting = settingsDoc(columnSettings(baseline, column));
          // B-spline interpolation is not reproduced; linear interpolation stands in, and the report says so.
          const interpolator =
            setting['interpolator'] === 'sitkBSpline' ? 'sitkLinear' : setting['interpolator'];
          const params = validateParams({
            setting: { ...setting, interpolator },
            featureClass: { [cls]: null },
          });
          const features = extractFeatures(image, mask, params);
          let worst = 0;
          let worstName = '';
          for (const [feature, byColumn] of rows) {
            const expected = byColumn.get(column);
            const actual = features.get(`original_${cls}_${feature}`);
            if (expected === undefined || typeof actual !== 'number') continue;
            const r = relativeError(actual, expected);
            if (r > worst) {
              worst = r;
              worstName = feature;
            }
          }
          t.diagnostic(
            `${column} (${String(interpolator)} for sitkBSpline): worst relative error ${worst.toExponential(3)} (${worstName})`,
          );
        }
      });
    }
  }
});
