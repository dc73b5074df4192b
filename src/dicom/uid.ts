import { createHash, randomUUID } from 'node:crypto';
import { DicomError } from '../errors.ts';

/**
 * DICOM UIDs in the `2.25.<integer>` form (PS3.5 B.2: a UUID as one decimal integer). Deterministic UIDs
 * take the integer from the first 128 bits of SHA-256 of the seed and a role name, with the version and
 * variant bits of a name-based UUID (RFC 9562 version 8) set, so equal inputs give equal UIDs and
 * different roles never collide in practice.
 */

/**
 * Throws {@link DicomError} `invalid-uid` unless `uid` is digits and dots, 1 to 64 characters (PS3.5 9.1;
 * lenient about leading zeros, which some archives write). UIDs go into DICOMweb URL paths, so nothing else
 * may pass. `what` names the UID in the message ("the study UID").
 */
export function assertDicomUid(uid: string, what = 'the UID'): string {
  if (!/^[0-9.]{1,64}$/.test(uid)) {
    throw new DicomError(
      'invalid-uid',
      `${what} "${uid.slice(0, 70)}" is not a DICOM UID (digits and dots, at most 64 characters)`,
    );
  }
  return uid;
}

function uuidToUid(hex32: string): string {
  return `2.25.${BigInt(`0x${hex32}`).toString(10)}`;
}

/** A UID derived from `seed` and `role` (e.g. `series`, `instance/12`); the same inputs give the same UID. */
export function deterministicUid(seed: string | number, role: string): string {
  const h = createHash('sha256')
    .update(`${String(seed)}\u0000${role}`)
    .digest();
  const b = Uint8Array.from(h.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  return uuidToUid(Buffer.from(b).toString('hex'));
}

/** A fresh random UID (from a version-4 UUID). */
export function randomUid(): string {
  return uuidToUid(randomUUID().replace(/-/g, ''));
}
