/** The separator between parts of one line ("Ticket 3 · Careers · Leadership"). */
export const PART_SEPARATOR = ' · ';

/** A part that may be missing: null, undefined, false and '' are left out. */
export type MaybePart<T> = T | null | undefined | false | '';

/** The parts that are there, in order (null, undefined, false and '' left out). */
export function presentParts<T>(parts: readonly MaybePart<T>[]): T[] {
  return parts.filter((p): p is T => p !== null && p !== undefined && p !== false && p !== '');
}

/**
 * The parts that are there, joined by " · " as one string: never a separator
 * at either end or two together, whatever is missing ("Ticket 3", not
 * "Ticket 3 ·"); '' when none is there. Every line of parts on screen joins
 * through this or `Parts` (components/Parts.tsx: the same rule for text and for elements).
 */
export function joinParts(parts: readonly MaybePart<string>[]): string {
  return presentParts(parts).join(PART_SEPARATOR);
}
