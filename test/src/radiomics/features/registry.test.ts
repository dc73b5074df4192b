import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  allFeatureClasses,
  getRoiClass,
  getShapeClass,
} from '../../../../src/radiomics/features/registry.ts';
import { SettingsError } from '../../../../src/errors.ts';

/** PyRadiomics' enabled-by-default counts (REFERENCE-NOTES 1.2). */
const DEFAULT_COUNTS: Record<string, number> = {
  firstorder: 18,
  shape: 14,
  shape2D: 9,
  glcm: 24,
  glrlm: 16,
  glszm: 16,
  gldm: 14,
  ngtdm: 5,
};

describe('allFeatureClasses', () => {
  it('registers the eight PyRadiomics classes with their default feature counts', () => {
    const counts = Object.fromEntries(allFeatureClasses().map((c) => [c.name, c.defaultFeatures.length]));
    assert.deepEqual(counts, DEFAULT_COUNTS);
  });

  it('gives every feature, deprecated ones included, a doc string and a formula reference', () => {
    const missing: string[] = [];
    for (const c of allFeatureClasses()) {
      for (const f of c.featureNames) {
        const d = c.describe(f);
        if (d === undefined || d.doc.trim().length < 10 || d.reference.trim().length < 3)
          missing.push(`${c.name}.${f}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('keeps deprecated features out of the defaults', () => {
    for (const c of allFeatureClasses()) {
      for (const f of c.deprecated) assert.ok(!c.defaultFeatures.includes(f), `${c.name}.${f}`);
      for (const f of c.defaultFeatures) assert.ok(c.featureNames.includes(f), `${c.name}.${f} is computed`);
    }
  });
});

describe('getRoiClass', () => {
  it('throws unknown-feature-class for a shape class or an unknown name', () => {
    assert.throws(
      () => getRoiClass('shape'),
      (e: unknown) => e instanceof SettingsError && e.code === 'unknown-feature-class',
    );
    assert.throws(
      () => getShapeClass('glcm'),
      (e: unknown) => e instanceof SettingsError && e.code === 'unknown-feature-class',
    );
  });
});
