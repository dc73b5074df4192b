import dcmjs from 'dcmjs';
import { DicomError } from '../errors.ts';
import { headerDataset } from './part10-dataset.ts';
import { checkPart10Layout } from './part10-structure.ts';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  isEncapsulatedSyntax,
  transferSyntaxName,
} from './transfer-syntax.ts';

/**
 * DICOM Part 10 files read with dcmjs: the file meta group, the dataset in dcmjs' "naturalized" form
 * (keyword-keyed, e.g. `ds.Rows`) and the pixel data split out as bytes (native) or frames (encapsulated).
 */

// dcmjs reports dictionary VRs such as "ox" (implicit-VR PixelData) as validation errors on the console.
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

/** A naturalized dataset: DICOM keywords to values as dcmjs gives them (numbers, strings, arrays, sequences). */
export type DicomDataset = Readonly<Record<string, unknown>>;

/** Pixel data as stored: one byte run (native encodings) or one byte run per frame (encapsulated). */
export type StoredPixelData =
  | { readonly encapsulated: false; readonly bytes: Uint8Array }
  | { readonly encapsulated: true; readonly frames: readonly Uint8Array[] };

/** A parsed Part 10 file. */
export interface Part10File {
  readonly transferSyntaxUid: string;
  readonly dataset: DicomDataset;
  readonly pixelData: StoredPixelData | undefined;
  /** Where the bytes came from (file path, URL), for messages. */
  readonly source: string;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function asBytes(v: unknown): Uint8Array | undefined {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return undefined;
}

/** Concatenates byte runs into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.byteLength;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

function extractPixelData(raw: unknown, encapsulated: boolean, source: string): StoredPixelData | undefined {
  if (raw === undefined) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  const frames: Uint8Array[] = [];
  for (const item of items) {
    // With a basic offset table dcmjs merges each frame's fragments; some paths hand back a fragment list.
    if (Array.isArray(item)) {
      const parts = item.map(asBytes);
      if (parts.some((p) => p === undefined)) break;
      frames.push(concatBytes(parts.filter((p): p is Uint8Array => p !== undefined)));
      continue;
    }
    const b = asBytes(item);
    if (b === undefined) {
      throw new DicomError('missing-pixel-data', `${source}: PixelData holds no byte data`);
    }
    frames.push(b);
  }
  if (frames.length === 0 || frames.every((f) => f.byteLength === 0)) return undefined;
  if (!encapsulated) return { encapsulated: false, bytes: frames[0] };
  return { encapsulated: true, frames };
}

function isTruncation(e: unknown): boolean {
  if (e instanceof RangeError) return true;
  const m = e instanceof Error ? e.message : String(e);
  return /offset|bounds|outside|beyond|length|end of/i.test(m);
}

/**
 * Parses DICOM Part 10 bytes (128-byte preamble, `DICM`, file meta group, dataset). Throws
 * {@link DicomError} `not-dicom` when the magic or the meta group is missing and `truncated-file` when
 * the data end before an element does.
 */
export function readPart10(bytes: Uint8Array, source = 'DICOM file'): Part10File {
  if (bytes.byteLength < 132) {
    throw new DicomError(
      bytes.byteLength === 0 ? 'not-dicom' : 'truncated-file',
      `${source} has only ${bytes.byteLength} bytes; a DICOM Part 10 file starts with a 128-byte preamble and "DICM"`,
    );
  }
  const magic = String.fromCharCode(bytes[128], bytes[129], bytes[130], bytes[131]);
  if (magic !== 'DICM') {
    throw new DicomError(
      'not-dicom',
      `${source} is not a DICOM Part 10 file (no "DICM" after the 128-byte preamble); export it from the PACS as DICOM files`,
    );
  }
  const layout = checkPart10Layout(bytes, source);
  // Native little-endian pixel data are taken as a view of the bytes and the parser stops before them,
  // so a large frame is neither copied nor converted by it.
  const native =
    layout.pixelData !== undefined &&
    (layout.transferSyntaxUid === EXPLICIT_VR_LITTLE_ENDIAN ||
      layout.transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN)
      ? layout.pixelData
      : undefined;
  if (native !== undefined) {
    // The header is read here; dcmjs parses it only when an element read here does not cover is asked for.
    let parsed: Part10Parse | undefined;
    const full = (): DicomDataset => (parsed ??= parseWithDcmjs(bytes, native.offset, source)).dataset;
    const elements = layout.elements.filter((e) => e.offset < native.offset);
    return {
      transferSyntaxUid: layout.transferSyntaxUid,
      dataset: headerDataset(bytes, elements, layout.explicitVr, full),
      pixelData:
        native.length === 0
          ? undefined
          : { encapsulated: false, bytes: bytes.subarray(native.offset, native.offset + native.length) },
      source,
    };
  }
  const parsed = parseWithDcmjs(bytes, undefined, source);
  const pixelData = extractPixelData(
    parsed.pixelValue,
    isEncapsulatedSyntax(parsed.transferSyntaxUid),
    source,
  );
  return { transferSyntaxUid: parsed.transferSyntaxUid, dataset: parsed.dataset, pixelData, source };
}

/** What dcmjs made of a file: its transfer syntax, the naturalized dataset and the raw PixelData value. */
export interface Part10Parse {
  readonly transferSyntaxUid: string;
  readonly dataset: DicomDataset;
  readonly pixelValue: unknown;
}

/**
 * Parses Part 10 bytes with dcmjs, up to `untilOffset` (the start of native pixel data, which it then
 * leaves out) or whole. Throws {@link DicomError} `truncated-file` or `not-dicom` when dcmjs fails.
 */
export function parseWithDcmjs(
  bytes: Uint8Array,
  untilOffset: number | undefined,
  source: string,
): Part10Parse {
  let parsed;
  try {
    parsed = dcmjs.data.DicomMessage.readFile(
      untilOffset === undefined ? toArrayBuffer(bytes) : toArrayBuffer(bytes.subarray(0, untilOffset)),
      untilOffset === undefined ? undefined : { untilTag: '7FE00010', includeUntilTagValue: false },
    );
  } catch (e) {
    if (isTruncation(e)) {
      throw new DicomError(
        'truncated-file',
        `${source} ends in the middle of an element (truncated or corrupt file, ${bytes.byteLength} bytes); copy it again from the source`,
        { cause: e },
      );
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new DicomError('not-dicom', `${source} could not be parsed as DICOM: ${why}`, { cause: e });
  }
  const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(parsed.meta);
  const ts = meta.TransferSyntaxUID;
  if (typeof ts !== 'string' || ts === '') {
    throw new DicomError(
      'missing-attribute',
      `${source} has no TransferSyntaxUID (0002,0010) in its file meta group`,
    );
  }
  const pixelElement = parsed.dict['7FE00010'];
  const dict = { ...parsed.dict };
  delete dict['7FE00010'];
  return {
    transferSyntaxUid: ts.replace(/\0/g, '').trim(),
    dataset: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict),
    pixelValue: pixelElement?.Value,
  };
}

/** A short description of a file's transfer syntax for messages: name and UID. */
export function describeTransferSyntax(file: Part10File): string {
  return `${transferSyntaxName(file.transferSyntaxUid)} (${file.transferSyntaxUid})`;
}
