// This module is browser compatible.

/**
 * The one place in `concurrency/` that tells the runtimes apart: Deno and
 * browsers start workers as Web Workers, Node.js as `node:worker_threads`.
 * `node:worker_threads` is reached through `process.getBuiltinModule`
 * (Node.js 20.16+) or a dynamic `import()` of a specifier held in a variable,
 * so no bundler for the browser ever follows it.
 *
 * @module
 */

/** The parts of a `node:worker_threads` `Worker` that `concurrency/` uses. */
export interface NodeWorker {
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  unref(): void;
  on(event: "message", listener: (data: unknown) => void): unknown;
  on(event: "messageerror", listener: (error: unknown) => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
}

/** The parts of a `node:worker_threads` `MessagePort` a worker uses. */
export interface NodePort {
  postMessage(message: unknown): void;
  on(event: "message", listener: (data: unknown) => void): unknown;
  removeAllListeners(event: "message"): unknown;
}

/** The parts of `node:worker_threads` that `concurrency/` uses. */
export interface NodeWorkerThreads {
  Worker: new (
    url: URL,
    options: { name?: string; execArgv?: string[] },
  ) => NodeWorker;
  parentPort: NodePort | null;
}

/** The parts of Node.js's `process` that `concurrency/` uses. */
export interface NodeProcess {
  versions: { node?: string };
  execArgv: string[];
  getBuiltinModule?: (name: string) => unknown;
  exit(code?: number): never;
  on(
    event: "uncaughtException" | "unhandledRejection",
    listener: (error: unknown) => void,
  ): unknown;
}

/**
 * Node.js's `process`, when this is Node.js. Deno 2 defines a `process`
 * too, so the `Deno` global is checked first.
 */
export const nodeProcess: NodeProcess | undefined = (() => {
  const global = globalThis as { Deno?: unknown; process?: NodeProcess };
  if (global.Deno !== undefined) return undefined;
  return typeof global.process?.versions?.node === "string"
    ? global.process
    : undefined;
})();

/** Whether this runtime is Node.js (not Deno, not a browser). */
export const isNode: boolean = nodeProcess !== undefined;

/**
 * `node:worker_threads`: at once where `process.getBuiltinModule` exists,
 * else as a promise. Only call this on Node.js.
 */
export function nodeWorkerThreads():
  | NodeWorkerThreads
  | Promise<NodeWorkerThreads> {
  const specifier = "node:worker_threads";
  const builtin = nodeProcess?.getBuiltinModule?.(specifier);
  if (builtin !== undefined) return builtin as NodeWorkerThreads;
  return import(specifier) as Promise<NodeWorkerThreads>;
}

/**
 * The worker bootstraps, each named by a literal `import()` that nothing
 * calls: JSR's npm build emits JavaScript only for the modules it reaches
 * from the package's exports through their imports, and no import reaches a
 * module that is only a worker's entry, so without these `_worker_main.js`
 * and `_pool_worker_main.js` would be missing from the npm package.
 */
export const BOOTSTRAPS = {
  _worker_main: (): Promise<unknown> => import("./_worker_main.ts"),
  _pool_worker_main: (): Promise<unknown> => import("./_pool_worker_main.ts"),
} as const;

/** The name of a worker bootstrap of `concurrency/`. */
export type BootstrapName = keyof typeof BOOTSTRAPS;

/**
 * The URL of a worker bootstrap beside `base` (a module's
 * `import.meta.url`). Deno and browsers load the `.ts` source (the
 * playground's server answers for that path); on Node.js the bootstrap has
 * the extension of `base` itself, since what runs there is JavaScript
 * emitted beside it: `.js` in JSR's npm package (which holds
 * `_worker_main.js` beside `spawn.js`, see {@linkcode BOOTSTRAPS}), `.js` in
 * a bundle that has the bootstrap as an entry of its own.
 */
export function bootstrapUrl(name: BootstrapName, base: string): string {
  if (!isNode) return new URL(`./${name}.ts`, base).href;
  const extension = /\.[cm]?[jt]s$/.exec(new URL(base).pathname)?.[0] ??
    ".js";
  return new URL(`./${name}${extension}`, base).href;
}

/**
 * Lets `signal` take any number of listeners without Node.js's "possible
 * memory leak" warning (at 11): for a signal that one caller hands to many
 * tasks in flight at once. Elsewhere there is no such limit.
 */
export function allowManyListeners(signal: AbortSignal): void {
  const events = nodeProcess?.getBuiltinModule?.("node:events") as
    | { setMaxListeners?: (n: number, target: EventTarget) => void }
    | undefined;
  events?.setMaxListeners?.(0, signal);
}
