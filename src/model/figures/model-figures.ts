/**
 * Figures of the fitted model: the Rad-score waterfall (each patient's Rad-score minus the training Youden
 * cut-off, sorted, coloured by outcome; train and test panels), the rms-style nomogram (one axis per term on
 * the common points scale, total points and risk axes) and the feature weights of the Rad-score.
 */
import type { ModelArtifact } from '../artifact.ts';
import { COLOURS, escapeXml, line, px, svgDocument, text } from './svg.ts';

/** Per-patient values the waterfall needs. */
export interface WaterfallData {
  readonly radScore: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly isTest: readonly boolean[];
}

/** Rad-score waterfall, one panel per set. */
export function waterfallSvg(a: ModelArtifact, d: WaterfallData): string {
  const cut = a.thresholds.radScoreYouden;
  const width = 720;
  const panel = 220;
  const body: string[] = [];
  const sets = [false, true].filter((t) => d.isTest.includes(t));
  sets.forEach((test, k) => {
    const idx = d.isTest.flatMap((t, i) => (t === test ? [i] : []));
    const values = idx
      .map((i) => ({ v: d.radScore[i] - cut, y: d.y[i] }))
      .sort((p, q) => q.v - p.v || p.y - q.y);
    const max = Math.max(1e-9, ...values.map((p) => Math.abs(p.v)));
    const top = 40 + k * (panel + 30);
    const mid = top + panel / 2;
    const w = (width - 80) / values.length;
    body.push(
      text(60, top - 6, `${test ? 'test' : 'train'} set (n = ${values.length})`, 'font-weight="bold"'),
    );
    values.forEach((p, i) => {
      const h = (Math.abs(p.v) / max) * (panel / 2 - 10);
      const yTop = p.v >= 0 ? mid - h : mid;
      const colour = p.y === 1 ? COLOURS[1] : COLOURS[0];
      body.push(
        `<rect x="${px(60 + i * w)}" y="${px(yTop)}" width="${px(Math.max(1, w - 1))}" height="${px(h)}" fill="${colour}"/>`,
      );
    });
    body.push(line(60, mid, width - 20, mid));
  });
  const legendY = 40 + sets.length * (panel + 30) - 10;
  body.push(
    `<rect x="60" y="${legendY}" width="12" height="12" fill="${COLOURS[1]}"/>`,
    text(78, legendY + 10, 'bone metastasis'),
  );
  body.push(
    `<rect x="200" y="${legendY}" width="12" height="12" fill="${COLOURS[0]}"/>`,
    text(218, legendY + 10, 'no bone metastasis'),
  );
  body.push(text(380, legendY + 10, `bars: Rad-score minus the training Youden cut-off (${cut.toFixed(3)})`));
  return svgDocument(width, legendY + 30, 'Rad-score waterfall', body);
}

/** The nomogram: points, one axis per term, total points, risk. */
export function nomogramSvg(a: ModelArtifact): string {
  const c = a.nomogram.chart;
  const left = 150;
  const width = 760;
  const scale = (width - left - 40) / Math.max(c.maxScale, ...c.totalPointsTicks);
  const pointsScale = (width - left - 40) / c.maxScale;
  const body: string[] = [];
  let y = 50;
  const axis = (label: string, marks: readonly { at: number; label: string }[], k: number): void => {
    body.push(text(left - 10, y + 4, label, 'text-anchor="end" font-weight="bold"'));
    const xs = marks.map((m) => left + m.at * k);
    body.push(line(Math.min(...xs), y, Math.max(...xs), y));
    let lastLabel = -Infinity;
    marks.forEach((m, i) => {
      body.push(line(xs[i], y, xs[i], y - 5));
      // Labels closer than their width to the previous one are left out (the tick stays).
      if (Math.abs(xs[i] - lastLabel) < 6 * Math.max(3, m.label.length)) return;
      body.push(text(xs[i], y - 8, m.label, 'text-anchor="middle" font-size="10"'));
      lastLabel = xs[i];
    });
    y += 40;
  };
  const pointTicks = Array.from({ length: 11 }, (_, i) => (c.maxScale * i) / 10);
  axis(
    'Points',
    pointTicks.map((p) => ({ at: p, label: p.toFixed(0) })),
    pointsScale,
  );
  for (const t of c.terms) {
    const label = t.name === 'radScore' ? 'Rad-score' : t.name;
    axis(
      label,
      t.ticks.map((k) => ({
        at: k.points,
        label: typeof k.value === 'number' ? String(Number(k.value.toFixed(3))) : k.value,
      })),
      pointsScale,
    );
  }
  axis(
    'Total points',
    c.totalPointsTicks.map((p) => ({ at: p, label: p.toFixed(0) })),
    scale,
  );
  axis(
    'Risk',
    c.riskTicks.map((r) => ({ at: r.points, label: String(r.risk) })),
    scale,
  );
  return svgDocument(width, y + 10, `Nomogram: ${escapeXml(a.id)}`, body);
}

/** Coefficients of the Rad-score (z-scored features), sorted by absolute size. */
export function featureWeightsSvg(a: ModelArtifact): string {
  const items = a.features
    .map((name, j) => ({ name, w: a.radScore.coefficients[j] }))
    .sort((p, q) => Math.abs(q.w) - Math.abs(p.w) || (p.name < q.name ? -1 : 1));
  const left = 260;
  const width = 800;
  const max = Math.max(1e-9, ...items.map((i) => Math.abs(i.w)));
  const half = (width - left - 80) / 2;
  const mid = left + half;
  const body: string[] = [];
  items.forEach((it, i) => {
    const y = 40 + i * 20;
    const w = (Math.abs(it.w) / max) * half;
    const fill = it.w >= 0 ? COLOURS[1] : COLOURS[0];
    body.push(text(left - 8, y + 12, it.name, 'text-anchor="end" font-size="10"'));
    body.push(
      `<rect x="${px(it.w >= 0 ? mid : mid - w)}" y="${y + 3}" width="${px(w)}" height="14" fill="${fill}"/>`,
    );
    body.push(text(width - 10, y + 14, it.w.toFixed(3), 'font-size="10" text-anchor="end"'));
  });
  const bottom = 40 + items.length * 20;
  body.push(line(mid, 35, mid, bottom));
  return svgDocument(width, bottom + 20, 'Rad-score feature weights (per SD)', body);
}
