import { inflateRawSync } from 'node:zlib';
import { DicomError } from '../errors.ts';

/**
 * A structural walk of a Part 10 file before it is handed to the full parser: every element's length must
 * fit inside the file (or the item holding it), VRs must be two upper-case letters, sequences and
 * encapsulated pixel data must be closed by their delimiters, and nesting stays under a depth limit.
 * The parser allocates whatever length an element declares, so a corrupt length could otherwise ask
 * for gigabytes; this walk makes such files fail fast with a {@link DicomError}. Encoding rules: PS3.5
 * section 7.1 (explicit/implicit VR element layouts) and 7.5 (sequences, items, delimiters).
 */

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;
const MAX_DEPTH = 32;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQ_END = 0xfffee0dd;

interface Walk {
  readonly view: DataView;
  readonly size: number;
  readonly source: string;
  readonly le: boolean;
  /** Value offset and length of a top-level defined-length PixelData, once walked past. */
  pixel?: { readonly offset: number; readonly length: number };
  /** Every top-level element before the pixel data, in file order. */
  readonly top: TopLevelElement[];
}

/**
 * A top-level data element: its tag as a number (group << 16 | element), its VR as written (empty in
 * implicit VR), and where its value lies (`length` -1 for an undefined length, i.e. a delimited sequence).
 */
export interface TopLevelElement {
  readonly tag: number;
  readonly vr: string;
  readonly offset: number;
  readonly length: number;
}

function corrupt(w: Walk, at: number, why: string): DicomError {
  return new DicomError('not-dicom', `${w.source} is corrupt at byte ${at}: ${why}`);
}

function past(w: Walk, at: number, end: number, what: string): DicomError {
  if (end >= w.size) {
    return new DicomError(
      'truncated-file',
      `${w.source} ends inside ${what} at byte ${at} (${w.size} bytes; truncated or corrupt file); copy it again from the source`,
    );
  }
  return corrupt(w, at, `${what} runs past the item that holds it`);
}

function tagAt(w: Walk, p: number): number {
  const group = w.view.getUint16(p, w.le);
  const element = w.view.getUint16(p + 2, w.le);
  return ((group << 16) | element) >>> 0;
}

/** Walks items of a sequence (or fragments of encapsulated pixel data) from `p` until the sequence delimiter. */
function walkItems(w: Walk, p: number, end: number, explicit: boolean, depth: number, raw: boolean): number {
  for (;;) {
    if (p + 8 > end) throw past(w, p, end, 'a sequence without its delimiter');
    const tag = tagAt(w, p);
    const len = w.view.getUint32(p + 4, w.le);
    p += 8;
    if (tag === SEQ_END) return p;
    if (tag !== ITEM)
      throw corrupt(w, p - 8, `expected an item tag (FFFE,E000) in a sequence, found ${tag.toString(16)}`);
    if (len === UNDEFINED) {
      if (raw) throw corrupt(w, p - 8, 'a pixel data fragment has an undefined length');
      p = walkElements(w, p, end, explicit, depth + 1, true);
    } else {
      if (p + len > end) throw past(w, p, end, 'an item');
      if (!raw) walkElements(w, p, p + len, explicit, depth + 1, false);
      p += len;
    }
  }
}

/**
 * Walks data elements from `p` to `end` (or to an item delimiter when `untilItemEnd`); returns the
 * position after the last one. Throws {@link DicomError} on the first inconsistency.
 */
function walkElements(
  w: Walk,
  p: number,
  end: number,
  explicit: boolean,
  depth: number,
  untilItemEnd: boolean,
): number {
  if (depth > MAX_DEPTH) throw corrupt(w, p, `sequences nest deeper than ${MAX_DEPTH} levels`);
  while (p < end) {
    if (p + 8 > end) throw past(w, p, end, 'an element header');
    const tag = tagAt(w, p);
    if (tag === ITEM_END) {
      if (!untilItemEnd) throw corrupt(w, p, 'an item delimiter outside an item');
      return p + 8;
    }
    if (tag === SEQ_END || tag === ITEM)
      throw corrupt(w, p, 'a sequence delimiter or item outside a sequence');
    let len: number;
    let vr = '';
    let header: number;
    if (explicit) {
      const a = w.view.getUint8(p + 4);
      const b = w.view.getUint8(p + 5);
      if (a < 65 || a > 90 || b < 65 || b > 90) throw corrupt(w, p, 'an element has no valid VR');
      vr = String.fromCharCode(a, b);
      if (LONG_VRS.has(vr)) {
        if (p + 12 > end) throw past(w, p, end, 'an element header');
        len = w.view.getUint32(p + 8, w.le);
        header = 12;
      } else {
        len = w.view.getUint16(p + 6, w.le);
        header = 8;
      }
    } else {
      len = w.view.getUint32(p + 4, w.le);
      header = 8;
    }
    p += header;
    if (depth === 0 && !untilItemEnd && tag !== 0x7fe00010) {
      w.top.push({ tag, vr, offset: p, length: len === UNDEFINED ? -1 : len });
    }
    if (len === UNDEFINED) {
      const pixelData = tag === 0x7fe00010;
      if (explicit && vr !== 'SQ' && vr !== 'UN' && !pixelData) {
        throw corrupt(w, p - header, `an element of VR ${vr} has an undefined length`);
      }
      // Undefined-length UN holds an implicit VR little endian sequence (PS3.5 6.2.2).
      p = walkItems(w, p, end, vr === 'UN' ? false : explicit, depth, pixelData && vr !== 'SQ');
    } else {
      if (p + len > end) throw past(w, p - header, end, `element (${tag.toString(16).padStart(8, '0')})`);
      if (tag === 0x7fe00010 && depth === 0) w.pixel = { offset: p, length: len };
      if (vr === 'SQ') walkElementsOfSequence(w, p, p + len, explicit, depth);
      p += len;
    }
  }
  if (untilItemEnd) throw past(w, p, end, 'an item without its delimiter');
  return p;
}

/** A defined-length sequence: items up to `end`, no sequence delimiter. */
function walkElementsOfSequence(w: Walk, p: number, end: number, explicit: boolean, depth: number): void {
  while (p < end) {
    if (p + 8 > end) throw past(w, p, end, 'an item header');
    const tag = tagAt(w, p);
    const len = w.view.getUint32(p + 4, w.le);
    p += 8;
    if (tag !== ITEM) throw corrupt(w, p - 8, 'expected an item in a sequence');
    if (len === UNDEFINED) p = walkElements(w, p, end, explicit, depth + 1, true);
    else {
      if (p + len > end) throw past(w, p, end, 'an item');
      walkElements(w, p, p + len, explicit, depth + 1, false);
      p += len;
    }
  }
}

/** What {@link checkPart10Layout} found. */
export interface Part10Layout {
  readonly transferSyntaxUid: string;
  /**
   * Where the value of the top-level PixelData lies in the bytes given, when it has a defined length
   * (native encodings) and the dataset is not deflated; undefined otherwise.
   */
  readonly pixelData: { readonly offset: number; readonly length: number } | undefined;
  /**
   * The dataset's top-level elements before the pixel data (value offsets into the bytes given); empty
   * when the dataset is deflated (its offsets would be into the inflated copy).
   */
  readonly elements: readonly TopLevelElement[];
  /** Whether the dataset is in explicit VR. */
  readonly explicitVr: boolean;
}

/**
 * Checks the element structure of Part 10 bytes (after the preamble and `DICM`): the file meta group in
 * explicit VR little endian, then the dataset in the encoding its transfer syntax names (deflated data are
 * inflated first). Returns the transfer syntax UID read from the meta group.
 */
export function checkPart10Structure(bytes: Uint8Array, source: string): string {
  return checkPart10Layout(bytes, source).transferSyntaxUid;
}

/** {@link checkPart10Structure}, also giving where the native pixel data lie. */
export function checkPart10Layout(bytes: Uint8Array, source: string): Part10Layout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta: Walk = { view, size: bytes.byteLength, source, le: true, top: [] };
  let p = 132;
  let ts = '';
  while (p + 8 <= bytes.byteLength && view.getUint16(p, true) === 0x0002) {
    const a = view.getUint8(p + 4);
    const b = view.getUint8(p + 5);
    if (a < 65 || a > 90 || b < 65 || b > 90) throw corrupt(meta, p, 'a file meta element has no valid VR');
    const long = LONG_VRS.has(String.fromCharCode(a, b));
    if (long && p + 12 > bytes.byteLength) throw past(meta, p, bytes.byteLength, 'the file meta group');
    const len = long ? view.getUint32(p + 8, true) : view.getUint16(p + 6, true);
    const valueStart = p + (long ? 12 : 8);
    if (len === UNDEFINED || valueStart + len > bytes.byteLength) {
      throw past(meta, p, bytes.byteLength, 'the file meta group');
    }
    if (view.getUint16(p + 2, true) === 0x0010) {
      ts = new TextDecoder('latin1')
        .decode(bytes.subarray(valueStart, valueStart + len))
        .replace(/[\0 ]+$/, '');
    }
    p = valueStart + len;
  }
  if (ts === '') {
    throw new DicomError(
      'missing-attribute',
      `${source} has no TransferSyntaxUID (0002,0010) in its file meta group`,
    );
  }
  const explicit = ts !== '1.2.840.10008.1.2';
  const le = ts !== '1.2.840.10008.1.2.2';
  let body = bytes.subarray(p);
  if (ts === '1.2.840.10008.1.2.1.99') {
    try {
      body = new Uint8Array(inflateRawSync(body, { maxOutputLength: 1 << 30 }));
    } catch (e) {
      throw new DicomError('not-dicom', `${source}: its deflated dataset cannot be inflated`, { cause: e });
    }
  }
  const w: Walk = {
    view: new DataView(body.buffer, body.byteOffset, body.byteLength),
    size: body.byteLength,
    source,
    le,
    top: [],
  };
  walkElements(w, 0, body.byteLength, explicit, 0, false);
  const deflated = ts === '1.2.840.10008.1.2.1.99';
  const pixelData =
    w.pixel === undefined || deflated ? undefined : { offset: p + w.pixel.offset, length: w.pixel.length };
  const elements = deflated ? [] : w.top.map((e) => ({ ...e, offset: p + e.offset }));
  return { transferSyntaxUid: ts, pixelData, elements, explicitVr: explicit };
}
