/**
 * Serves the playground page on loopback with the headers that make the page
 * cross-origin isolated, which browsers require before they hand out
 * `SharedArrayBuffer` (and so before anything of `concurrency/` can run
 * there).
 *
 * The page is served from the bundle committed in `bundle/`, so serving
 * needs nothing but read access: Deno's bundler fetches esbuild from npm the
 * first time it runs, and the playground must start offline.
 * `deno task playground:build` rebuilds the bundle with
 * {@linkcode bundlePlayground} (Deno.bundle is unstable in Deno 2.9.6: it
 * needs `--unstable-bundle`), and a browser test fails when the committed
 * bundle differs from what the sources bundle to. The bundle is minified
 * (names of functions and classes kept, as errors and the thread dump show
 * them): it is generated output, read by browsers, not by people; the
 * sources are the `.ts` files beside it.
 *
 * The page, the worker bootstrap of `spawn` (`_worker_main.ts`) and the
 * playground's worker module are bundled together with code splitting: the
 * runtime and the primitives land in shared chunks that each of the three
 * imports by the same URL, so inside a worker the bootstrap and the module it
 * imports share ONE instance of the runtime module, as they do in Deno.
 * `spawn` starts its workers from `new URL("./_worker_main.ts",
 * import.meta.url)`; after bundling, that URL points next to whichever
 * bundle file holds `spawn`, so the server answers every path ending in
 * `/_worker_main.ts` with the bundled bootstrap.
 *
 * @module
 */

/** The headers every response carries. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cross-origin-resource-policy": "same-origin",
};

/** Options for {@linkcode startPlayground}. */
export interface PlaygroundOptions {
  /** The address to listen on. Defaults to `"127.0.0.1"`. */
  hostname?: string;
  /** The port; 0 picks a free one. Defaults to 0. */
  port?: number;
  /** Stops the server. */
  signal?: AbortSignal;
  /** The files to serve. Defaults to the committed bundle ({@linkcode loadBundle}). */
  files?: BundledFiles;
}

/** A running playground server. */
export interface Playground extends AsyncDisposable {
  /** The page's URL. */
  readonly url: string;
  /** Resolves when the server has stopped. */
  readonly finished: Promise<void>;
  /** Stops the server (waits for it). */
  shutdown(): Promise<void>;
}

/** The bundled files by URL path, e.g. `/_playground/page.js`. */
export type BundledFiles = ReadonlyMap<string, Uint8Array>;

const ENTRY_POINTS = [
  new URL("../_worker_main.ts", import.meta.url),
  new URL("./page.ts", import.meta.url),
  new URL("./worker.ts", import.meta.url),
];
const OUTPUT_DIR = "/bundle";
const BOOTSTRAP = "/_worker_main.js";

/**
 * Bundles the page, the worker bootstrap and the worker module for browsers,
 * in memory.
 *
 * @returns The files by URL path.
 * @throws {Error} When `Deno.bundle` is missing or bundling fails.
 */
export async function bundlePlayground(): Promise<BundledFiles> {
  if (typeof Deno.bundle !== "function") {
    throw new Error(
      "Cannot bundle the playground: Deno.bundle is unstable in this Deno; run with --unstable-bundle",
    );
  }
  const result = await Deno.bundle({
    entrypoints: ENTRY_POINTS.map((url) => url.href),
    outputDir: OUTPUT_DIR,
    platform: "browser",
    format: "esm",
    codeSplitting: true,
    minify: true,
    keepNames: true,
    write: false,
  });
  if (!result.success) {
    const messages = result.errors.map((error) => error.text).join("; ");
    throw new Error(`Cannot bundle the playground: ${messages}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles ?? []) {
    if (file.contents === undefined) continue;
    const path = file.path.replaceAll("\\", "/");
    const at = path.indexOf(OUTPUT_DIR + "/");
    files.set(path.slice(at + OUTPUT_DIR.length), file.contents);
  }
  if (!files.has(BOOTSTRAP) || !files.has("/_playground/page.js")) {
    throw new Error(
      `Cannot bundle the playground: unexpected output ${[...files.keys()]}`,
    );
  }
  return files;
}

/** Where the committed bundle lives. */
export const BUNDLE_DIR: URL = new URL("./bundle/", import.meta.url);

async function readTree(
  folder: URL,
  prefix: string,
  files: Map<string, Uint8Array>,
): Promise<void> {
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isDirectory) {
      await readTree(
        new URL(`${entry.name}/`, folder),
        `${prefix}${entry.name}/`,
        files,
      );
    } else if (entry.isFile && entry.name.endsWith(".js")) {
      files.set(
        `${prefix}${entry.name}`,
        await Deno.readFile(new URL(entry.name, folder)),
      );
    }
  }
}

/**
 * Reads the committed bundle.
 *
 * @returns The files by URL path.
 * @throws {Error} When the bundle is missing its page or bootstrap.
 */
export async function loadBundle(): Promise<BundledFiles> {
  const files = new Map<string, Uint8Array>();
  await readTree(BUNDLE_DIR, "/", files);
  if (!files.has(BOOTSTRAP) || !files.has("/_playground/page.js")) {
    throw new Error(
      "Cannot serve the playground: its bundle is missing; run deno task playground:build",
    );
  }
  return files;
}

/**
 * Writes `files` as the committed bundle, replacing the old one.
 *
 * @param files What {@linkcode bundlePlayground} returned.
 */
export async function writeBundle(files: BundledFiles): Promise<void> {
  await Deno.remove(BUNDLE_DIR, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  for (const [path, contents] of files) {
    const url = new URL(`.${path}`, BUNDLE_DIR);
    await Deno.mkdir(new URL("./", url), { recursive: true });
    await Deno.writeFile(url, contents);
  }
}

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wirework concurrency playground</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1rem 1.5rem; color: #222; background: #fafafa; }
  h1 { font-size: 1.2rem; margin: 0 0 .25rem; }
  #status { color: #555; margin-bottom: .5rem; }
  #controls { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; }
  #controls fieldset { border: 1px solid #ccc; border-radius: 6px; padding: .3rem .5rem; display: flex; gap: .3rem; flex-wrap: wrap; align-items: center; }
  #controls legend { font-size: .8rem; color: #666; }
  button { font: inherit; padding: .2rem .6rem; }
  #graph { background: #fff; border: 1px solid #ccc; border-radius: 6px; display: block; width: 100%; max-width: 760px; height: auto; }
  #target { width: 11rem; }
  #report { white-space: pre-wrap; background: #fff; border: 1px solid #ccc; border-radius: 6px; padding: .5rem; min-height: 3rem; max-width: 60rem; }
  #report.error { border-color: #c62828; }
  .legend { color: #555; font-size: .85rem; }
</style>
</head>
<body>
<h1>wirework concurrency playground</h1>
<div id="status">Loading…</div>
<div id="controls"></div>
<svg id="graph" viewBox="0 0 760 360" role="img" aria-label="Wait-for graph"></svg>
<p class="legend">Workers are circles, locks and other primitives are boxes. A green arrow from a lock to a worker: the worker holds it. An orange dashed arrow from a worker to a primitive: the worker waits for it. Red: a deadlock cycle.</p>
<pre id="report">Pick a scenario.</pre>
<script type="module" src="/_playground/page.js"></script>
</body>
</html>
`;

const encoder = new TextEncoder();

function respond(
  body: Uint8Array | string,
  type: string,
  status = 200,
): Response {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  return new Response(
    status === 204 ? null : bytes as Uint8Array<ArrayBuffer>,
    {
      status,
      headers: {
        ...ISOLATION_HEADERS,
        "content-type": type,
        "cache-control": "no-store",
      },
    },
  );
}

/**
 * Answers one request from the bundled files: `/` is the page, `X.js` a
 * bundle file, `X.ts` the bundle of `X.ts` (what `import.meta.url`-relative
 * URLs in the sources name), and any `…/_worker_main.ts` spawn's bootstrap.
 *
 * @param files What {@linkcode bundlePlayground} returned.
 * @param request The request.
 * @returns The response, with the isolation headers.
 */
export function answer(files: BundledFiles, request: Request): Response {
  const path = new URL(request.url).pathname;
  if (request.method !== "GET" && request.method !== "HEAD") {
    return respond("Method not allowed", "text/plain; charset=utf-8", 405);
  }
  if (path === "/" || path === "/index.html") {
    return respond(PAGE_HTML, "text/html; charset=utf-8");
  }
  if (path === "/favicon.ico") return respond("", "image/x-icon", 204);
  const bundled = path.endsWith("/_worker_main.ts")
    ? BOOTSTRAP
    : path.replace(/\.ts$/, ".js");
  const file = files.get(bundled);
  if (file === undefined) {
    return respond(`Not found: ${path}`, "text/plain; charset=utf-8", 404);
  }
  return respond(file, "text/javascript; charset=utf-8");
}

/**
 * Serves the page from its bundle, with the isolation headers on every
 * response.
 *
 * @param options Where to listen, and a signal to stop.
 * @returns The running server and its URL.
 */
export async function startPlayground(
  options: PlaygroundOptions = {},
): Promise<Playground> {
  const files = options.files ?? await loadBundle();
  const controller = new AbortController();
  const signal = options.signal === undefined
    ? controller.signal
    : AbortSignal.any([controller.signal, options.signal]);
  const listening = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve({
    hostname: options.hostname ?? "127.0.0.1",
    port: options.port ?? 0,
    signal,
    onListen: (address) => listening.resolve(address),
  }, (request) => answer(files, request));
  const address = await listening.promise;
  const host = address.hostname.includes(":")
    ? `[${address.hostname}]`
    : address.hostname;
  const shutdown = async (): Promise<void> => {
    controller.abort();
    await server.finished;
  };
  return {
    url: `http://${host}:${address.port}/`,
    finished: server.finished,
    shutdown,
    [Symbol.asyncDispose]: shutdown,
  };
}
