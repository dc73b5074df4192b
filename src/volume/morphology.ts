import type { Grid, IndexXYZ, Vec3 } from './types.ts';

/**
 * Offsets of an ellipsoidal structuring element of physical radius `radiusMm` on a grid with `spacingMm`:
 * every (dx, dy, dz) with sum((d * spacing / r)^2) <= 1. A radius below one voxel on an axis gives no
 * reach on that axis.
 */
export function ballOffsets(radiusMm: number, spacingMm: Vec3): IndexXYZ[] {
  const reachOf = (s: number): number => Math.floor(radiusMm / s + 1e-9);
  const reach: IndexXYZ = [reachOf(spacingMm[0]), reachOf(spacingMm[1]), reachOf(spacingMm[2])];
  const out: IndexXYZ[] = [];
  for (let dz = -reach[2]; dz <= reach[2]; dz++) {
    for (let dy = -reach[1]; dy <= reach[1]; dy++) {
      for (let dx = -reach[0]; dx <= reach[0]; dx++) {
        const r2 = (dx * spacingMm[0]) ** 2 + (dy * spacingMm[1]) ** 2 + (dz * spacingMm[2]) ** 2;
        if (r2 <= radiusMm * radiusMm + 1e-9) out.push([dx, dy, dz]);
      }
    }
  }
  return out;
}

function morph(mask: Uint8Array, grid: Grid, offsets: readonly IndexXYZ[], erode: boolean): Uint8Array {
  const [nx, ny, nz] = grid.size;
  const out = new Uint8Array(mask.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        if (erode) {
          if (mask[i] === 0) continue;
          let keep = 1;
          for (const [dx, dy, dz] of offsets) {
            const xx = x + dx,
              yy = y + dy,
              zz = z + dz;
            // Outside the grid counts as background, so the ROI erodes from the image border too.
            if (
              xx < 0 ||
              yy < 0 ||
              zz < 0 ||
              xx >= nx ||
              yy >= ny ||
              zz >= nz ||
              mask[xx + nx * (yy + ny * zz)] === 0
            ) {
              keep = 0;
              break;
            }
          }
          out[i] = keep;
        } else {
          if (mask[i] === 0) continue;
          for (const [dx, dy, dz] of offsets) {
            const xx = x + dx,
              yy = y + dy,
              zz = z + dz;
            if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
            out[xx + nx * (yy + ny * zz)] = 1;
          }
        }
      }
    }
  }
  return out;
}

/** Binary erosion (non-zero = foreground) by a ball of `radiusMm`; returns 0/1. */
export function erode(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return morph(mask, grid, ballOffsets(radiusMm, grid.spacingMm), true);
}

/** Binary dilation (non-zero = foreground) by a ball of `radiusMm`; returns 0/1. */
export function dilate(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return morph(mask, grid, ballOffsets(radiusMm, grid.spacingMm), false);
}
