import dcmjs from 'dcmjs';
import type { TopLevelElement } from './part10-structure.ts';

/**
 * The top-level header of a native Part 10 file read straight from its bytes, for the hot path of CT
 * series (a few hundred instances per series): string, numeric-string and binary numeric elements are
 * decoded here in one pass over the element list the structural walk produced; everything else
 * (sequences, person names, binary blobs, private and unknown tags, non-ASCII text) is left to dcmjs,
 * which parses the file on the first access to such an element. Values follow dcmjs' naturalized form as
 * the typed reads of dataset-values.ts see it: one value as itself, several as an array, an empty element
 * as null; DS and IS as numbers (dcmjs' own clean-up of the digits), binary numbers as numbers.
 */

interface DictionaryEntry {
  readonly vr: string;
  readonly name: string;
}

const BY_TAG = new Map<number, DictionaryEntry>();
const KEYWORDS = new Set<string>();
// dcmjs' dictionary answers look-ups by punctuated tag but lists nothing; its name map lists every entry.
for (const entry of Object.values(dcmjs.data.DicomMetaDictionary.nameMap)) {
  const m = /^\(([0-9A-F]{4}),([0-9A-F]{4})\)$/.exec(entry.tag);
  if (m === null) continue;
  BY_TAG.set(Number.parseInt(m[1] + m[2], 16), entry);
  KEYWORDS.add(entry.name);
}

/** Text VRs whose values are split at backslashes. */
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DT', 'LO', 'SH', 'TM', 'UI']);
const NUMERIC_TEXT_VRS = new Set(['DS', 'IS']);
const BINARY_SIZES: Readonly<Record<string, number>> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 };
/** Keywords dcmjs rewrites as it reads (it reports the character set of its decoded text, ISO_IR 192). */
const REWRITTEN_BY_DCMJS = new Set(['SpecificCharacterSet']);

/** dcmjs' reading of one DS or IS value: characters other than digits, sign, point and e dropped. */
function numericText(text: string): number | null {
  const cleaned = text.trim().replace(/[^0-9.\\\-+e]/gi, '');
  return cleaned === '' ? null : Number(cleaned);
}

function naturalized<T>(values: T[]): T | T[] | null {
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}

/** The element's text, or undefined when it holds a byte outside ASCII (character sets are dcmjs' job). */
function asciiText(bytes: Uint8Array, offset: number, length: number): string | undefined {
  for (let i = offset; i < offset + length; i++) if (bytes[i] > 0x7f) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'latin1',
    offset,
    offset + length,
  );
}

function binaryValues(view: DataView, vr: string, offset: number, length: number): number[] {
  const size = BINARY_SIZES[vr];
  const out: number[] = [];
  for (let p = offset; p + size <= offset + length; p += size) {
    out.push(
      vr === 'US'
        ? view.getUint16(p, true)
        : vr === 'SS'
          ? view.getInt16(p, true)
          : vr === 'UL'
            ? view.getUint32(p, true)
            : vr === 'SL'
              ? view.getInt32(p, true)
              : vr === 'FL'
                ? view.getFloat32(p, true)
                : view.getFloat64(p, true),
    );
  }
  return out;
}

/** The value of one element in naturalized form, or undefined when dcmjs must read it. */
function decodeElement(
  bytes: Uint8Array,
  view: DataView,
  vr: string,
  offset: number,
  length: number,
): unknown {
  if (length < 0) return undefined;
  if (vr in BINARY_SIZES)
    return length % BINARY_SIZES[vr] === 0 ? naturalized(binaryValues(view, vr, offset, length)) : undefined;
  if (!TEXT_VRS.has(vr) && !NUMERIC_TEXT_VRS.has(vr)) return undefined;
  if (length === 0) return null;
  const text = asciiText(bytes, offset, length);
  if (text === undefined) return undefined;
  const parts = text.split('\\');
  if (NUMERIC_TEXT_VRS.has(vr)) return naturalized(parts.map(numericText));
  return naturalized(parts.map((v) => v.replace(/[\0 ]+$/, '')));
}

function hexTag(tag: number): string {
  return tag.toString(16).toUpperCase().padStart(8, '0');
}

/**
 * A naturalized dataset over `elements` of `bytes` (top-level, before the pixel data): decoded values for
 * the elements read here, `full()` (a memoized dcmjs parse) for the others and for any question about
 * the dataset as a whole (its keys, `_vrMap`). A dictionary keyword the file does not hold is undefined
 * without parsing.
 */
export function headerDataset(
  bytes: Uint8Array,
  elements: readonly TopLevelElement[],
  explicitVr: boolean,
  full: () => Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: Record<string, unknown> = {};
  const deferred = new Set<string>();
  for (const e of elements) {
    const entry = BY_TAG.get(e.tag);
    if (entry === undefined) {
      deferred.add(hexTag(e.tag));
      continue;
    }
    const value = REWRITTEN_BY_DCMJS.has(entry.name)
      ? undefined
      : decodeElement(bytes, view, explicitVr ? e.vr : entry.vr, e.offset, e.length);
    if (value === undefined) deferred.add(entry.name);
    else values[entry.name] = value;
  }
  const answersHere = (key: string | symbol): key is string =>
    typeof key === 'string' && (Object.hasOwn(values, key) || (KEYWORDS.has(key) && !deferred.has(key)));
  return new Proxy(values, {
    get: (target, key) => (answersHere(key) ? target[key] : Reflect.get(full(), key)),
    has: (target, key) => (answersHere(key) ? Object.hasOwn(target, key) : key in full()),
    ownKeys: () => Reflect.ownKeys(full()),
    getOwnPropertyDescriptor: (target, key) => {
      if (answersHere(key)) return Reflect.getOwnPropertyDescriptor(target, key);
      const d = Reflect.getOwnPropertyDescriptor(full(), key);
      // A proxy may not call a property non-configurable that its own target lacks.
      return d === undefined ? undefined : { ...d, configurable: true };
    },
    set: () => false,
    deleteProperty: () => false,
  });
}
