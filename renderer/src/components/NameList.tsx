import { formatListParts } from '../lib/format';

/**
 * Names joined as the shown language joins a list ("A, B and C", "A و B"),
 * each in its own <bdi>: a name written left to right inside a right-to-left
 * page (or the other way) keeps its place instead of running into the next.
 * `joined` 'comma': without "and" ("A, B"), when "+N more" follows.
 */
export function NameList({ names, joined = 'and' }: { names: readonly string[]; joined?: 'and' | 'comma' }) {
  return (
    <>
      {formatListParts(names, joined).map((part, i) => (part.type === 'element' ? <bdi key={i}>{part.value}</bdi> : part.value))}
    </>
  );
}
