/**
 * The hook by which measure results show themselves in a Jupyter notebook (Deno's kernel) without
 * the measures depending on the renderers: a measure marks its result with
 * {@link selfDisplaying}; the renderer (src/outputs/report/display.ts, loaded with the package) registers
 * itself with {@link setJupyterRenderer}.
 *
 * @module
 */

/** `Symbol.for('Jupyter.display')`: the method a notebook calls to show an object. */
const DISPLAY = Symbol.for('Jupyter.display');

type Bundle = { 'text/plain': string } & Record<string, string>;
let renderer: ((result: { schema: string }) => Bundle | undefined) | null = null;

/**
 * Registers the function that renders a result (by its `schema`) for a notebook.
 *
 * @example
 * setJupyterRenderer((r) => ({ 'text/plain': r.schema }));
 */
export function setJupyterRenderer(render: (result: { schema: string }) => Bundle | undefined): void {
  renderer = render;
}

/**
 * Gives a result a non-enumerable `Symbol.for('Jupyter.display')` method (its keys and
 * `JSON.stringify` stay as they were), so that as the last expression of a notebook cell it shows
 * as a table. Returns the same object.
 *
 * @example
 * const r = selfDisplaying({ schema: 'kontinuitet/measure@1', windows: [] });
 * JSON.stringify(r); // → '{"schema":"kontinuitet/measure@1","windows":[]}'
 */
export function selfDisplaying<T extends { schema: string }>(result: T): T {
  Object.defineProperty(result, DISPLAY, {
    value: () => renderer?.(result) ?? { 'text/plain': `${result.schema} (import the package entry to render it)` },
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return result;
}
