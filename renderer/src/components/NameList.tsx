import { formatListParts } from '../lib/format';

/**
 * Names joined as the shown language joins a list ("A, B and C", "A و B"),
 * each in its own <bdi>: a name written left to right inside a right-to-left
 * page (or the other way) keeps its place instead of running into the next.
 */
export function NameList({ names }: { names: readonly string[] }) {
  return (
    <>
      {formatListParts(names).map((part, i) => (part.type === 'element' ? <bdi key={i}>{part.value}</bdi> : part.value))}
    </>
  );
}
