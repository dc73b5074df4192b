/**
 * The spinal canal's centreline through the whole stack (DESIGN section 6, step 1). The canal is a tube of
 * soft tissue (cerebrospinal fluid and cord, about 0..60 HU) ringed by bone: the vertebral body in front, the
 * pedicles beside it and the laminae behind, with the body's thick bone in front of it. Candidates are found on
 * each slice (a coarse ~2 mm grid) and linked by one minimal-cost path through the stack (dynamic programming:
 * a reward per candidate, a cost for each mm of movement between slices beyond what kyphosis and scoliosis
 * allow, and a cost for each slice bridged without a candidate), so a curved or off-centre spine is followed and
 * a contrast-filled aorta (no soft-tissue core, no ring of bone) is not.
 */
import type { Volume } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';

/** Soft-tissue window of the canal's contents (HU), on a 3x3 mean. */
const CANAL_HU: readonly [number, number] = [-30, 100];
/** Bone on a ray (HU): cortex and dense cancellous bone, above soft tissue, contrast-free blood and noise. */
const BONE_HU = 220;
/** A ray from the canal's centre reaches bone within this distance (mm): the canal is ~15-25 mm wide. */
const RAY_MM = 16;
/** Directions of the rays (8, 45 degrees apart); at least this many must reach bone. */
const MIN_RAYS = 5;
/**
 * In front of the canal, the next 20 mm past the first bone must average above this (HU): the vertebral body,
 * whose marrow (fatty in the elderly, ~60..150 HU) and trabeculae stay above muscle and unenhanced blood.
 */
const BODY_MEAN_HU = 90;
/**
 * Penalty (in rays) for a candidate at the body's lateral edge, growing with the square of its distance from
 * the midline: the canal is within a few cm of the midline even in scoliosis, a humerus's marrow cavity (also a
 * soft-tissue tube ringed by bone) lies at the edge.
 */
const MIDLINE_WEIGHT = 3;
/** Side of the blocks (mm) whose mean HU the search reads: a sharp kernel's pixel noise averaged away. */
const BLOCK_MM = 2;
/** The canal is searched within this share of the body's half-width from its midline. */
const SEARCH_HALF_WIDTH = 0.5;
/** Candidates kept per slice. */
const PER_SLICE = 6;
/** Free movement of the canal between slices (mm) plus this share of the slice spacing (kyphosis up to ~35 deg). */
const FREE_STEP_MM = 2;
const STEP_SLOPE = 0.7;
/** Cost of a slice bridged without a candidate, in units of one ray. */
const GAP_COST = 1.5;
/** Half-length (mm) of the running mean that smooths the path. */
const SMOOTH_MM = 8;
/** Longest bridge between two candidates (mm along z): a disc and a broken ring. */
const MAX_GAP_MM = 30;

/** The canal centreline: per slice, the canal centre (index units) and whether a candidate was found there. */
export interface CanalPath {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** 1 on slices whose canal centre is a candidate on the path, 0 where it is interpolated or extrapolated. */
  readonly found: Uint8Array;
  /** Number of slices on the path with a candidate. */
  readonly nodes: number;
}

interface Candidate {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

const DIRS: readonly (readonly [number, number])[] = [
  [1, 0],
  [Math.SQRT1_2, Math.SQRT1_2],
  [0, 1],
  [-Math.SQRT1_2, Math.SQRT1_2],
  [-1, 0],
  [-Math.SQRT1_2, -Math.SQRT1_2],
  [0, -1],
  [Math.SQRT1_2, -Math.SQRT1_2],
];

/** Block means of slice z over b x b pixels (~2 mm): the noise of a sharp kernel averaged away. */
function blockSlice(volume: Volume, f: AxialFrame, z: number, b: number, region: BlockRegion): Float32Array {
  const { nx, ny } = f;
  const { w, h, i0, i1, j0, j1 } = region;
  const out = new Float32Array(w * h).fill(-1000);
  const d = volume.data;
  const off = nx * ny * z;
  const rowSum = new Float64Array(w);
  for (let j = j0; j <= j1; j++) {
    rowSum.fill(0);
    const yEnd = Math.min(ny, (j + 1) * b);
    for (let y = j * b; y < yEnd; y++) {
      const row = off + nx * y;
      for (let i = i0; i <= i1; i++) {
        const xEnd = Math.min(nx, (i + 1) * b);
        let s = 0;
        for (let x = i * b; x < xEnd; x++) s += d[row + x];
        rowSum[i] += s;
      }
    }
    for (let i = i0; i <= i1; i++) {
      const n = (Math.min(ny, (j + 1) * b) - j * b) * (Math.min(nx, (i + 1) * b) - i * b);
      out[i + w * j] = rowSum[i] / n;
    }
  }
  return out;
}

/** Blocks [i0, i1] x [j0, j1] of a w x h block grid. */
interface BlockRegion {
  readonly w: number;
  readonly h: number;
  readonly i0: number;
  readonly i1: number;
  readonly j0: number;
  readonly j1: number;
}

/** The body's extent on slice z (pixels above -300 HU, sampled every 4th pixel), or null when there is none. */
function bodyExtent(volume: Volume, f: AxialFrame, z: number): [number, number, number, number] | null {
  const { nx, ny } = f;
  let x0 = nx;
  let x1 = -1;
  let y0 = ny;
  let y1 = -1;
  const off = nx * ny * z;
  for (let y = 0; y < ny; y += 4) {
    for (let x = 0; x < nx; x += 4) {
      if (volume.data[off + x + nx * y] <= -300) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : [x0, x1, y0, y1];
}

/**
 * Canal candidates of slice z, best first, in index units: soft tissue ringed by bone with a vertebral body in
 * front, on ~2 mm block means.
 */
export function sliceCandidates(volume: Volume, f: AxialFrame, z: number): Candidate[] {
  const { sxMm, syMm } = f;
  const b = Math.max(1, Math.round(BLOCK_MM / sxMm));
  const w = Math.ceil(f.nx / b);
  const h = Math.ceil(f.ny / b);
  // The body's extent on this slice: the canal lies near its left-right midline (arms lie outside), anywhere
  // front to back (a table behind the patient moves the body's extent); block means are needed there, and up to
  // 40 mm in front (the vertebral body) and 20 mm around.
  const ext = bodyExtent(volume, f, z);
  if (ext === null) return [];
  const mid = (ext[0] + ext[1]) / 2 / b;
  const half = Math.max(1, (ext[1] - ext[0]) / 2 / b);
  const ya = Math.max(1, Math.floor(ext[2] / b));
  const yb = Math.min(h - 2, Math.ceil(ext[3] / b));
  const xa = Math.max(1, Math.floor(mid - half * SEARCH_HALF_WIDTH));
  const xb = Math.min(w - 2, Math.ceil(mid + half * SEARCH_HALF_WIDTH));
  const by = b * syMm;
  const bx = b * sxMm;
  const front = Math.ceil(40 / by);
  const side = Math.ceil(20 / bx);
  const back = Math.ceil(20 / by);
  const region: BlockRegion = {
    w,
    h,
    i0: Math.max(0, xa - side),
    i1: Math.min(w - 1, xb + side),
    j0: Math.max(0, f.posteriorSign > 0 ? ya - front : ya - back),
    j1: Math.min(h - 1, f.posteriorSign > 0 ? yb + back : yb + front),
  };
  const m = blockSlice(volume, f, z, b, region);
  const at = (x: number, y: number): number => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    return xi < 0 || yi < 0 || xi >= w || yi >= h ? -1000 : m[xi + w * yi];
  };
  const ay = -f.posteriorSign;
  const out: Candidate[] = [];
  for (let y = ya; y <= yb; y++) {
    for (let x = xa; x <= xb; x++) {
      const v = m[x + w * y];
      if (v < CANAL_HU[0] || v > CANAL_HU[1]) continue;
      // The vertebral body in front: a long run of bone within 20 mm of the first bone met going anterior.
      let first = -1;
      for (let t = 1; t * by <= RAY_MM && first < 0; t++) if (at(x, y + ay * t) > BONE_HU) first = t;
      if (first < 0) continue;
      let sum = 0;
      let n = 0;
      for (let t = first; (t - first) * by < 20; t++, n++) sum += at(x, y + ay * t);
      if (sum / n < BODY_MEAN_HU) continue;
      let rays = 0;
      let reach = 0;
      for (const [dx, dy] of DIRS) {
        const stepMm = Math.hypot(dx * bx, dy * by);
        for (let t = 1; t * stepMm <= RAY_MM; t++) {
          if (at(x + dx * t, y + dy * t) > BONE_HU) {
            rays++;
            reach += t * stepMm;
            break;
          }
        }
      }
      if (rays < MIN_RAYS) continue;
      // Closer bone all round is a tighter ring: a small bonus keeps the centre of the canal.
      const off = (x - mid) / half;
      const score = rays + 1 - reach / (rays * RAY_MM) - MIDLINE_WEIGHT * off * off;
      out.push({ z, x: (x + 0.5) * b - 0.5, y: (y + 0.5) * b - 0.5, score });
    }
  }
  out.sort((p, q) => q.score - p.score);
  // Keep distinct places: a candidate within 6 mm of a better one is the same canal.
  const kept: Candidate[] = [];
  for (const c of out) {
    if (kept.length >= PER_SLICE) break;
    if (kept.every((k) => Math.hypot((k.x - c.x) * sxMm, (k.y - c.y) * syMm) > 6)) kept.push(c);
  }
  return kept;
}

/**
 * The canal's centreline, or a reason there is none: the candidates of every slice linked by the best path
 * (reward: each candidate's score less 4, so only ring-like candidates add; cost: squared movement beyond
 * 2 mm + 0.7 x the slice spacing, and 1.5 per bridged slice, bridges up to 30 mm). Slices off the path take
 * the centre linearly interpolated between path nodes, or the nearest end's.
 */
export function findCanalPath(volume: Volume, f: AxialFrame): CanalPath | string {
  const { nz, sxMm, syMm, szMm } = f;
  const cands: Candidate[][] = [];
  for (let z = 0; z < nz; z++) cands.push(sliceCandidates(volume, f, z));
  const all = cands.flat();
  if (all.length === 0) return 'no spine in view (no spinal canal ringed by bone on any slice)';
  const maxGap = Math.max(1, Math.round(MAX_GAP_MM / szMm));
  const free = FREE_STEP_MM + STEP_SLOPE * szMm;
  const best = new Map<Candidate, number>();
  const prev = new Map<Candidate, Candidate | null>();
  let top: Candidate | null = null;
  let topValue = -Infinity;
  for (let z = 0; z < nz; z++) {
    for (const c of cands[z]) {
      let value = c.score - 4;
      let from: Candidate | null = null;
      for (let g = 1; g <= maxGap && z - g >= 0; g++) {
        for (const p of cands[z - g]) {
          const move = Math.hypot((c.x - p.x) * sxMm, (c.y - p.y) * syMm);
          const excess = Math.max(0, move - free * g) / free;
          const v = (best.get(p) ?? 0) + c.score - 4 - excess * excess * 4 - GAP_COST * (g - 1);
          if (v > value) {
            value = v;
            from = p;
          }
        }
      }
      best.set(c, value);
      prev.set(c, from);
      if (value > topValue) {
        topValue = value;
        top = c;
      }
    }
  }
  const nodes: Candidate[] = [];
  for (let c: Candidate | null = top; c !== null; c = prev.get(c) ?? null) nodes.push(c);
  nodes.reverse();
  if (nodes.length < 3) return 'no spine in view (no spinal canal followed over three slices)';
  const x = new Float64Array(nz);
  const y = new Float64Array(nz);
  const found = new Uint8Array(nz);
  for (const n of nodes) found[n.z] = 1;
  let j = 0;
  for (let z = 0; z < nz; z++) {
    while (j < nodes.length - 1 && nodes[j + 1].z <= z) j++;
    const a = nodes[j];
    const b = nodes[Math.min(j + 1, nodes.length - 1)];
    if (z <= nodes[0].z || z >= nodes[nodes.length - 1].z || a === b) {
      const e = z <= nodes[0].z ? nodes[0] : z >= nodes[nodes.length - 1].z ? nodes[nodes.length - 1] : a;
      x[z] = e.x;
      y[z] = e.y;
    } else {
      const t = (z - a.z) / (b.z - a.z);
      x[z] = a.x + t * (b.x - a.x);
      y[z] = a.y + t * (b.y - a.y);
    }
  }
  return { x: smooth(x, f), y: smooth(y, f), found, nodes: nodes.length };
}

/** Running mean over +-SMOOTH_MM along z: the canal bends over centimetres, candidates jitter by millimetres. */
function smooth(a: Float64Array, f: AxialFrame): Float64Array {
  const half = Math.max(1, Math.round(SMOOTH_MM / f.szMm));
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, k - half); j <= Math.min(a.length - 1, k + half); j++, n++) sum += a[j];
    out[k] = sum / n;
  }
  return out;
}
