import type { IndexXYZ } from './types.ts';

/** Neighbourhood for connectivity: 6 (faces), 18 (faces + edges) or 26 (faces + edges + corners); 4/8 in 2D. */
export type Connectivity = 6 | 18 | 26;

/** The neighbour offsets [dx, dy, dz] of a connectivity (centre excluded); in a 2D grid (nz = 1) z-offsets are dropped. */
export function neighbourOffsets(connectivity: Connectivity, is2D = false): IndexXYZ[] {
  const out: IndexXYZ[] = [];
  for (let dz = -1; dz <= 1; dz++) {
    if (is2D && dz !== 0) continue;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const order = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (order === 0) continue;
        if (connectivity === 6 && order > 1) continue;
        if (connectivity === 18 && order > 2) continue;
        out.push([dx, dy, dz]);
      }
    }
  }
  return out;
}

/** Result of {@link labelComponents}: a label per voxel (0 = background) and each component's size. */
export interface Components {
  readonly labels: Int32Array;
  /** sizes[k - 1] = number of voxels of component k. */
  readonly sizes: number[];
}

/**
 * Connected-component labelling of the voxels where `foreground[i] !== 0`, by breadth-first flood fill.
 * Components are numbered 1.. in order of their first voxel in linear-index order.
 */
export function labelComponents(
  foreground: ArrayLike<number>,
  size: IndexXYZ,
  connectivity: Connectivity = 26,
): Components {
  const [nx, ny, nz] = size;
  const n = nx * ny * nz;
  const labels = new Int32Array(n);
  const offsets = neighbourOffsets(connectivity, nz === 1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  let next = 0;
  for (let start = 0; start < n; start++) {
    if (foreground[start] === 0 || labels[start] !== 0) continue;
    next++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = next;
    while (head < tail) {
      const v = queue[head++];
      const x = v % nx;
      const y = ((v - x) / nx) % ny;
      const z = (v - x - nx * y) / (nx * ny);
      for (const [dx, dy, dz] of offsets) {
        const xx = x + dx,
          yy = y + dy,
          zz = z + dz;
        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
        const w = xx + nx * (yy + ny * zz);
        if (foreground[w] !== 0 && labels[w] === 0) {
          labels[w] = next;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes };
}

/** Keeps only the largest connected component (ties: the first); returns a 0/1 array. */
export function largestComponent(
  foreground: ArrayLike<number>,
  size: IndexXYZ,
  connectivity: Connectivity = 26,
): Uint8Array {
  const { labels, sizes } = labelComponents(foreground, size, connectivity);
  const out = new Uint8Array(labels.length);
  if (sizes.length === 0) return out;
  let best = 0;
  for (let k = 1; k < sizes.length; k++) if (sizes[k] > sizes[best]) best = k;
  const keep = best + 1;
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] === keep ? 1 : 0;
  return out;
}
