import openJpegFactory from '@cornerstonejs/codec-openjpeg/wasmjs';
import type { OpenJpegModule } from '@cornerstonejs/codec-openjpeg/wasmjs';
import type { PixelFormat } from './pixel-data.ts';
import { decodeWithWasmCodec, encodeWithWasmCodec } from './wasm-codec.ts';

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
  return decodeWithWasmCodec(new lib.J2KDecoder(), frame, fmt, source, 'JPEG 2000');
}

/**
 * Encodes a native little-endian grayscale frame as a lossless (reversible 5/3) JPEG 2000 codestream.
 * One decomposition level, so frames as small as a few pixels encode.
 */
export async function encodeJpeg2000Lossless(native: Uint8Array, fmt: PixelFormat): Promise<Uint8Array> {
  const lib = await openJpeg();
  return encodeWithWasmCodec(new lib.J2KEncoder(), native, fmt, (e) => {
    e.setDecompositions(1);
    e.setQuality(true, 0);
  });
}
