import { gunzipSync, gzipSync } from 'node:zlib';
import type { Grid, IndexXYZ, PointLpsMm, Vec3, Volume, Mask } from '../types.ts';
import { toDirection3 } from '../grid.ts';
import type { Raster, ScalarType } from './raster.ts';
import { decodeValues } from './raster.ts';
import { FileFormatError } from '../../errors.ts';

/**
 * NRRD (teem format, NRRD0001..NRRD0005) reader and writer for 2D/3D scalar images with attached data.
 * Geometry: `space directions` columns give direction times spacing and `space origin` the first voxel,
 * converted to LPS from any of the six anatomical spaces. Encodings raw and gzip.
 */

const TYPES: Record<string, ScalarType> = {
  'signed char': 'int8',
  int8: 'int8',
  int8_t: 'int8',
  uchar: 'uint8',
  'unsigned char': 'uint8',
  uint8: 'uint8',
  uint8_t: 'uint8',
  short: 'int16',
  'short int': 'int16',
  'signed short': 'int16',
  'signed short int': 'int16',
  int16: 'int16',
  int16_t: 'int16',
  ushort: 'uint16',
  'unsigned short': 'uint16',
  'unsigned short int': 'uint16',
  uint16: 'uint16',
  uint16_t: 'uint16',
  int: 'int32',
  'signed int': 'int32',
  int32: 'int32',
  int32_t: 'int32',
  uint: 'uint32',
  'unsigned int': 'uint32',
  uint32: 'uint32',
  uint32_t: 'uint32',
  float: 'float32',
  double: 'float64',
};

/** Sign flips that take a space's axes to LPS. */
const SPACE_TO_LPS: Record<string, Vec3> = {
  'left-posterior-superior': [1, 1, 1],
  lps: [1, 1, 1],
  'right-anterior-superior': [-1, -1, 1],
  ras: [-1, -1, 1],
  'left-anterior-superior': [1, -1, 1],
  las: [1, -1, 1],
  'right-posterior-superior': [-1, 1, 1],
  rps: [-1, 1, 1],
};

function parseVector(text: string, field: string): number[] {
  const m = text.trim().match(/^\(([^)]*)\)$/);
  if (!m) throw new FileFormatError(`NRRD field "${field}" is not a vector like (a,b,c): ${text}`);
  return m[1].split(',').map((s) => {
    const v = Number(s.trim());
    if (!Number.isFinite(v))
      throw new FileFormatError(`NRRD field "${field}" has a non-numeric entry: ${text}`);
    return v;
  });
}

/** Parses NRRD bytes into a raster (grid + stored values). */
export function parseNrrd(bytes: Uint8Array, source = 'NRRD file'): Raster {
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (!/^NRRD000[1-5]$/.test(magic))
    throw new FileFormatError(`${source} is not a NRRD file (magic "${magic}")`);
  // The header ends at the first empty line.
  let headerEnd = -1;
  let dataStart = -1;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 10) {
      headerEnd = i;
      dataStart = i + 2;
      break;
    }
    if (bytes[i] === 10 && bytes[i + 1] === 13 && bytes[i + 2] === 10) {
      headerEnd = i;
      dataStart = i + 3;
      break;
    }
  }
  if (headerEnd < 0) throw new FileFormatError(`${source}: the NRRD header has no terminating blank line`);
  const lines = new TextDecoder('latin1').decode(bytes.subarray(0, headerEnd)).split(/\r?\n/).slice(1);
  const fields = new Map<string, string>();
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const kv = line.match(/^([^:]+):=(.*)$/);
    if (kv) continue; // key/value pairs carry no geometry
    const m = line.match(/^([^:]+):\s?(.*)$/);
    if (!m) throw new FileFormatError(`${source}: malformed NRRD header line "${line}"`);
    fields.set(m[1].trim().toLowerCase(), m[2].trim());
  }
  const need = (k: string): string => {
    const v = fields.get(k);
    if (v === undefined)
      throw new FileFormatError(`${source}: the NRRD header lacks the required field "${k}"`);
    return v;
  };
  if (fields.has('data file') || fields.has('datafile')) {
    throw new FileFormatError(
      `${source}: detached NRRD data files are not supported; save the image as a single .nrrd`,
    );
  }
  const type = TYPES[need('type').toLowerCase()];
  if (type === undefined)
    throw new FileFormatError(`${source}: unsupported NRRD type "${fields.get('type')}"`);
  const dimension = Number(need('dimension'));
  if (dimension !== 2 && dimension !== 3) {
    throw new FileFormatError(`${source}: NRRD dimension ${dimension} is not supported (2 or 3 scalar axes)`);
  }
  const sizes = need('sizes').split(/\s+/).map(Number);
  if (sizes.length !== dimension || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new FileFormatError(`${source}: bad NRRD sizes "${fields.get('sizes')}"`);
  }
  const spaceName = (fields.get('space') ?? 'left-posterior-superior').toLowerCase();
  const flip = SPACE_TO_LPS[spaceName];
  if (flip === undefined) throw new FileFormatError(`${source}: NRRD space "${spaceName}" is not supported`);

  // Columns: direction * spacing per index axis, in the file's space.
  const cols: number[][] = [];
  const dirText = fields.get('space directions');
  if (dirText !== undefined) {
    const parts = dirText.match(/\([^)]*\)|none/g) ?? [];
    for (const p of parts) {
      if (p === 'none') continue;
      const v = parseVector(p, 'space directions');
      while (v.length < 3) v.push(0);
      cols.push(v);
    }
  } else {
    const spacings = (fields.get('spacings') ?? '').split(/\s+/).filter(Boolean).map(Number);
    for (let k = 0; k < dimension; k++) {
      const v = [0, 0, 0];
      v[k] = Number.isFinite(spacings[k]) ? spacings[k] : 1;
      cols.push(v);
    }
  }
  if (cols.length !== dimension)
    throw new FileFormatError(
      `${source}: NRRD "space directions" has ${cols.length} vectors for ${dimension} axes`,
    );
  if (dimension === 2) cols.push([0, 0, 1]);
  const origin = fields.has('space origin') ? parseVector(need('space origin'), 'space origin') : [0, 0, 0];
  while (origin.length < 3) origin.push(0);

  const spacing = cols.map((c) => Math.hypot(c[0], c[1], c[2]));
  if (spacing.some((s) => !(s > 0)))
    throw new FileFormatError(`${source}: NRRD "space directions" has a zero-length axis`);
  const d: number[] = new Array<number>(9);
  for (let k = 0; k < 3; k++)
    for (let r = 0; r < 3; r++) d[r * 3 + k] = (flip[r] * cols[k][r]) / spacing[k] || 0; // `|| 0` folds -0 into 0
  const grid: Grid = {
    size: [sizes[0], sizes[1], dimension === 3 ? sizes[2] : 1] as IndexXYZ,
    spacingMm: [spacing[0], spacing[1], spacing[2]],
    originLpsMm: [flip[0] * origin[0] || 0, flip[1] * origin[1] || 0, flip[2] * origin[2] || 0] as PointLpsMm,
    direction: toDirection3(d),
  };

  const encoding = (fields.get('encoding') ?? 'raw').toLowerCase();
  let payload = bytes.subarray(dataStart);
  if (encoding === 'gzip' || encoding === 'gz') {
    try {
      payload = gunzipSync(payload);
    } catch (e) {
      throw new FileFormatError(
        `${source}: the gzip-encoded NRRD data cannot be decompressed (truncated or corrupt file)`,
        { cause: e },
      );
    }
  } else if (encoding !== 'raw') {
    throw new FileFormatError(`${source}: NRRD encoding "${encoding}" is not supported (raw or gzip)`);
  }
  const count = grid.size[0] * grid.size[1] * grid.size[2];
  const little = (fields.get('endian') ?? 'little').toLowerCase() !== 'big';
  return { grid, scalarType: type, data: decodeValues(payload, type, count, little) };
}

/** Writes a Volume (float32 or float64) or a Mask (uint8) as a gzip-encoded NRRD in LPS space. */
export function writeNrrd(image: Volume | Mask): Uint8Array {
  const { grid, data } = image;
  const type = data instanceof Float64Array ? 'double' : data instanceof Float32Array ? 'float' : 'uchar';
  const fmt = (v: number): string => String(v);
  const col = (k: number): string =>
    `(${fmt(grid.direction[k] * grid.spacingMm[k])},${fmt(grid.direction[3 + k] * grid.spacingMm[k])},${fmt(grid.direction[6 + k] * grid.spacingMm[k])})`;
  const header = [
    'NRRD0004',
    '# written by BoneMet Risk',
    `type: ${type}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${grid.size.join(' ')}`,
    `space directions: ${col(0)} ${col(1)} ${col(2)}`,
    'kinds: domain domain domain',
    'endian: little',
    'encoding: gzip',
    `space origin: (${grid.originLpsMm.map(fmt).join(',')})`,
    '',
    '',
  ].join('\n');
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const body = gzipSync(raw, { level: 6 });
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}
