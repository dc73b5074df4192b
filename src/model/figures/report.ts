/**
 * The training report: the six SVG figures and a self-contained `report.html` (model card summary,
 * Table 1, Table 2, nomogram terms, figures inline). Pure: returns strings for the CLI to write.
 */
import type { ArtifactMetrics, ModelArtifact } from '../artifact.ts';
import type { Table1Row } from '../clinical-table.ts';
import { calibrationSvg, dcaSvg, rocSvg } from './curve-figures.ts';
import { featureWeightsSvg, nomogramSvg, waterfallSvg } from './model-figures.ts';
import type { WaterfallData } from './model-figures.ts';
import { escapeXml } from './svg.ts';

/** File names of the figures, in report order. */
export const FIGURE_FILES = [
  'roc.svg',
  'dca.svg',
  'calibration.svg',
  'radscore-waterfall.svg',
  'nomogram.svg',
  'feature-weights.svg',
] as const;

/** Every figure by file name. */
export function trainingFigures(
  a: ModelArtifact,
  d: WaterfallData,
): Record<(typeof FIGURE_FILES)[number], string> {
  return {
    'roc.svg': rocSvg(a),
    'dca.svg': dcaSvg(a),
    'calibration.svg': calibrationSvg(a),
    'radscore-waterfall.svg': waterfallSvg(a, d),
    'nomogram.svg': nomogramSvg(a),
    'feature-weights.svg': featureWeightsSvg(a),
  };
}

const f3 = (v: number | null): string => (v === null || !Number.isFinite(v) ? 'NA' : v.toFixed(3));

function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = header.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${tr}\n</tbody>\n</table>`;
}

function metricRow(model: string, set: string, m: ArtifactMetrics): string[] {
  const ci = `${f3(m.aucCi[0])}-${f3(m.aucCi[1])}`;
  return [
    model,
    set,
    f3(m.accuracy),
    f3(m.auc),
    ci,
    f3(m.sensitivity),
    f3(m.specificity),
    f3(m.ppv),
    f3(m.npv),
  ];
}

/** The HTML report (figures inline, no external resources). */
export function reportHtml(
  a: ModelArtifact,
  table1: readonly Table1Row[],
  figures: Readonly<Record<string, string>>,
): string {
  const t = a.trainingData;
  const table2 = a.metrics.classifiers.flatMap((c) => [
    metricRow(c.model, 'train', c.train),
    ...(c.test ? [metricRow(c.model, 'test', c.test)] : []),
  ]);
  const n = a.metrics.nomogram;
  table2.push(
    metricRow('nomogram', 'train', n.train),
    ...(n.test ? [metricRow('nomogram', 'test', n.test)] : []),
  );
  const terms = a.nomogram.terms.map((term) =>
    term.kind === 'numeric'
      ? [term.name, 'numeric', term.coefficient.toFixed(4)]
      : [
          term.name,
          `factor (${term.levels.join(', ')})`,
          term.coefficients.map((c) => c.toFixed(4)).join(', '),
        ],
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeXml(a.id)} ${escapeXml(a.version)}: training report</title>`,
    '<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}.banner{background:#fff3cd;border:1px solid #e0c36a;padding:.5em 1em}</style>',
    '</head>',
    '<body>',
    `<h1>${escapeXml(a.id)} ${escapeXml(a.version)}</h1>`,
    `<p class="banner">${escapeXml(a.disclaimer)}</p>`,
    `<p>${escapeXml(a.intendedUse)}</p>`,
    `<p>Created ${escapeXml(a.created)}. Training data: ${escapeXml(t.description)}; ${t.n} patients, ${t.events} events; ${t.trainRows} train / ${t.testRows} test; synthetic: ${t.synthetic}; seed ${t.seed}.</p>`,
    `<p>Features: ${a.radiomics.featureCount} (${escapeXml(a.radiomics.params)}) -> ${a.selection.afterPearson} after Pearson |r| > ${a.selection.pearsonThreshold} -> ${a.features.length} by mRMR. Rad-score: L2 logistic regression (C = ${a.radScore.C}); best test-AUC classifier: ${escapeXml(a.radScore.bestTestAucModel)}.</p>`,
    '<h2>Table 1. Characteristics by split</h2>',
    htmlTable(
      ['Variable', 'Level', 'Train', 'Test', 'P', 'Test used'],
      table1.map((r) => [
        r.variable,
        r.level,
        r.train,
        r.test,
        r.p === null ? '' : r.p.toPrecision(3),
        r.method,
      ]),
    ),
    '<h2>Table 2. Classifiers (threshold: Youden on train)</h2>',
    htmlTable(['Model', 'Set', 'ACC', 'AUC', '95% CI', 'SEN', 'SPE', 'PPV', 'NPV'], table2),
    '<h2>Nomogram terms (stepwise AIC)</h2>',
    htmlTable(['Term', 'Kind', 'Coefficient(s)'], terms),
    `<p>Risk categories: ${a.thresholds.categories.map((c) => `${escapeXml(c.label)} from ${c.fromProbability.toFixed(3)}`).join('; ')}.</p>`,
    '<h2>Figures</h2>',
    ...FIGURE_FILES.map((f) => `<figure>${figures[f] ?? ''}<figcaption>${f}</figcaption></figure>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
