import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  deriveClinicalInputs,
  missingClinicalInputs,
  parseModelArtifact,
  scoreClinicalInputs,
} from '../../../src/index.ts';
import type { AnalysisComplete, AnalysisFailed, ClinicalInputs } from '../../../src/index.ts';
import { cdsResponseViolations } from '../../../server/cds/card-schema.ts';
import {
  buildAnalysisFailedCard,
  buildInProgressCard,
  percentText,
  readableLevel,
  buildMissingInputsCard,
  buildRiskCard,
  callsForFollowUp,
} from '../../../server/cds/risk-card.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const model = parseModelArtifact(
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'models', 'demo-synthetic.json'), 'utf8')),
);
let n = 0;
const ctx = {
  patientId: 'p1',
  model,
  appLaunchUrl: 'https://bonemet.example/app/launch.html',
  modelCardUrl: 'https://bonemet.example/models/demo-synthetic',
  newUuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
};
const inputs = deriveClinicalInputs({
  ageYears: 48,
  erPercent: 90,
  prPercent: 40,
  her2Ihc: 0,
  ki67Percent: 25,
});

/** A complete analysis scored by the demo model at this Rad-score (the scoring is the real one). */
function analysed(radScore: number, clinical: ClinicalInputs = inputs) {
  const base: AnalysisComplete = {
    status: 'complete',
    id: 'r1',
    studyInstanceUid: '1.2',
    ctSeriesInstanceUid: '1.2.3',
    acquisition: null,
    findings: [],
    timingsMs: {},
    roi: { kind: 'segmentation', seriesInstanceUid: '1.2.4' },
    mask: {
      grid: {
        size: [1, 1, 1],
        spacingMm: [1, 1, 1],
        originLpsMm: [0, 0, 0],
        direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      },
      data: Uint8Array.of(1),
    },
    features: new Map(),
  };
  return { ...base, radScore, risk: scoreClinicalInputs(model, radScore, clinical) };
}

describe('buildRiskCard', () => {
  it('gives a high-risk patient a warning card with the PET-CT suggestion, the app link and the synthetic-data warning', () => {
    const result = analysed(6);
    assert.ok(callsForFollowUp(model, result.risk.category));
    const card = buildRiskCard(result, inputs, ctx);
    assert.deepEqual(cdsResponseViolations({ cards: [card] }), []);
    assert.equal(card.indicator, 'warning');
    assert.match(
      card.summary,
      /^Demo \(synthetic\) model: 5-year bone-metastasis risk (?:[<>] )?\d+ % \(high\); consider follow-up PET-CT$/,
    );
    assert.equal(card.suggestions?.[0].actions?.[0].resource?.resourceType, 'ServiceRequest');
    assert.equal(card.selectionBehavior, 'at-most-one');
    assert.deepEqual(card.links?.[0], {
      label: 'Open BoneMet Risk (nomogram, inputs, ROI)',
      url: ctx.appLaunchUrl,
      type: 'smart',
      appContext: '{"resultId":"r1"}',
    });
    assert.match(card.detail ?? '', /Demonstration model, synthetic data, not for clinical use\./);
    assert.match(card.detail ?? '', /\| Ki-67 \| >= 14 % \|/);
  });

  it('gives a low-risk patient an info card without a suggestion', () => {
    const card = buildRiskCard(analysed(-6), inputs, ctx);
    assert.deepEqual(cdsResponseViolations({ cards: [card] }), []);
    assert.equal(card.indicator, 'info');
    assert.equal(card.suggestions, undefined);
    assert.match(card.summary, /\(low\)$/);
  });
});

describe('the cards without a risk', () => {
  it('name the missing inputs, the analysis in progress and a failed CT analysis, each a valid card', () => {
    const lacking = deriveClinicalInputs({ ageYears: 48, her2Ihc: 2 });
    const missing = missingClinicalInputs(lacking, ['ki67', 'her2']);
    const failed: AnalysisFailed = {
      status: 'failed',
      id: 'r2',
      studyInstanceUid: '1.2',
      acquisition: null,
      findings: [{ code: 'roi-qc-failed', severity: 'error', message: 'contrast-enhanced scan' }],
      timingsMs: {},
      stage: 'roi',
      category: 'patient-data-missing',
    };
    const cards = [
      buildMissingInputsCard(missing, ctx),
      buildInProgressCard(ctx, 'r3'),
      buildAnalysisFailedCard(failed, ctx),
    ];
    assert.deepEqual(cdsResponseViolations({ cards }), []);
    assert.equal(cards[0].summary, 'Bone-metastasis risk not computed: Ki-67, HER-2 missing');
    assert.match(cards[0].detail ?? '', /HER-2: HER-2 IHC 2\+ without ISH is equivocal/);
    assert.match(cards[2].detail ?? '', /contrast-enhanced scan \(roi-qc-failed\)/);
    assert.ok(cards.every((c) => c.indicator === 'info' && (c.detail ?? '').includes('synthetic data')));
  });
});

describe('the words of a card', () => {
  it('never rounds a probability to 0 % or 100 %', () => {
    assert.equal(percentText(0.9999), '> 99 %');
    assert.equal(percentText(0.994), '99 %');
    assert.equal(percentText(0.421), '42 %');
    assert.equal(percentText(0.0049), '< 1 %');
  });

  it('writes the level codes of the inputs as a person reads them', () => {
    assert.equal(readableLevel('ge20'), '>= 20 %');
    assert.equal(readableLevel('lt14'), '< 14 %');
    assert.equal(readableLevel('positive'), 'positive');
    assert.equal(readableLevel(63.3), '63.3');
  });
});
