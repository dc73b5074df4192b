import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIGURE_FILES, reportHtml, trainingFigures } from '../../../../src/model/figures/report.ts';
import { trainedModel } from '../../../support/trained-model.ts';

const { result } = trainedModel();

describe('trainingFigures', () => {
  it('draws the six figures as SVG documents with a title, the same bytes on every call', () => {
    const a = trainingFigures(result.artifact, result);
    const b = trainingFigures(result.artifact, result);
    assert.deepEqual(Object.keys(a), [...FIGURE_FILES]);
    for (const name of FIGURE_FILES) {
      assert.match(a[name], /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>\n<title>[^<]+<\/title>/);
      assert.match(a[name], /<\/svg>\n$/);
      assert.doesNotMatch(a[name], /NaN|undefined|Infinity/, `${name} holds a non-number`);
      assert.equal(a[name], b[name]);
    }
  });

  it('labels the ROC legend with each AUC and its DeLong CI', () => {
    const roc = trainingFigures(result.artifact, result)['roc.svg'];
    const m = result.artifact.metrics.radScore.train;
    assert.ok(
      roc.includes(
        `Rad-score train: AUC ${m.auc.toFixed(3)} (${m.aucCi[0].toFixed(3)}-${m.aucCi[1].toFixed(3)})`,
      ),
    );
  });

  it('draws one nomogram axis per stepwise term plus points, total points and risk', () => {
    const svg = trainingFigures(result.artifact, result)['nomogram.svg'];
    const bold = [...svg.matchAll(/font-weight="bold">([^<]+)<\/text>/g)].map((m) => m[1]);
    const terms = result.artifact.nomogram.stepwise.map((t) => (t === 'radScore' ? 'Rad-score' : t));
    assert.deepEqual(bold.slice(1), ['Points', ...terms, 'Total points', 'Risk']);
  });
});

describe('reportHtml', () => {
  it('states the synthetic-data disclaimer and holds both tables and every figure inline', () => {
    const figures = trainingFigures(result.artifact, result);
    const html = reportHtml(result.artifact, result.table1, figures);
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes('demonstration model, synthetic data, not for clinical use'));
    assert.ok(html.includes('<h2>Table 1. Characteristics by split</h2>'));
    assert.ok(html.includes('<th>95% CI</th>'));
    assert.equal((html.match(/<svg /g) ?? []).length, FIGURE_FILES.length);
    assert.doesNotMatch(html, /<script|src="http/);
  });
});
