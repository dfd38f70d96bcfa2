// What the Node.js tests share: the built modules, loaded by path so that
// `deno check` (which sees these files too) never resolves the build output.

/**
 * Imports one module built by tests/node/run.ts.
 *
 * @param {"url" | "generics" | "concurrency" | "random"} name
 * @returns {Promise<any>}
 */
export function load(name) {
  return import(new URL(`./.build/${name}.mjs`, import.meta.url).href);
}

/** The URL of a worker script beside this file. */
export function workerUrl(name) {
  return new URL(`./${name}`, import.meta.url);
}
