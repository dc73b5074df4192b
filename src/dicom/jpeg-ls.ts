import charlsFactory from '@cornerstonejs/codec-charls/wasmjs';
import type { CharlsModule } from '@cornerstonejs/codec-charls/wasmjs';
import { DicomError } from '../errors.ts';
import type { PixelFormat } from './pixel-data.ts';
import { frameByteLength } from './pixel-data.ts';

/**
 * JPEG-LS frames (transfer syntaxes 1.2.840.10008.1.2.4.80 lossless and .81 near-lossless, ISO/IEC 14495-1)
 * through the CharLS WebAssembly codec. The module is instantiated once, on first use. The decoded
 * samples are the stored values as little-endian words; sign and BitsStored are applied afterwards like
 * for native pixel data.
 */

let modulePromise: Promise<CharlsModule> | undefined;

function charls(): Promise<CharlsModule> {
  modulePromise ??= charlsFactory({ print: () => undefined, printErr: () => undefined });
  return modulePromise;
}

/** Decodes one JPEG-LS codestream of a grayscale frame to native little-endian bytes of `fmt`. */
export async function decodeJpegLsFrame(
  frame: Uint8Array,
  fmt: PixelFormat,
  source: string,
): Promise<Uint8Array> {
  const lib = await charls();
  const decoder = new lib.JpegLSDecoder();
  try {
    decoder.getEncodedBuffer(frame.byteLength).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width !== fmt.columns || info.height !== fmt.rows || info.componentCount !== 1) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the JPEG-LS codestream is ${info.width} x ${info.height} with ${info.componentCount} components; the header says ${fmt.columns} x ${fmt.rows} grayscale`,
      );
    }
    if ((info.bitsPerSample > 8 ? 16 : 8) !== fmt.bitsAllocated) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the JPEG-LS codestream has ${info.bitsPerSample}-bit samples; the header says BitsAllocated ${fmt.bitsAllocated}`,
      );
    }
    const decoded = decoder.getDecodedBuffer();
    const need = frameByteLength(fmt);
    if (decoded.byteLength < need) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the JPEG-LS decoder returned ${decoded.byteLength} bytes, ${need} expected`,
      );
    }
    return new Uint8Array(decoded.buffer, decoded.byteOffset, need).slice();
  } catch (e) {
    if (e instanceof DicomError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new DicomError('pixel-decode-failed', `${source}: JPEG-LS decoding failed: ${why}`, { cause: e });
  } finally {
    decoder.delete();
  }
}

/** Encodes a native little-endian grayscale frame as a lossless JPEG-LS codestream (NEAR = 0). */
export async function encodeJpegLsLossless(native: Uint8Array, fmt: PixelFormat): Promise<Uint8Array> {
  const lib = await charls();
  const encoder = new lib.JpegLSEncoder();
  try {
    const input = encoder.getDecodedBuffer({
      width: fmt.columns,
      height: fmt.rows,
      bitsPerSample: fmt.bitsStored,
      componentCount: 1,
      isSigned: fmt.pixelRepresentation === 1,
    });
    input.set(native.subarray(0, frameByteLength(fmt)));
    encoder.setNearLossless(0);
    encoder.encode();
    const out = encoder.getEncodedBuffer();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
  } finally {
    encoder.delete();
  }
}
