/**
 * Binary morphology and shape measures on one axial plane (a box-local 0/1 image of w x h pixels, x fastest):
 * erosion, dilation and opening by an elliptical disc of physical radius, and the solidity (pixel count over
 * convex-hull area) of a region.
 */

/** A plane of w x h pixels with its pixel spacing (mm). */
export interface Plane {
  readonly w: number;
  readonly h: number;
  readonly sxMm: number;
  readonly syMm: number;
}

/** Offsets (dx, dy) of the disc of radius `radiusMm`: (dx sx)^2 + (dy sy)^2 <= r^2. */
function discOffsets(radiusMm: number, p: Plane): Int32Array {
  const rx = Math.floor(radiusMm / p.sxMm + 1e-9);
  const ry = Math.floor(radiusMm / p.syMm + 1e-9);
  const out: number[] = [];
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      if ((dx * p.sxMm) ** 2 + (dy * p.syMm) ** 2 <= radiusMm * radiusMm + 1e-9) out.push(dx, dy);
    }
  }
  return Int32Array.from(out);
}

function morph(mask: Uint8Array, p: Plane, radiusMm: number, erode: boolean): Uint8Array {
  const off = discOffsets(radiusMm, p);
  const { w, h } = p;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (mask[x + w * y] === 0) continue;
      if (erode) {
        let keep = 1;
        for (let k = 0; k < off.length; k += 2) {
          const xx = x + off[k];
          const yy = y + off[k + 1];
          if (xx < 0 || yy < 0 || xx >= w || yy >= h || mask[xx + w * yy] === 0) {
            keep = 0;
            break;
          }
        }
        out[x + w * y] = keep;
      } else {
        for (let k = 0; k < off.length; k += 2) {
          const xx = x + off[k];
          const yy = y + off[k + 1];
          if (xx >= 0 && yy >= 0 && xx < w && yy < h) out[xx + w * yy] = 1;
        }
      }
    }
  }
  return out;
}

/** Erosion of a 0/1 plane by a disc of `radiusMm` (outside the plane counts as background). */
export function erodePlane(mask: Uint8Array, p: Plane, radiusMm: number): Uint8Array {
  return morph(mask, p, radiusMm, true);
}

/** Dilation of a 0/1 plane by a disc of `radiusMm`. */
export function dilatePlane(mask: Uint8Array, p: Plane, radiusMm: number): Uint8Array {
  return morph(mask, p, radiusMm, false);
}

/**
 * Opening (erosion then dilation) of a 0/1 plane by a disc of `radiusMm`: removes every part the disc cannot
 * reach, i.e. bridges and protrusions narrower than 2 r.
 */
export function openPlane(mask: Uint8Array, p: Plane, radiusMm: number): Uint8Array {
  return dilatePlane(erodePlane(mask, p, radiusMm), p, radiusMm);
}

function cross(o: readonly number[], a: readonly number[], b: readonly number[]): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * Solidity of the non-zero pixels of a plane: count / (A + P / 2 + 1), where A and P are the area and perimeter
 * (in pixels) of the convex hull of the pixel centres (Andrew's monotone chain); the correction makes a convex
 * region score ~1 (Pick's theorem). 1 for an empty or single-row region.
 */
export function planeSolidity(mask: Uint8Array, w: number, h: number): number {
  const pts: number[][] = [];
  // Only the leftmost and rightmost pixel of each row can be hull vertices.
  let count = 0;
  for (let y = 0; y < h; y++) {
    let a = -1;
    let b = -1;
    for (let x = 0; x < w; x++) {
      if (mask[x + w * y] === 0) continue;
      count++;
      if (a < 0) a = x;
      b = x;
    }
    if (a >= 0) pts.push([a, y], [b, y]);
  }
  if (count === 0) return 1;
  pts.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const hull: number[][] = [];
  for (const pass of [pts, [...pts].reverse()]) {
    const start = hull.length;
    for (const pt of pass) {
      while (hull.length >= start + 2 && cross(hull[hull.length - 2], hull[hull.length - 1], pt) <= 0)
        hull.pop();
      hull.push(pt);
    }
    hull.pop();
  }
  let area2 = 0;
  let perimeter = 0;
  for (let k = 0; k < hull.length; k++) {
    const p = hull[k];
    const q = hull[(k + 1) % hull.length];
    area2 += p[0] * q[1] - q[0] * p[1];
    perimeter += Math.hypot(q[0] - p[0], q[1] - p[1]);
  }
  return Math.min(1, count / (Math.abs(area2) / 2 + perimeter / 2 + 1));
}
