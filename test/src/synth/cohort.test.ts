import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STUDY_DESIGN, makeCohort, tableRow } from '../../../src/synth/cohort.ts';
import { SUBTYPES } from '../../../src/clinical/inputs.ts';
import type { CohortPatient } from '../../../src/synth/cohort.ts';
import { rocAuc as auc } from '../../../src/stats/roc.ts';

const cohort = makeCohort(42);
const bySplit = (s: 'train' | 'test'): CohortPatient[] => cohort.filter((p) => p.split === s);
const count = (ps: readonly CohortPatient[], f: (p: CohortPatient) => boolean): number => ps.filter(f).length;

describe('makeCohort', () => {
  it('has 106 patients with 37 events split 84 (29) / 22 (8) when built from any seed', () => {
    for (const c of [cohort, makeCohort(7)]) {
      assert.equal(c.length, 106);
      assert.equal(
        count(c, (p) => p.event),
        37,
      );
      for (const s of ['train', 'test'] as const) {
        const ps = c.filter((p) => p.split === s);
        assert.equal(ps.length, STUDY_DESIGN[s].n);
        assert.equal(
          count(ps, (p) => p.event),
          STUDY_DESIGN[s].events,
        );
      }
    }
  });

  it('reproduces every categorical row of Table 1 exactly when counted by split', () => {
    for (const s of ['train', 'test'] as const) {
      const ps = bySplit(s);
      const d = STUDY_DESIGN[s];
      assert.equal(
        count(ps, (p) => tableRow(p).er),
        d.erPositive,
        `${s} ER`,
      );
      assert.equal(
        count(ps, (p) => tableRow(p).prHigh),
        d.prHigh,
        `${s} PR`,
      );
      assert.equal(
        count(ps, (p) => tableRow(p).her2),
        d.her2Positive,
        `${s} HER-2`,
      );
      assert.equal(
        count(ps, (p) => tableRow(p).ki67High),
        d.ki67High,
        `${s} Ki-67`,
      );
      for (const t of SUBTYPES)
        assert.equal(
          count(ps, (p) => p.subtype === t),
          d.subtypes[t],
          `${s} ${t}`,
        );
    }
  });

  it('matches the age mean and SD of Table 1 to one decimal when computed by split', () => {
    for (const s of ['train', 'test'] as const) {
      const a = bySplit(s).map((p) => p.ageYears);
      const m = a.reduce((x, y) => x + y, 0) / a.length;
      const sd = Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1));
      assert.ok(Math.abs(m - STUDY_DESIGN[s].ageMean) < 0.05, `${s} mean ${m}`);
      assert.ok(Math.abs(sd - STUDY_DESIGN[s].ageSd) < 0.05, `${s} SD ${sd}`);
    }
  });

  it('keeps HER-2 positive subtypes amplified or 3+ and the extra IHC 2+ patients not amplified', () => {
    for (const p of cohort) {
      const amplified = p.her2Ihc === 3 || (p.her2IshRatio !== null && p.her2IshRatio >= 2);
      const her2Subtype = p.subtype === 'her2-hr-pos' || p.subtype === 'her2-hr-neg';
      assert.equal(amplified, her2Subtype, p.id);
      assert.equal(p.her2IshRatio !== null, p.her2Ihc === 2, p.id);
    }
  });

  it('separates events by the marrow factor but not by the clinical rows', () => {
    const y = cohort.map((p) => (p.event ? 1 : 0));
    const marrow = auc(
      y,
      cohort.map((p) => p.marrowFactor),
    );
    assert.ok(marrow > 0.85, `marrow factor AUC ${marrow}`);
    const ki = auc(
      y,
      cohort.map((p) => p.ki67Percent),
    );
    assert.ok(Math.abs(ki - 0.5) < 0.2, `Ki-67 AUC ${ki}`);
  });

  it('derives the recorded subtype from the receptors in train and in all but a few test patients', () => {
    // St Gallen surrogate (DESIGN section 4); Table 1's test column cannot be fully consistent (12 ER positive
    // for 11 HR-positive or special patients; 9 PR >= 20 % for 2 Ki-67 >= 14 % and no luminal A).
    for (const seed of [1, 42, 7]) {
      const conflicts = { train: 0, test: 0 };
      for (const p of makeCohort(seed)) {
        if (p.subtype === 'special') continue;
        const her2 = p.her2Ihc === 3 || (p.her2IshRatio ?? 0) >= 2;
        const hr = p.erPercent >= 1 || p.prPercent >= 1;
        const surrogate = her2
          ? hr
            ? 'her2-hr-pos'
            : 'her2-hr-neg'
          : !hr
            ? 'triple-negative'
            : p.ki67Percent < 14 && p.prPercent >= 20
              ? 'luminal-a'
              : 'luminal-b';
        if (surrogate !== p.subtype) conflicts[p.split]++;
      }
      assert.equal(conflicts.train, 0, `seed ${seed}`);
      assert.ok(conflicts.test <= 4, `seed ${seed}: ${conflicts.test} test conflicts`);
    }
  });

  it('gives identical patients when built twice from the same seed', () => {
    assert.deepEqual(makeCohort(42), cohort);
    assert.notDeepEqual(makeCohort(43), cohort);
  });

  it('dates the birth, diagnosis and CT consistently with the age', () => {
    for (const p of cohort) {
      const years = (Date.parse(p.diagnosisDate) - Date.parse(p.birthDate)) / (365.25 * 86_400_000);
      assert.ok(Math.abs(years - p.ageYears) < 0.01, p.id);
      assert.ok(p.ctDate <= p.diagnosisDate, p.id);
    }
  });
});
