import { Decoder } from 'jpeg-lossless-decoder-js';
import { DicomError } from '../errors.ts';
import type { PixelFormat } from './pixel-data.ts';
import { frameByteLength } from './pixel-data.ts';

/**
 * JPEG Lossless, Non-Hierarchical (ITU-T T.81 process 14; transfer syntaxes 1.2.840.10008.1.2.4.57 and
 * .70, the latter restricted to first-order prediction, selection value 1) through
 * jpeg-lossless-decoder-js. Each decoded sample is a stored value; sign and BitsStored are applied
 * afterwards like for native pixel data.
 */

/**
 * The decoder with predictor 7 as T.81 H.1.2.1 defines it, (Ra + Rb) >> 1 in integers; the package
 * divides without flooring, which corrupts every sample whose neighbours sum to an odd number.
 */
class LosslessDecoder extends Decoder {
  override select7(compOffset?: number): number {
    return (this.getPreviousX(compOffset) + this.getPreviousY(compOffset)) >>> 1;
  }
}

/** Decodes one JPEG lossless frame of a grayscale image to native little-endian bytes of `fmt`. */
export function decodeJpegLosslessFrame(frame: Uint8Array, fmt: PixelFormat, source: string): Uint8Array {
  const bytesPerSample = fmt.bitsAllocated / 8;
  let out: Uint8Array | Uint16Array;
  const decoder = new LosslessDecoder();
  try {
    // The decoder reads from an ArrayBuffer; hand it the frame's own bytes at their offset.
    const buffer = frame.buffer instanceof ArrayBuffer ? frame.buffer : frame.slice().buffer;
    const offset = frame.buffer instanceof ArrayBuffer ? frame.byteOffset : 0;
    out = decoder.decode(buffer, offset, frame.byteLength, bytesPerSample);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DicomError('pixel-decode-failed', `${source}: JPEG lossless decoding failed: ${why}`, {
      cause: e,
    });
  }
  if (decoder.xDim !== fmt.columns || decoder.yDim !== fmt.rows || decoder.numComp !== 1) {
    throw new DicomError(
      'pixel-decode-failed',
      `${source}: the JPEG lossless stream is ${decoder.xDim} x ${decoder.yDim} with ${decoder.numComp} components; the header says ${fmt.columns} x ${fmt.rows} grayscale`,
    );
  }
  const need = frameByteLength(fmt);
  if (out.byteLength < need) {
    throw new DicomError(
      'pixel-decode-failed',
      `${source}: the JPEG lossless decoder returned ${out.byteLength} bytes, ${need} expected`,
    );
  }
  // Words come out in the host's byte order, which is little-endian on every platform Node supports here.
  return new Uint8Array(out.buffer, out.byteOffset, need);
}
