/**
 * A minimal SVG writer for the training report's figures: a linear plot frame mapping data to pixels,
 * axes with ticks, polylines, legends and text. Numbers are written with fixed decimals so the same data
 * always give the same bytes.
 */

/** A plot frame: pixel size, margins and the data ranges shown. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** A colour-blind-safe palette (Okabe-Ito). */
export const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

/** Pixel coordinate with two decimals. */
export const px = (v: number): string => (Math.round(v * 100) / 100).toFixed(2);

/** Escapes text for XML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Data x to pixels. */
export function sx(f: Frame, x: number): number {
  return f.left + ((x - f.x[0]) / (f.x[1] - f.x[0])) * (f.width - f.left - f.right);
}

/** Data y to pixels (up is larger). */
export function sy(f: Frame, y: number): number {
  return f.height - f.bottom - ((y - f.y[0]) / (f.y[1] - f.y[0])) * (f.height - f.top - f.bottom);
}

/** A text element. */
export function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;
}

/** A line in pixel coordinates. */
export function line(x1: number, y1: number, x2: number, y2: number, attrs = 'stroke="#000"'): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" ${attrs}/>`;
}

/** A polyline through data points (non-finite points are skipped). */
export function polyline(
  f: Frame,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  colour: string,
  dash = '',
): string {
  const pts: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) pts.push(`${px(sx(f, xs[i]))},${px(sy(f, ys[i]))}`);
  }
  const d = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<polyline fill="none" stroke="${colour}" stroke-width="2"${d} points="${pts.join(' ')}"/>`;
}

/** Axes with tick labels at the given values and axis titles. */
export function axes(
  f: Frame,
  xTicks: readonly number[],
  yTicks: readonly number[],
  xLabel: string,
  yLabel: string,
): string[] {
  const x0 = f.left;
  const y0 = f.height - f.bottom;
  const out = [line(x0, y0, f.width - f.right, y0), line(x0, y0, x0, f.top)];
  for (const t of xTicks) {
    out.push(line(sx(f, t), y0, sx(f, t), y0 + 5));
    out.push(text(sx(f, t), y0 + 18, t.toFixed(2).replace(/\.?0+$/, '') || '0', 'text-anchor="middle"'));
  }
  for (const t of yTicks) {
    out.push(line(x0 - 5, sy(f, t), x0, sy(f, t)));
    out.push(text(x0 - 8, sy(f, t) + 4, t.toFixed(2).replace(/\.?0+$/, '') || '0', 'text-anchor="end"'));
  }
  out.push(text((x0 + f.width - f.right) / 2, f.height - 8, xLabel, 'text-anchor="middle"'));
  out.push(
    text(
      14,
      (f.top + y0) / 2,
      yLabel,
      `text-anchor="middle" transform="rotate(-90 14 ${px((f.top + y0) / 2)})"`,
    ),
  );
  return out;
}

/** A legend: one coloured line and label per item, from (x, y) downwards. */
export function legend(
  items: readonly { label: string; colour: string; dash?: string }[],
  x: number,
  y: number,
): string[] {
  return items.flatMap((it, i) => [
    line(
      x,
      y + i * 18,
      x + 24,
      y + i * 18,
      `stroke="${it.colour}" stroke-width="2"${it.dash ? ` stroke-dasharray="${it.dash}"` : ''}`,
    ),
    text(x + 30, y + i * 18 + 4, it.label),
  ]);
}

/** A complete SVG document with a title. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    text(width / 2, 20, title, 'text-anchor="middle" font-size="14" font-weight="bold"'),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Evenly spaced ticks from a to b in `n` steps. */
export function ticks(a: number, b: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);
}
