import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { SettingsError } from '../../../src/errors.ts';

/**
 * Levels named by a person (findMarrowRoi's levelAt) on phantoms whose automatic count is one level off (a lumbar
 * rib on L1 with the top of the thoracic spine out of the scan) or impossible (neither end in view).
 */

const centre = (r: readonly [number, number]): number => (r[0] + r[1]) / 2;

describe('findMarrowRoi with levelAt', () => {
  const phantom = makeChestPhantom({ seed: 3, lumbarRib: true, firstLevel: 'T3' });
  const truth = (label: string): readonly [number, number] => {
    const l = phantom.truth.levels.find((x) => x.label === label);
    assert.ok(l, label);
    return l.zRangeMm;
  };

  it('the automatic count is one level off on a lumbar rib: its T6 is the true T7', () => {
    const auto = findMarrowRoi(phantom.image);
    assert.equal(auto.level, 'T6');
    const t6 = auto.levels.find((l) => l.label === 'T6');
    assert.ok(t6);
    assert.ok(Math.abs(centre(t6.zRangeMm) - centre(truth('T7'))) < 4);
  });

  it('names every body from the one a person named, and builds the ROI there', () => {
    const r = findMarrowRoi(phantom.image, { levelAt: { zMm: centre(truth('T6')), level: 'T6' } });
    assert.equal(r.status, 'found');
    assert.equal(r.level, 'T6');
    assert.equal(r.levelConfidence, 1);
    for (const name of ['T4', 'T6', 'T9', 'T12', 'L1']) {
      const named = r.levels.find((l) => l.label === name);
      assert.ok(named, name);
      assert.ok(Math.abs(centre(named.zRangeMm) - centre(truth(name))) < 4, name);
    }
    assert.ok(r.qc.findings.some((f) => f.code === 'level-named-by-person' && f.severity === 'info'));
    let inTruth = 0;
    let n = 0;
    r.mask?.data.forEach((v, i) => {
      if (v === 0) return;
      n++;
      if (phantom.marrow.data[i] !== 0) inTruth++;
    });
    assert.ok(inTruth / n > 0.95, `${inTruth} of ${n} ROI voxels in the true T6 marrow`);
    // The cue table still says what the anatomy showed: the last rib named T12, where the person's count puts L1.
    const last = r.cues.find((c) => c.cue === 'last-rib');
    assert.equal(last?.says, 'T12');
    assert.equal(last?.labelled, 'L1');
  });

  it('gives an ROI on a scan the automatic count refuses, once a person names T6', () => {
    const cut = makeChestPhantom({ seed: 3, firstLevel: 'T3', lastLevel: 'T10' });
    const auto = findMarrowRoi(cut.image);
    assert.equal(auto.status, 'refused');
    assert.ok(auto.bodies.length >= 6);
    const t6 = cut.truth.levels.find((l) => l.label === 'T6');
    assert.ok(t6);
    const r = findMarrowRoi(cut.image, { levelAt: { zMm: centre(t6.zRangeMm), level: 'T6' } });
    assert.equal(r.level, 'T6');
  });

  it('refuses a position on no vertebral body, with its code, and bad options', () => {
    const r = findMarrowRoi(phantom.image, { levelAt: { zMm: 4000, level: 'T6' } });
    assert.equal(r.status, 'refused');
    assert.deepEqual(
      r.qc.findings.map((f) => f.code),
      ['no-body-at-position'],
    );
    assert.ok(r.bodies.length > 0, 'the bodies found are still reported for a person to pick from');
    assert.throws(() => findMarrowRoi(phantom.image, { levelAt: { zMm: 0, level: 'X9' } }), SettingsError);
    assert.throws(() => findMarrowRoi(phantom.image, { levelAt: { zMm: NaN, level: 'T6' } }), SettingsError);
  });
});
