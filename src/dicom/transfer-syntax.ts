/**
 * Transfer syntaxes (DICOM PS3.5 section 10 and annex A; UIDs from PS3.6 annex A) and which of them this
 * decoder reads. Pixel data of the native little-endian syntaxes is read directly; RLE Lossless is
 * decoded here; JPEG 2000 through the OpenJPEG WebAssembly codec, JPEG-LS through the CharLS one and
 * JPEG lossless (process 14) through jpeg-lossless-decoder-js.
 */

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
export const JPEG2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
const JPEG2000 = '1.2.840.10008.1.2.4.91';
export const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
const JPEG_LS_NEAR_LOSSLESS = '1.2.840.10008.1.2.4.81';

const NAMES: Readonly<Record<string, string>> = {
  [IMPLICIT_VR_LITTLE_ENDIAN]: 'Implicit VR Little Endian',
  [EXPLICIT_VR_LITTLE_ENDIAN]: 'Explicit VR Little Endian',
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]: 'Deflated Explicit VR Little Endian',
  [EXPLICIT_VR_BIG_ENDIAN]: 'Explicit VR Big Endian (retired)',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  [JPEG_LOSSLESS]: 'JPEG Lossless, Non-Hierarchical (Process 14)',
  [JPEG_LOSSLESS_SV1]: 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)',
  [JPEG_LS_LOSSLESS]: 'JPEG-LS Lossless',
  [JPEG_LS_NEAR_LOSSLESS]: 'JPEG-LS Lossy (Near-Lossless)',
  [JPEG2000_LOSSLESS]: 'JPEG 2000 Image Compression (Lossless Only)',
  [JPEG2000]: 'JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
  [RLE_LOSSLESS]: 'RLE Lossless',
};

/** How the pixel data of a transfer syntax is decoded here, or `unsupported`. */
export type PixelCodec = 'native' | 'rle' | 'jpeg2000' | 'jpeg-ls' | 'jpeg-lossless' | 'unsupported';

const CODECS: Readonly<Record<string, PixelCodec>> = {
  [IMPLICIT_VR_LITTLE_ENDIAN]: 'native',
  [EXPLICIT_VR_LITTLE_ENDIAN]: 'native',
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]: 'native',
  [RLE_LOSSLESS]: 'rle',
  [JPEG2000_LOSSLESS]: 'jpeg2000',
  [JPEG2000]: 'jpeg2000',
  [JPEG_LS_LOSSLESS]: 'jpeg-ls',
  [JPEG_LS_NEAR_LOSSLESS]: 'jpeg-ls',
  [JPEG_LOSSLESS]: 'jpeg-lossless',
  [JPEG_LOSSLESS_SV1]: 'jpeg-lossless',
};

/** The standard name of a transfer syntax UID, or "unknown transfer syntax". */
export function transferSyntaxName(uid: string): string {
  return NAMES[uid] ?? 'unknown transfer syntax';
}

/** The pixel codec used for a transfer syntax UID. */
export function pixelCodecOf(uid: string): PixelCodec {
  return CODECS[uid] ?? 'unsupported';
}

/** True for the syntaxes whose pixel data are stored as encapsulated fragments (all but the native ones). */
export function isEncapsulatedSyntax(uid: string): boolean {
  return (
    uid !== IMPLICIT_VR_LITTLE_ENDIAN &&
    uid !== EXPLICIT_VR_LITTLE_ENDIAN &&
    uid !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN &&
    uid !== EXPLICIT_VR_BIG_ENDIAN
  );
}

/** The transfer syntaxes this decoder reads, as "name (UID)" strings for messages. */
export function supportedTransferSyntaxes(): string[] {
  return Object.keys(CODECS).map((uid) => `${NAMES[uid]} (${uid})`);
}
