import { DicomError } from '../errors.ts';
import type { PixelFormat } from './pixel-data.ts';
import { frameByteLength } from './pixel-data.ts';

/**
 * DICOM RLE Lossless (PS3.5 annex G). A frame is a 64-byte header (segment count, then up to 15 segment
 * offsets, little-endian uint32) followed by byte segments, one per byte plane of each sample, most
 * significant plane first. Each segment is PackBits-coded: a control byte n in 0..127 copies the next
 * n + 1 bytes, -127..-1 repeats the next byte 1 - n times, -128 is skipped.
 */

/** Decodes one RLE frame of a grayscale image to native little-endian bytes. */
export function decodeRleFrame(frame: Uint8Array, fmt: PixelFormat, source: string): Uint8Array {
  const bytesPerSample = fmt.bitsAllocated / 8;
  const pixels = fmt.rows * fmt.columns;
  const out = new Uint8Array(frameByteLength(fmt));
  const fail = (why: string): never => {
    throw new DicomError('pixel-decode-failed', `${source}: RLE frame cannot be decoded: ${why}`);
  };
  if (frame.byteLength < 64) fail(`the frame has ${frame.byteLength} bytes, less than the 64-byte header`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== bytesPerSample) {
    fail(`${segments} segments for ${fmt.bitsAllocated}-bit grayscale pixels (${bytesPerSample} expected)`);
  }
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.byteLength;
    if (start < 64 || end > frame.byteLength || end < start) fail(`segment ${s + 1} lies outside the frame`);
    // Segment s holds byte plane (bytesPerSample - 1 - s) of each pixel: most significant first.
    const plane = bytesPerSample - 1 - s;
    let o = 0;
    let p = start;
    while (o < pixels && p < end) {
      const n = (frame[p++] << 24) >> 24;
      if (n >= 0) {
        const count = n + 1;
        if (p + count > end || o + count > pixels) fail(`a literal run overflows segment ${s + 1}`);
        for (let k = 0; k < count; k++) out[(o + k) * bytesPerSample + plane] = frame[p + k];
        p += count;
        o += count;
      } else if (n !== -128) {
        const count = 1 - n;
        if (p >= end || o + count > pixels) fail(`a replicate run overflows segment ${s + 1}`);
        const b = frame[p++];
        for (let k = 0; k < count; k++) out[(o + k) * bytesPerSample + plane] = b;
        o += count;
      }
    }
    if (o < pixels) fail(`segment ${s + 1} decodes to ${o} of ${pixels} pixels`);
  }
  return out;
}

function packBits(plane: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  const n = plane.length;
  while (i < n) {
    // A run of at least 3 equal bytes is worth a replicate run.
    let run = 1;
    while (i + run < n && run < 128 && plane[i + run] === plane[i]) run++;
    if (run >= 3) {
      out.push((1 - run) & 0xff, plane[i]);
      i += run;
      continue;
    }
    const litStart = i;
    let lit = 0;
    while (i < n && lit < 128) {
      if (i + 2 < n && plane[i] === plane[i + 1] && plane[i] === plane[i + 2]) break;
      i++;
      lit++;
    }
    out.push(lit - 1);
    for (let k = 0; k < lit; k++) out.push(plane[litStart + k]);
  }
  if (out.length % 2 === 1) out.push(0x80); // pad the segment to even length with a no-op
  return Uint8Array.from(out);
}

/** Encodes one native little-endian grayscale frame as an RLE Lossless frame (the inverse of {@link decodeRleFrame}). */
export function encodeRleFrame(native: Uint8Array, fmt: PixelFormat): Uint8Array {
  const bytesPerSample = fmt.bitsAllocated / 8;
  const pixels = fmt.rows * fmt.columns;
  const segments: Uint8Array[] = [];
  for (let s = 0; s < bytesPerSample; s++) {
    const planeIndex = bytesPerSample - 1 - s;
    const plane = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) plane[i] = native[i * bytesPerSample + planeIndex];
    segments.push(packBits(plane));
  }
  const total = 64 + segments.reduce((a, b) => a + b.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((seg, s) => {
    view.setUint32(4 + 4 * s, offset, true);
    out.set(seg, offset);
    offset += seg.byteLength;
  });
  return out;
}
