import openJpegFactory from '@cornerstonejs/codec-openjpeg/wasmjs';
import type { OpenJpegModule } from '@cornerstonejs/codec-openjpeg/wasmjs';
import { DicomError } from '../errors.ts';
import type { PixelFormat } from './pixel-data.ts';
import { frameByteLength } from './pixel-data.ts';

/**
 * JPEG 2000 frames (transfer syntaxes 1.2.840.10008.1.2.4.90/.91) through the OpenJPEG WebAssembly codec.
 * The module is instantiated once, on first use. The codec writes progress lines to stdout; they are
 * silenced by handing it no-op print functions.
 */

let modulePromise: Promise<OpenJpegModule> | undefined;

function openJpeg(): Promise<OpenJpegModule> {
  modulePromise ??= openJpegFactory({ print: () => undefined, printErr: () => undefined });
  return modulePromise;
}

/** Decodes one JPEG 2000 codestream of a grayscale frame to native little-endian bytes of `fmt`. */
export async function decodeJpeg2000Frame(
  frame: Uint8Array,
  fmt: PixelFormat,
  source: string,
): Promise<Uint8Array> {
  const lib = await openJpeg();
  const decoder = new lib.J2KDecoder();
  try {
    decoder.getEncodedBuffer(frame.byteLength).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width !== fmt.columns || info.height !== fmt.rows || info.componentCount !== 1) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the JPEG 2000 codestream is ${info.width} x ${info.height} with ${info.componentCount} components; the header says ${fmt.columns} x ${fmt.rows} grayscale`,
      );
    }
    const decoded = decoder.getDecodedBuffer();
    const need = frameByteLength(fmt);
    if (decoded.byteLength < need) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the JPEG 2000 decoder returned ${decoded.byteLength} bytes, ${need} expected`,
      );
    }
    return new Uint8Array(decoded.buffer, decoded.byteOffset, need).slice();
  } catch (e) {
    if (e instanceof DicomError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new DicomError('pixel-decode-failed', `${source}: JPEG 2000 decoding failed: ${why}`, { cause: e });
  } finally {
    decoder.delete();
  }
}

/**
 * Encodes a native little-endian grayscale frame as a lossless (reversible 5/3) JPEG 2000 codestream.
 * One decomposition level, so frames as small as a few pixels encode.
 */
export async function encodeJpeg2000Lossless(native: Uint8Array, fmt: PixelFormat): Promise<Uint8Array> {
  const lib = await openJpeg();
  const encoder = new lib.J2KEncoder();
  try {
    const input = encoder.getDecodedBuffer({
      width: fmt.columns,
      height: fmt.rows,
      bitsPerSample: fmt.bitsStored,
      componentCount: 1,
      isSigned: fmt.pixelRepresentation === 1,
    });
    input.set(native.subarray(0, frameByteLength(fmt)));
    encoder.setDecompositions(1);
    encoder.setQuality(true, 0);
    encoder.encode();
    const out = encoder.getEncodedBuffer();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
  } finally {
    encoder.delete();
  }
}
