import { DicomError } from '../errors.ts';
import type { PixelFormat } from './pixel-data.ts';
import { frameByteLength } from './pixel-data.ts';

/**
 * The calling convention the Cornerstone WebAssembly codecs (OpenJPEG, CharLS) share: copy the codestream into
 * the decoder's buffer, decode, read the frame info, copy the decoded samples out, free the C++ object. One
 * place checks the frame against the DICOM header and wraps codec failures in a typed error.
 */

/** A frame decoder of a Cornerstone WASM codec. */
export interface WasmFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
  getDecodedBuffer(): ArrayBufferView;
  delete(): void;
}

/** A frame encoder of a Cornerstone WASM codec. */
export interface WasmFrameEncoder {
  getDecodedBuffer(info: {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  }): Uint8Array;
  encode(): void;
  getEncodedBuffer(): ArrayBufferView;
  delete(): void;
}

/**
 * Decodes one grayscale codestream with `decoder` (freed afterwards) to native little-endian bytes of `fmt`.
 * Throws DicomError `pixel-decode-failed` naming `codecName` when the codestream's size, component count or (with
 * `checkSampleWidth`) sample width disagrees with the header, when too few bytes come back, or the codec fails.
 */
export function decodeWithWasmCodec(
  decoder: WasmFrameDecoder,
  frame: Uint8Array,
  fmt: PixelFormat,
  source: string,
  codecName: string,
  checkSampleWidth = false,
): Uint8Array {
  try {
    decoder.getEncodedBuffer(frame.byteLength).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width !== fmt.columns || info.height !== fmt.rows || info.componentCount !== 1) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the ${codecName} codestream is ${info.width} x ${info.height} with ${info.componentCount} components; the header says ${fmt.columns} x ${fmt.rows} grayscale`,
      );
    }
    if (checkSampleWidth && (info.bitsPerSample > 8 ? 16 : 8) !== fmt.bitsAllocated) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the ${codecName} codestream has ${info.bitsPerSample}-bit samples; the header says BitsAllocated ${fmt.bitsAllocated}`,
      );
    }
    const decoded = decoder.getDecodedBuffer();
    const need = frameByteLength(fmt);
    if (decoded.byteLength < need) {
      throw new DicomError(
        'pixel-decode-failed',
        `${source}: the ${codecName} decoder returned ${decoded.byteLength} bytes, ${need} expected`,
      );
    }
    return new Uint8Array(decoded.buffer, decoded.byteOffset, need).slice();
  } catch (e) {
    if (e instanceof DicomError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new DicomError('pixel-decode-failed', `${source}: ${codecName} decoding failed: ${why}`, {
      cause: e,
    });
  } finally {
    decoder.delete();
  }
}

/**
 * Encodes a native little-endian grayscale frame with `encoder` (freed afterwards); `configure` sets the codec's
 * own options (lossless mode, decomposition levels) before encoding.
 */
export function encodeWithWasmCodec<E extends WasmFrameEncoder>(
  encoder: E,
  native: Uint8Array,
  fmt: PixelFormat,
  configure: (encoder: E) => void,
): Uint8Array {
  try {
    const input = encoder.getDecodedBuffer({
      width: fmt.columns,
      height: fmt.rows,
      bitsPerSample: fmt.bitsStored,
      componentCount: 1,
      isSigned: fmt.pixelRepresentation === 1,
    });
    input.set(native.subarray(0, frameByteLength(fmt)));
    configure(encoder);
    encoder.encode();
    const out = encoder.getEncodedBuffer();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
  } finally {
    encoder.delete();
  }
}
