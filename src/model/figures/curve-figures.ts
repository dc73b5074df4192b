/**
 * The curve figures of the training report, drawn from a model artifact alone: ROC (Rad-score and
 * nomogram, train and test, AUC with DeLong 95 % CI in the legend), decision curves (net benefit of the
 * nomogram against treat-all and treat-none) and calibration (binned observed vs predicted risk).
 */
import type { ArtifactMetrics, ModelArtifact } from '../artifact.ts';
import { COLOURS, axes, legend, line, polyline, px, svgDocument, sx, sy, ticks } from './svg.ts';
import type { Frame } from './svg.ts';

const frame = (y: readonly [number, number]): Frame => ({
  width: 560,
  height: 460,
  left: 60,
  right: 20,
  top: 40,
  bottom: 50,
  x: [0, 1],
  y,
});

type LegendItem = { label: string; colour: string; dash?: string };

/** The document with the legend below the plot. */
function withLegend(f: Frame, title: string, body: string[], items: readonly LegendItem[]): string {
  return svgDocument(f.width, f.height + 18 * items.length + 10, title, [
    ...body,
    ...legend(items, f.left, f.height + 10),
  ]);
}

const aucLabel = (name: string, m: ArtifactMetrics): string =>
  `${name}: AUC ${m.auc.toFixed(3)} (${m.aucCi[0].toFixed(3)}-${m.aucCi[1].toFixed(3)})`;

/** ROC curves: sensitivity against 1 - specificity. */
export function rocSvg(a: ModelArtifact): string {
  const f = frame([0, 1]);
  const body = [...axes(f, ticks(0, 1, 5), ticks(0, 1, 5), '1 - specificity', 'sensitivity')];
  body.push(line(sx(f, 0), sy(f, 0), sx(f, 1), sy(f, 1), 'stroke="#999" stroke-dasharray="4 4"'));
  const items: LegendItem[] = [];
  const curves = [
    { name: 'Rad-score', roc: a.curves.roc.radScore, m: a.metrics.radScore, colour: COLOURS[0] },
    { name: 'Nomogram', roc: a.curves.roc.nomogram, m: a.metrics.nomogram, colour: COLOURS[1] },
  ];
  for (const c of curves) {
    for (const set of ['train', 'test'] as const) {
      const roc = c.roc[set];
      const m = c.m[set];
      if (roc === null || m === null) continue;
      const dash = set === 'test' ? '6 3' : '';
      body.push(
        polyline(
          f,
          roc.specificity.map((s) => 1 - s),
          roc.sensitivity,
          c.colour,
          dash,
        ),
      );
      items.push({ label: aucLabel(`${c.name} ${set}`, m), colour: c.colour, dash });
    }
  }
  return withLegend(f, 'ROC curves', body, items);
}

/** Decision curves of the nomogram with treat-all and treat-none. */
export function dcaSvg(a: ModelArtifact): string {
  const sets = (['train', 'test'] as const).flatMap((s) => {
    const d = a.curves.dca[s];
    return d === null ? [] : [{ set: s, d }];
  });
  const top = Math.ceil((Math.max(0.05, ...sets.map(({ d }) => d.treatAll[0] ?? 0)) + 0.05) * 10) / 10;
  const f = frame([-0.1, top]);
  const yTicks = ticks(-0.1, top, Math.round((top + 0.1) * 10));
  const body = [...axes(f, ticks(0, 1, 5), yTicks, 'threshold probability', 'net benefit')];
  body.push(line(sx(f, 0), sy(f, 0), sx(f, 1), sy(f, 0), 'stroke="#000" stroke-width="1"'));
  const clip = (v: number): number => (v < -0.1 ? NaN : v);
  const items: LegendItem[] = [];
  sets.forEach(({ set, d }, k) => {
    const dash = set === 'test' ? '6 3' : '';
    body.push(polyline(f, d.thresholds, d.model.map(clip), COLOURS[k], dash));
    body.push(polyline(f, d.thresholds, d.treatAll.map(clip), '#999', dash));
    items.push(
      { label: `nomogram (${set})`, colour: COLOURS[k], dash },
      { label: `treat all (${set})`, colour: '#999', dash },
    );
  });
  items.push({ label: 'treat none', colour: '#000' });
  return withLegend(f, 'Decision curves', body, items);
}

/** Calibration: observed event rate against mean predicted risk per bin. */
export function calibrationSvg(a: ModelArtifact): string {
  const f = frame([0, 1]);
  const body = [...axes(f, ticks(0, 1, 5), ticks(0, 1, 5), 'predicted risk', 'observed rate')];
  body.push(line(sx(f, 0), sy(f, 0), sx(f, 1), sy(f, 1), 'stroke="#999" stroke-dasharray="4 4"'));
  const items: LegendItem[] = [];
  (['train', 'test'] as const).forEach((set, k) => {
    const pts = a.calibration[set];
    if (pts === null) return;
    const dash = set === 'test' ? '6 3' : '';
    body.push(
      polyline(
        f,
        pts.map((p) => p.meanPredicted),
        pts.map((p) => p.observedRate),
        COLOURS[k],
        dash,
      ),
    );
    for (const p of pts) {
      body.push(
        `<circle cx="${px(sx(f, p.meanPredicted))}" cy="${px(sy(f, p.observedRate))}" r="3" fill="${COLOURS[k]}"/>`,
      );
    }
    const hl = a.metrics.nomogram[set]?.hosmerLemeshow;
    items.push({
      label: `${set}${hl ? ` (Hosmer-Lemeshow p = ${hl.p.toFixed(3)})` : ''}`,
      colour: COLOURS[k],
      dash,
    });
  });
  return withLegend(f, 'Calibration of the nomogram', body, items);
}
