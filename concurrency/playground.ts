#!/usr/bin/env -S deno run --unstable-bundle --allow-read=. --allow-net=127.0.0.1
/**
 * Serves the concurrency playground: a page that runs wirework's primitives
 * in Web Workers of your browser and draws who holds what and who waits for
 * what, live, from the runtime's shared memory. The page is bundled with
 * Deno's bundler at start and served on loopback with the two headers that
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

import { parseArgs } from "node:util";
import { startPlayground } from "./_playground/server.ts";

const HELP =
  `Usage: deno run --unstable-bundle --allow-read=. --allow-net=127.0.0.1 concurrency/playground.ts [options]

Bundles the concurrency playground page and serves it on loopback with the
cross-origin isolation headers; open the printed URL in a browser.

Options:
  --port <n>      The port (default: 0, a free one)
  --hostname <h>  The loopback address to listen on (default: 127.0.0.1)
  -h, --help      Show this help
`;

/**
 * Runs the playground server until Ctrl-C.
 *
 * @param args The command-line arguments.
 * @returns The exit status.
 */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string", default: "0" },
        hostname: { type: "string", default: "127.0.0.1" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`Cannot use port "${values.port}": not a port number`);
    return 2;
  }
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    let playground;
    try {
      playground = await startPlayground({
        hostname: values.hostname,
        port,
        signal: controller.signal,
      });
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return 1;
    }
    console.log(`Concurrency playground: ${playground.url}  (Ctrl-C to stop)`);
    await playground.finished;
    return 0;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
