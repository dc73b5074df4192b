/**
 * `GET /api/roi-preview/<analysis id>.png`: the ROI on its CT slice, for the app and for anyone checking a card,
 * rendered from the analysis result's preview: bone window (level 300 HU, width 1500 HU), the ROI tinted red
 * with a yellow outline, enlarged three times. The id is the analysis's 128-bit id, known only to those shown
 * the result.
 */
import { encodePng } from '../../src/index.ts';
import type { RoiPreview } from '../../src/index.ts';

const LEVEL = 300;
const WIDTH = 1500;
const SCALE = 3;

/** The preview as PNG bytes. */
export function renderRoiPreview(p: RoiPreview): Buffer {
  const w = p.width * SCALE;
  const h = p.height * SCALE;
  const rgba = new Uint8Array(4 * w * h);
  const inside = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < p.width && y < p.height && p.mask[y * p.width + x] === 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.floor(x / SCALE);
      const sy = Math.floor(y / SCALE);
      const g = Math.max(
        0,
        Math.min(255, Math.round(((p.hu[sy * p.width + sx] - (LEVEL - WIDTH / 2)) / WIDTH) * 255)),
      );
      let r = g;
      let gr = g;
      let b = g;
      if (inside(sx, sy)) {
        const edge = !inside(sx - 1, sy) || !inside(sx + 1, sy) || !inside(sx, sy - 1) || !inside(sx, sy + 1);
        if (edge) [r, gr, b] = [255, 220, 0];
        else [r, gr, b] = [Math.round(g * 0.6 + 255 * 0.4), Math.round(g * 0.6), Math.round(g * 0.6)];
      }
      const o = 4 * (y * w + x);
      rgba[o] = r;
      rgba[o + 1] = gr;
      rgba[o + 2] = b;
      rgba[o + 3] = 255;
    }
  }
  return encodePng({ width: w, height: h, rgba });
}
