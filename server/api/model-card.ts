/**
 * `GET /models/<id>`: the model's card as a page anyone can open from a CDS card's source link (no launch, no
 * token): what the model is for, what trained it (and that a synthetic model is not for clinical use), how it
 * did on its test patients, and its limits. Built from the artifact, so it always describes the model served.
 */
import type { RequestHandler } from 'express';
import type { ModelArtifact } from '../../src/index.ts';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The page of `model`; other ids are 404. */
export function modelCardHandler(model: ModelArtifact): RequestHandler {
  const td = model.trainingData;
  const test = model.metrics.nomogram.test;
  const rows: [string, string][] = [
    ['Model', `${model.id} ${model.version}`],
    ['Intended use', model.intendedUse],
    [
      'Trained on',
      `${td.description}: ${td.n} patients, ${td.events} with bone metastasis within 5 years (${td.trainRows} training, ${td.testRows} test); sites: ${td.sites.join(', ')}`,
    ],
    [
      'Nomogram on its test patients',
      test === null
        ? 'no test patients were held out'
        : `AUC ${test.auc.toFixed(3)} (95 % CI ${test.aucCi[0].toFixed(3)}-${test.aucCi[1].toFixed(3)}), sensitivity ${pct(test.sensitivity)}, specificity ${pct(test.specificity)}${test.brier === null ? '' : `, Brier ${test.brier.toFixed(3)}`} (n = ${test.n}, ${test.events} events)`,
    ],
    [
      'Limits',
      "Inputs: a chest CT of 1-5 mm slices (the automatic T6 ROI refuses scans it cannot count, and names why), age and the ER, PR, HER-2 and Ki-67 results. The model says nothing about patients unlike those it was trained on; its probability supports, and does not replace, the oncologist's judgement.",
    ],
  ];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Model card: ${esc(model.id)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.banner{background:#fff3cd;border:1px solid #b38600;padding:.75rem 1rem;border-radius:6px}th{text-align:left;vertical-align:top;padding:.4rem 1rem .4rem 0;width:13rem}td{padding:.4rem 0}</style>
</head><body><h1>Model card: ${esc(model.id)} ${esc(model.version)}</h1>
${td.synthetic ? `<p class="banner" role="note"><strong>Trained on synthetic data: ${esc(model.disclaimer)}.</strong></p>` : ''}
<table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<p>The full artifact (coefficients, nomogram chart, ROC, decision and calibration curves): <a href="../api/model">/api/model</a>.</p>
</body></html>`;
  return (req, res) => {
    if (req.params.id !== model.id) {
      res.status(404).json({ error: 'no such model' });
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('html').send(html);
  };
}
