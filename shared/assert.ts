/**
 * The end of an exhaustive `switch` (or `if` chain) over a union: the
 * type-check fails there if a member of the union is not handled, and if a
 * value the types did not foresee arrives anyway (a stored operation of an
 * unknown type), it throws instead of going on silently.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
