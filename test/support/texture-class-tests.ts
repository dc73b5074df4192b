import { it } from 'node:test';
import assert from 'node:assert/strict';
import { checkColumn, classBaseline } from './texture-baseline.ts';
import { classMapping, compareWithPhantom, ibsiCode, readIbsiPhantomReference } from './ibsi-phantom.ts';
import type { RadiomicsSettings } from '../../src/radiomics/settings.ts';
import type { FeatureClass, RoiInput } from '../../src/radiomics/types.ts';

/**
 * Shared test registrations for the texture classes: the PyRadiomics baseline comparison (failing both ways)
 * and the IBSI digital phantom comparison. Call inside the class's describe().
 */

/** Registers the baseline tests of a class: name coverage both ways, then one test per compared column. */
export function registerBaselineTests<P>(fc: FeatureClass<RoiInput, P>, className: string): void {
  const { baseline, rows, columns } = classBaseline(className);

  it('produces every feature the PyRadiomics baseline lists', () => {
    const missing = [...rows.keys()].filter((name) => fc.features[name] === undefined);
    assert.deepEqual(missing, [], `baseline features without an implementation: ${missing.join(', ')}`);
  });

  it('has a PyRadiomics baseline row for every default feature', () => {
    const unreferenced = fc.defaultFeatures.filter((name) => !rows.has(name));
    assert.deepEqual(unreferenced, [], `default features without a baseline row: ${unreferenced.join(', ')}`);
  });

  it('lists defaults and deprecated features that exist, disjointly', () => {
    for (const name of [...fc.defaultFeatures, ...fc.deprecated]) assert.ok(fc.features[name], name);
    assert.deepEqual(
      fc.deprecated.filter((d) => fc.defaultFeatures.includes(d)),
      [],
    );
    assert.equal(fc.defaultFeatures.length + fc.deprecated.length, Object.keys(fc.features).length);
  });

  for (const column of columns) {
    it(`matches the PyRadiomics baseline within rel 1e-6 when the config is ${column}`, () => {
      const check = checkColumn(fc, baseline, rows, column);
      assert.deepEqual(check.failures, [], `${column}:\n${check.failures.join('\n')}`);
      const expectedCount = [...rows.values()].filter((byColumn) => byColumn.has(column)).length;
      assert.equal(check.compared, expectedCount);
      assert.ok(check.compared > 0, `no baseline value compared for ${column}`);
    });
  }
}

/** An IBSI aggregation and the PyRadiomics settings that produce it. */
export interface PhantomConfig {
  readonly aggregation: string;
  readonly settings: Partial<RadiomicsSettings>;
}

/**
 * Registers the IBSI digital phantom tests of a class: the feature references agree with
 * featuresDict_IBSIv7.tsv (errata applied), every consensus value of the family at the tested aggregations
 * is either produced or listed in `unshared`, and every produced value matches to the printed 3 digits.
 */
export function registerPhantomTests<P>(
  fc: FeatureClass<RoiInput, P>,
  className: string,
  family: string,
  configs: readonly PhantomConfig[],
  unshared: Readonly<Record<string, string>>,
): void {
  it('names the IBSI code of featuresDict_IBSIv7.tsv in each feature reference', () => {
    const mapping = classMapping(className);
    assert.ok(mapping.length > 0);
    for (const m of mapping) {
      const f = fc.features[m.pyName];
      assert.ok(f, `featuresDict maps ${m.code} to ${className}.${m.pyName}, which is not implemented`);
      assert.equal(ibsiCode(f.reference), m.code, `${m.pyName}: reference "${f.reference}"`);
    }
  });

  const refs = readIbsiPhantomReference().filter((r) => r.family === family);
  for (const { aggregation, settings } of configs) {
    it(`matches the IBSI digital phantom (${aggregation}) to the printed 3 significant digits`, () => {
      const rows = compareWithPhantom(fc, aggregation, settings);
      const produced = new Set(rows.map((r) => r.code));
      const expected = refs.filter((r) => r.aggregation === aggregation);
      assert.ok(expected.length > 0, `no IBSI value for ${aggregation}`);
      const orphans = expected.filter((r) => !produced.has(r.code) && unshared[r.code] === undefined);
      assert.deepEqual(
        orphans.map((r) => `${r.code} ${r.feature}`),
        [],
        'IBSI features with neither an implementation nor a stated reason',
      );
      const mismatched = rows.filter((r) => !r.matched);
      assert.deepEqual(
        mismatched.map((r) => `${r.feature} (${r.code}): ${r.actual} vs IBSI ${r.reference.text}`),
        [],
      );
    });
  }
}
