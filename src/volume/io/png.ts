/**
 * PNG writer for 8-bit RGBA rasters (PNG specification, ISO/IEC 15948: signature, IHDR, one zlib-deflated
 * IDAT of unfiltered scanlines, IEND; chunk CRC-32 as in its annex D). Pure: returns the bytes.
 */
import { deflateSync } from 'node:zlib';

/** An 8-bit RGBA raster, row-major from the top-left. */
export interface RgbaRaster {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG bytes of an RGBA raster. */
export function encodePng(r: RgbaRaster): Buffer {
  if (r.rgba.length !== 4 * r.width * r.height) {
    throw new RangeError(
      `an RGBA raster of ${r.width} x ${r.height} needs ${4 * r.width * r.height} bytes, got ${r.rgba.length}`,
    );
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(r.width, 0);
  header.writeUInt32BE(r.height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = 4 * r.width;
  const raw = Buffer.alloc((stride + 1) * r.height);
  for (let y = 0; y < r.height; y++)
    raw.set(r.rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
