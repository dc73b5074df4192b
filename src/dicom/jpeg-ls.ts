import charlsFactory from '@cornerstonejs/codec-charls/wasmjs';
import type { CharlsModule } from '@cornerstonejs/codec-charls/wasmjs';
import type { PixelFormat } from './pixel-data.ts';
import { decodeWithWasmCodec, encodeWithWasmCodec } from './wasm-codec.ts';

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
  return decodeWithWasmCodec(new lib.JpegLSDecoder(), frame, fmt, source, 'JPEG-LS', true);
}

/** Encodes a native little-endian grayscale frame as a lossless JPEG-LS codestream (NEAR = 0). */
export async function encodeJpegLsLossless(native: Uint8Array, fmt: PixelFormat): Promise<Uint8Array> {
  const lib = await charls();
  return encodeWithWasmCodec(new lib.JpegLSEncoder(), native, fmt, (e) => {
    e.setNearLossless(0);
  });
}
