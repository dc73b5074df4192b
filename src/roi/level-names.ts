/**
 * Vertebral level names and their numeric labels in level label maps: C1..C7 = 1..7, T1..T12 = 8..19,
 * L1..L5 = 20..24 (one number per vertebra, counted from the skull down).
 */

/** A vertebral level name such as 'C7', 'T6' or 'L1'. */
export type LevelName = `${'C' | 'T' | 'L'}${number}`;

/** Label number of a level name: C n = n, T n = 7 + n, L n = 19 + n; throws RangeError for an unknown name. */
export function levelLabel(name: string): number {
  const m = /^([CTL])(\d{1,2})$/.exec(name.trim().toUpperCase());
  if (m !== null) {
    const n = Number(m[2]);
    if (m[1] === 'C' && n >= 1 && n <= 7) return n;
    if (m[1] === 'T' && n >= 1 && n <= 12) return 7 + n;
    if (m[1] === 'L' && n >= 1 && n <= 5) return 19 + n;
  }
  throw new RangeError(`unknown vertebral level "${name}" (expected C1..C7, T1..T12 or L1..L5)`);
}

/** Level name of a label number (inverse of {@link levelLabel}); throws RangeError outside 1..24. */
export function levelName(label: number): LevelName {
  if (Number.isInteger(label) && label >= 1 && label <= 7) return `C${label}`;
  if (Number.isInteger(label) && label >= 8 && label <= 19) return `T${label - 7}`;
  if (Number.isInteger(label) && label >= 20 && label <= 24) return `L${label - 19}`;
  throw new RangeError(`no vertebral level has label ${label} (expected 1..24)`);
}

/** True when `name` is a thoracic level T1..T12. */
export function isThoracic(name: string): boolean {
  const label = levelLabel(name);
  return label >= 8 && label <= 19;
}
