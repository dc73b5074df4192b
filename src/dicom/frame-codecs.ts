import { DicomError } from '../errors.ts';
import type { PixelFormat } from './pixel-data.ts';
import type { PixelCodec } from './transfer-syntax.ts';
import { decodeRleFrame } from './rle.ts';
import { decodeJpeg2000Frame } from './jpeg2000.ts';
import { decodeJpegLsFrame } from './jpeg-ls.ts';
import { decodeJpegLosslessFrame } from './jpeg-lossless.ts';

/**
 * The dispatch from a transfer syntax's pixel codec to its frame decoder: every encapsulated frame of a
 * grayscale image becomes the native little-endian bytes of its stored values.
 */

/**
 * Decodes one encapsulated frame with `codec` to native little-endian bytes of `fmt`. Throws
 * {@link DicomError} `pixel-decode-failed` for a frame the codec cannot read and
 * `unsupported-transfer-syntax` for a codec without a decoder (`native`, `unsupported`).
 */
export async function decodeEncapsulatedFrame(
  codec: PixelCodec,
  frame: Uint8Array,
  fmt: PixelFormat,
  source: string,
  syntaxName: string,
): Promise<Uint8Array> {
  switch (codec) {
    case 'rle':
      return decodeRleFrame(frame, fmt, source);
    case 'jpeg2000':
      return decodeJpeg2000Frame(frame, fmt, source);
    case 'jpeg-ls':
      return decodeJpegLsFrame(frame, fmt, source);
    case 'jpeg-lossless':
      return decodeJpegLosslessFrame(frame, fmt, source);
    default:
      throw new DicomError(
        'unsupported-transfer-syntax',
        `${source}: encapsulated pixel data in ${syntaxName} cannot be read`,
      );
  }
}
