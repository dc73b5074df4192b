import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findCanalPath, sliceCandidates } from '../../../src/roi/canal-path.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { AxialFrame } from '../../../src/roi/axial-frame.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { cropVolume } from '../../../src/volume/crop.ts';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { readDicomFolder } from '../../../src/dicom/folder.ts';
import { referencePath } from '../../support/reference.ts';

const SMALL = { size: [256, 256] as const, pixelMm: 1.4 };

function frameOf(v: Volume): AxialFrame {
  const f = axialFrame(v.grid);
  if (typeof f === 'string') throw new Error(f);
  return f;
}

/** The volume moved `dx` pixels towards +x (patient's left), padded with air. */
function shifted(v: Volume, dx: number): Volume {
  const [nx, ny, nz] = v.grid.size;
  const data = new Float32Array(v.data.length).fill(-1000);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x + dx < nx; x++) data[x + dx + nx * (y + ny * z)] = v.data[x + nx * (y + ny * z)];
  return { grid: v.grid, data };
}

describe('findCanalPath', () => {
  const p = makeChestPhantom({ ...SMALL, seed: 1003 });
  const f = frameOf(p.image);

  it('follows the canal through the stack: within 4 mm of its lumen, the vertebral body in front', () => {
    const c = findCanalPath(p.image, f);
    assert.ok(typeof c !== 'string', String(c));
    assert.ok(c.nodes >= 0.7 * f.nz, `${c.nodes} of ${f.nz} slices`);
    const [nx, ny] = p.image.grid.size;
    for (let z = 0; z < f.nz; z++) {
      if (c.found[z] === 0) continue;
      const x = Math.round(c.x[z]);
      const y = Math.round(c.y[z]);
      // The canal's lumen (< 120 HU) within 4 mm (3 pixels) of the path: the path runs in the canal.
      let lumen = false;
      for (let j = -3; j <= 3; j++)
        for (let i = -3; i <= 3; i++) if (p.image.data[x + i + nx * (y + j + ny * z)] < 120) lumen = true;
      assert.ok(lumen, `slice ${z}: no canal lumen near the path`);
      // The body's marrow (> 110 HU) lies 10..35 mm in front (y decreases anteriorly on this grid).
      let body = 0;
      for (let mm = 10; mm <= 35; mm += 1.4)
        if (p.image.data[x + nx * (Math.round(y - mm / 1.4) + ny * z)] > 110) body++;
      assert.ok(body >= 8, `slice ${z}: ${body} body samples in front`);
    }
  });

  it('moves with the patient: a body 28 mm off-centre gives a path 20 pixels over', () => {
    const a = findCanalPath(p.image, f);
    const b = findCanalPath(shifted(p.image, 20), f);
    assert.ok(typeof a !== 'string' && typeof b !== 'string');
    const moves: number[] = [];
    for (let z = 0; z < f.nz; z++) moves.push(b.x[z] - a.x[z]);
    moves.sort((m, n) => m - n);
    assert.ok(Math.abs(moves[moves.length >> 1] - 20) <= 2, `median move ${moves[moves.length >> 1]}`);
  });

  it('gives a no-spine reason when no slice has a canal ringed by bone', () => {
    const grid = makeGrid([64, 64, 8], [1.4, 1.4, 5]);
    const soft = { grid, data: new Float32Array(64 * 64 * 8).fill(40) };
    assert.match(String(findCanalPath(soft, frameOf(soft))), /no spine in view/);
  });
});

describe('findCanalPath on a real chest cut in front of the spine', () => {
  it('finds no spine, and findMarrowRoi gives no ROI with the no-spine code', async () => {
    const { volume } = await readDicomFolder(referencePath('realct', 'lungdx-a0002-chest'));
    const [nx, , nz] = volume.grid.size;
    // Rows 0..260 of 512 (0.65 mm pixels): the chest in front of the vertebral bodies (which start near row 300).
    const front = cropVolume(volume, { lo: [0, 0, 0], hi: [nx - 1, 260, nz - 1] });
    const r = findMarrowRoi(front);
    assert.equal(r.mask, undefined);
    assert.deepEqual(
      r.qc.findings.map((f) => [f.code, f.severity]),
      // B70f at 8 mm: ~32 HU of pixel noise, so the search reads a smoothed copy and says so.
      [
        ['image-smoothed', 'info'],
        ['no-spine', 'error'],
      ],
    );
  });
});

describe('sliceCandidates', () => {
  it('finds a soft-tissue hole ringed by bone with a body in front, and nothing in plain soft tissue', () => {
    const n = 96;
    const grid = makeGrid([n, n, 1], [1, 1, 5]);
    const data = new Float32Array(n * n).fill(40);
    // A canal of radius 8 mm at (48, 60) in a 3 mm ring of 700 HU bone, a 30 mm body of 250 HU in front.
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const r = Math.hypot(x - 48, y - 60);
        if (r >= 8 && r <= 11) data[x + n * y] = 700;
        if (Math.abs(x - 48) <= 15 && y >= 22 && y <= 50) data[x + n * y] = 250;
      }
    const volume = { grid, data };
    const c = sliceCandidates(volume, frameOf(volume), 0);
    assert.ok(c.length >= 1);
    // Inside the canal (radius 8 mm), on the ~2 mm candidate grid.
    assert.ok(Math.hypot(c[0].x - 48, c[0].y - 60) < 8, `best at ${c[0].x}, ${c[0].y}`);
    assert.deepEqual(
      sliceCandidates({ grid, data: new Float32Array(n * n).fill(40) }, frameOf(volume), 0),
      [],
    );
  });
});
