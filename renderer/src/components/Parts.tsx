import { Fragment, type ReactNode } from 'react';
import { PART_SEPARATOR, presentParts, type MaybePart } from '../lib/parts';

/**
 * The parts that are there, with " · " between them, as elements (a name in
 * its <bdi>, a hint in its span); nothing when none is there.
 */
export function Parts({ parts }: { parts: readonly MaybePart<ReactNode>[] }) {
  return (
    <>
      {presentParts(parts).map((part, i) => (
        <Fragment key={i}>
          {i > 0 && PART_SEPARATOR}
          {part}
        </Fragment>
      ))}
    </>
  );
}
