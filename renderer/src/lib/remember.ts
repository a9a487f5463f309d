/**
 * `fn` remembering its last call: called again with the same arguments (each
 * the same by Object.is), it returns the last result without running again.
 *
 * For heavy work a render does, where useMemo is not enough: useMemo keeps
 * only what a committed render computed, and React throws a transition's
 * render away (the `useNow` tick is one) whenever a more urgent update comes
 * first, as each scroll frame of the virtual queue does. With 1,000 waiting,
 * each retry of the table screen worked out every wait and listed every name
 * again: about a second of retries while the queue scrolled. Keep one per
 * component instance: `const [waitsOf] = useState(() => rememberLast(tableWaits))`.
 */
export function rememberLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
