/**
 * The renderer's first chunk: what `renderer/src/main.tsx` reaches by static
 * imports (not through `import()`, which React.lazy views use) must not
 * include zod (the contract's schemas: the renderer imports only types from
 * shared/contract.ts) nor the QR decoder, which loads when scanning starts.
 * The import graph is esbuild's, as Vite's production build sees it.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function staticallyReached(entry: string): Promise<{ reached: Set<string>; parent: Map<string, string> }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    splitting: true,
    outdir: 'out',
    jsx: 'automatic',
    logLevel: 'silent',
    loader: { '.css': 'empty', '.woff2': 'empty', '.woff': 'empty', '.svg': 'empty', '.png': 'empty' },
  });
  const inputs = result.metafile.inputs;
  const reached = new Set<string>();
  const parent = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind === 'dynamic-import' || reached.has(i.path)) continue;
      if (!parent.has(i.path)) parent.set(i.path, file);
      queue.push(i.path);
    }
  }
  return { reached, parent };
}

function chain(file: string, parent: Map<string, string>): string {
  const path = [file];
  for (let at = parent.get(file); at; at = parent.get(at)) path.push(at);
  return path.join(' <- ');
}

describe("the renderer's first chunk", () => {
  it('reaches neither zod nor the QR decoder by static imports', async () => {
    const { reached, parent } = await staticallyReached('renderer/src/main.tsx');
    expect(reached.size).toBeGreaterThan(50);
    const heavy = [...reached].filter((f) => /node_modules\/(zod|jsqr|iso-639-3)\//.test(f));
    expect(heavy.map((f) => chain(f, parent))).toEqual([]);
  }, 60_000);
});
