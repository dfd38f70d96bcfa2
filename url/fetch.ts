#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * Fetches a URL with a timeout and a size limit, prints the status and a
 * preview of the body (or saves the body to a file with a progress bar),
 * and explains a failure in one line. With no URL it starts a server on
 * 127.0.0.1 and fetches from it, so it works offline. To fetch another
 * host, grant it: `--allow-net=example.com`. It follows the package's
 * command-line convention: `-h`/`--help`, `--version`, one-line failures
 * with exit 1, usage errors with exit 2, Ctrl-C with exit 130, and
 * `--timeout 0` for no time limit.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/url/fetch
 * deno run --allow-net=example.com jsr:@wirework/wirework/url/fetch https://example.com/
 * deno run --allow-net=example.com --allow-write=. jsr:@wirework/wirework/url/fetch \
 *   --output page.html https://example.com/
 * ```
 *
 * @module
 */

import {
  COMMON_USAGE,
  integerFlag,
  runScriptForStatus,
  ScriptError,
  timeoutFlag,
  UsageError,
} from "../_cli.ts";
import { Progress } from "../_progress.ts";
import { fetchUrl, type FetchUrlResponse } from "./fetch_url.ts";
import { HTTPError } from "./http_error.ts";
import { URLError } from "./url_error.ts";

export type { URLErrorCode } from "./url_error.ts";

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

const USAGE = `Usage: fetch.ts [options] [URL]

Fetches URL and prints its status, content type and the start of its body.
With no URL, starts a small server on 127.0.0.1 (a random port) and fetches
its page, so it works offline.

Options:
      --timeout MS       give up after MS milliseconds, body included, 0 for
                         never (default 10000)
      --max-bytes N      refuse a body longer than N bytes (default ${DEFAULT_MAX_BYTES})
      --preview N        print at most N characters of the body (default 400)
  -o, --output FILE      save the body to FILE instead (needs --allow-write for
                         it), with a progress bar on stderr when it is a terminal
${COMMON_USAGE}

A failure's line names its cause: a bad URL, not permitted (with the flag to
add), refused, dns, timeout, tls, too-large, network, or the HTTP status of
an answer of 400 or more (whose body preview is printed on stdout).
Fetching a host other than 127.0.0.1 needs --allow-net for it.`;

const encoder = new TextEncoder();

function preview(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** The settings of one fetch from the command line. */
interface FetchSettings {
  timeout: number;
  maxBytes: number;
  preview: number;
  output: string | undefined;
}

/** Turns what `fetchUrl` threw into one line naming the cause. */
function explainFailure(error: unknown, settings: FetchSettings): unknown {
  if (error instanceof HTTPError) {
    // The server's own words about the failure are output, not diagnostics.
    console.log(preview(error.bodyPreview, settings.preview));
    return new ScriptError(error.message, { cause: error });
  }
  if (error instanceof URLError) {
    return new ScriptError(`${error.message} (${error.code})`, {
      cause: error,
    });
  }
  if (error instanceof TypeError && error.message.startsWith("Cannot fetch")) {
    return new ScriptError(error.message, { cause: error });
  }
  return error;
}

/** Fetches the body, reporting progress, and writes it to a file. */
async function fetchToFile(
  url: string,
  settings: FetchSettings & { output: string },
  signal: AbortSignal,
): Promise<FetchUrlResponse> {
  let progress: Progress | undefined;
  let progressed = 0;
  const startedAt = performance.now();
  const start = (total: number | undefined): Progress =>
    new Progress({
      total,
      startedAt,
      live: Deno.stderr.isTerminal(),
      write: (text) => Deno.stderr.writeSync(encoder.encode(text)),
    });
  // Opened first: a file that cannot be written fails before the download.
  using file = await Deno.open(settings.output, {
    write: true,
    create: true,
    truncate: true,
  });
  const response = await fetchUrl(url, {
    timeout: settings.timeout,
    maxBytes: settings.maxBytes,
    signal,
    onProgress(received, total) {
      progress ??= start(total);
      progress.add(received - progressed);
      progressed = received;
    },
  });
  let written = 0;
  while (written < response.body.length) {
    written += await file.write(response.body.subarray(written));
  }
  (progress ?? start(0)).finish(`saved to ${settings.output}`);
  return response;
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
 * @returns The exit status: 0 on an answer below 400, 1 on a one-line
 * failure, 2 on a usage error, 130 after Ctrl-C.
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/url/fetch";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await main(["--help"]), 0);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  return await runScriptForStatus(args, {
    name: "fetch.ts",
    usage: USAGE,
    options: {
      timeout: { type: "string" },
      "max-bytes": { type: "string" },
      preview: { type: "string" },
      output: { type: "string", short: "o" },
    },
    allowPositionals: true,
    onInterrupt: "stop",
  }, async (values, positionals, { signal }) => {
    if (positionals.length > 1) {
      throw new UsageError("Cannot fetch more than one URL at a time");
    }
    const settings: FetchSettings = {
      timeout: timeoutFlag(values.timeout, 10_000) ?? Infinity,
      maxBytes: integerFlag(
        values["max-bytes"],
        "--max-bytes",
        DEFAULT_MAX_BYTES,
      ),
      preview: integerFlag(values.preview, "--preview", 400),
      output: values.output,
    };
    await using server = positionals.length === 0
      ? startLocalServer()
      : undefined;
    const url = positionals[0] ?? `http://127.0.0.1:${server!.addr.port}/`;
    let response: FetchUrlResponse;
    try {
      response = settings.output === undefined
        ? await fetchUrl(url, {
          timeout: settings.timeout,
          maxBytes: settings.maxBytes,
          signal,
        })
        : await fetchToFile(
          url,
          { ...settings, output: settings.output },
          signal,
        );
    } catch (error) {
      throw explainFailure(error, settings);
    }
    const type = response.headers.get("content-type") ?? "no content-type";
    console.log(
      `${response.status} ${response.statusText} (${response.body.length} bytes, ${type}) ${response.url}`,
    );
    if (settings.output === undefined) {
      console.log(preview(response.text(), settings.preview));
    }
    return 0;
  });
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
