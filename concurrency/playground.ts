#!/usr/bin/env -S deno run --allow-read=. --allow-net=127.0.0.1
/**
 * Serves the concurrency playground: a page that runs wirework's primitives
 * in Web Workers of your browser and draws who holds what and who waits for
 * what, live, from the runtime's shared memory. The page, bundled ahead of
 * time into `concurrency/_playground/bundle/` (`deno task playground:build`),
 * is served on loopback, offline, with the two headers that
 * make it cross-origin isolated (`Cross-Origin-Opener-Policy: same-origin`,
 * `Cross-Origin-Embedder-Policy: require-corp`), without which browsers
 * refuse `SharedArrayBuffer`.
 *
 * ```sh
 * deno task playground            # then open the printed URL
 * deno task playground --port 8000
 * ```
 *
 * @module
 */

import { COMMON_USAGE, integerFlag, runScriptForStatus } from "../_cli.ts";
import { startPlayground } from "./_playground/server.ts";

const HELP =
  `Usage: deno run --allow-read=. --allow-net=127.0.0.1 concurrency/playground.ts [options]

Bundles the concurrency playground page and serves it on loopback with the
cross-origin isolation headers; open the printed URL in a browser.

Options:
      --port N           the port, 0 for a free one (default 0)
      --hostname HOST    the loopback address to listen on (default 127.0.0.1)
${COMMON_USAGE}`;

/**
 * Runs the playground server until Ctrl-C.
 *
 * @param args The command-line arguments.
 * @returns The exit status.
 */
export async function main(args: string[]): Promise<number> {
  return await runScriptForStatus(args, {
    name: "playground.ts",
    usage: HELP,
    options: {
      port: { type: "string" },
      hostname: { type: "string", default: "127.0.0.1" },
    },
    onInterrupt: "stop",
  }, async (values, _, { signal }) => {
    const playground = await startPlayground({
      hostname: values.hostname,
      port: integerFlag(values.port, "--port", 0, 0, 65_535),
      signal,
    });
    console.log(`Concurrency playground: ${playground.url}  (Ctrl-C to stop)`);
    await playground.finished;
    return 0;
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
