/**
 * A small RGBA raster for the ROI's debug picture: filled pixels, dotted lines and 3x5 bitmap text (level names
 * and cue letters), in pure code so the picture can be made anywhere and encoded at the edge.
 */

/** An RGB colour, 0..255 each. */
export type Rgb = readonly [number, number, number];

/** An RGBA image, rows top to bottom, 4 bytes a pixel. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

// 3x5 glyphs (rows top to bottom, 3 bits each, most significant bit on the left).
const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  A: [2, 5, 7, 5, 5],
  C: [7, 4, 4, 4, 7],
  K: [5, 5, 6, 5, 5],
  L: [4, 4, 4, 4, 7],
  R: [6, 5, 6, 5, 5],
  S: [7, 4, 7, 1, 7],
  T: [7, 2, 2, 2, 2],
  '?': [7, 1, 3, 0, 2],
};

/** A black raster of the given size (opaque). */
export function makeRaster(width: number, height: number): Raster {
  const rgba = new Uint8Array(4 * width * height);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return { width, height, rgba };
}

/** Sets pixel (x, y) to `rgb`; outside the raster it does nothing. */
export function putPixel(r: Raster, x: number, y: number, rgb: Rgb): void {
  if (x < 0 || y < 0 || x >= r.width || y >= r.height) return;
  const o = 4 * (Math.round(x) + r.width * Math.round(y));
  r.rgba[o] = rgb[0];
  r.rgba[o + 1] = rgb[1];
  r.rgba[o + 2] = rgb[2];
}

/** The RGB of pixel (x, y). */
export function pixelAt(r: Raster, x: number, y: number): Rgb {
  const o = 4 * (x + r.width * y);
  return [r.rgba[o], r.rgba[o + 1], r.rgba[o + 2]];
}

/** A horizontal dotted line on row y from x0 to x1 (every other pixel). */
export function dottedRow(r: Raster, y: number, x0: number, x1: number, rgb: Rgb): void {
  for (let x = x0; x <= x1; x += 2) putPixel(r, x, y, rgb);
}

/**
 * Writes `text` with its top-left corner at (x, y), each glyph pixel `scale` x `scale`, 4 x scale apart;
 * unknown characters are drawn as '?'. Returns the width drawn (pixels).
 */
export function drawText(r: Raster, text: string, x: number, y: number, rgb: Rgb, scale = 2): number {
  [...text.toUpperCase()].forEach((ch, i) => {
    const glyph = GLYPHS[ch] ?? GLYPHS['?'];
    glyph.forEach((bits, gy) => {
      for (let gx = 0; gx < 3; gx++) {
        if ((bits & (4 >> gx)) === 0) continue;
        for (let a = 0; a < scale; a++)
          for (let b = 0; b < scale; b++) putPixel(r, x + (4 * i + gx) * scale + a, y + gy * scale + b, rgb);
      }
    });
  });
  return text.length * 4 * scale;
}

/** Raster `r` enlarged by an integer factor (nearest neighbour). */
export function zoomRaster(r: Raster, factor: number): Raster {
  const out = makeRaster(r.width * factor, r.height * factor);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const i = 4 * (Math.floor(x / factor) + r.width * Math.floor(y / factor));
      const o = 4 * (x + out.width * y);
      out.rgba[o] = r.rgba[i];
      out.rgba[o + 1] = r.rgba[i + 1];
      out.rgba[o + 2] = r.rgba[i + 2];
    }
  }
  return out;
}
