#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * Fetches a URL with a timeout and a size limit, prints the status and a
 * preview of the body, and exits with a distinct status per failure reason.
 * With no URL it starts a server on 127.0.0.1 and fetches from it, so it
 * works offline. To fetch another host, grant it: `--allow-net=example.com`.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/url/fetch
 * deno run --allow-net=example.com jsr:@wirework/wirework/url/fetch https://example.com/
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { fetchUrl } from "./fetch_url.ts";
import { HTTPError } from "./http_error.ts";
import { URLError, type URLErrorCode } from "./url_error.ts";

export type { URLErrorCode } from "./url_error.ts";

/** The exit status for each failure code; 0 is success, 2 a usage error. */
export const EXIT_CODES: Readonly<Record<URLErrorCode, number>> = {
  http: 3,
  refused: 4,
  dns: 5,
  timeout: 6,
  tls: 7,
  "too-large": 8,
  network: 9,
  aborted: 130,
};

const HELP = `Usage: fetch.ts [options] [URL]

Fetches URL and prints its status, content type and the start of its body.
With no URL, starts a small server on 127.0.0.1 (a random port) and fetches
its page, so it works offline.

Options:
  --timeout MS     give up after MS milliseconds, body included (default 10000)
  --max-bytes N    refuse a body longer than N bytes (default 16777216)
  --preview N      print at most N characters of the body (default 400)
  --help           show this help

Exit status:
  0    the server answered with a status below 400
  2    usage error, URL is not a valid URL, or no --allow-net for its host
  3    http       the server answered 400 or more (the body preview is printed)
  4    refused    nothing listens at the host and port
  5    dns        the host name did not resolve
  6    timeout    no complete answer within --timeout
  7    tls        the TLS handshake or certificate failed
  8    too-large  the body was longer than --max-bytes
  9    network    any other transport failure
  130  aborted    interrupted with Ctrl-C

Fetching a host other than 127.0.0.1 needs --allow-net for it.`;

function preview(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function number(value: string | undefined, fallback: number, flag: string) {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new RangeError(`Cannot use ${flag} "${value}": expected a number`);
  }
  return parsed;
}

async function fetchAndPrint(
  url: string,
  options: { timeout: number; maxBytes: number; preview: number },
  signal: AbortSignal,
): Promise<number> {
  try {
    const response = await fetchUrl(url, {
      timeout: options.timeout,
      maxBytes: options.maxBytes,
      signal,
    });
    const type = response.headers.get("content-type") ?? "no content-type";
    console.log(
      `${response.status} ${response.statusText} (${response.body.length} bytes, ${type}) ${response.url}`,
    );
    console.log(preview(response.text(), options.preview));
    return 0;
  } catch (error) {
    if (error instanceof HTTPError) {
      console.error(error.message);
      console.error(preview(error.bodyPreview, options.preview));
      return EXIT_CODES.http;
    }
    if (error instanceof URLError) {
      const code = error.code as URLErrorCode;
      console.error(`${error.message} (${code})`);
      return EXIT_CODES[code];
    }
    if (
      error instanceof TypeError || error instanceof Deno.errors.NotCapable
    ) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

/** Serves a small page on 127.0.0.1 for the offline default. */
function startLocalServer(): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () =>
      new Response(
        "Hello from wirework's url/fetch.ts: this page was served on loopback.\n",
        { headers: { "content-type": "text/plain; charset=utf-8" } },
      ),
  );
}

/**
 * Runs the script.
 *
 * @param args The command-line arguments.
 * @returns The exit status (see `--help`).
 */
export async function main(args: string[]): Promise<number> {
  let options;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args,
      options: {
        timeout: { type: "string" },
        "max-bytes": { type: "string" },
        preview: { type: "string" },
        help: { type: "boolean" },
      },
      allowPositionals: true,
    });
    if (parsed.values.help) {
      console.log(HELP);
      return 0;
    }
    if (parsed.positionals.length > 1) {
      throw new RangeError("Cannot fetch more than one URL at a time");
    }
    positionals = parsed.positionals;
    options = {
      timeout: number(parsed.values.timeout, 10_000, "--timeout"),
      maxBytes: number(
        parsed.values["max-bytes"],
        16 * 1024 * 1024,
        "--max-bytes",
      ),
      preview: number(parsed.values.preview, 400, "--preview"),
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  const server = positionals.length === 0 ? startLocalServer() : undefined;
  try {
    const url = positionals[0] ??
      `http://127.0.0.1:${server!.addr.port}/`;
    return await fetchAndPrint(url, options, controller.signal);
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
    await server?.shutdown();
  }
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
