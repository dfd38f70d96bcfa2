#!/usr/bin/env -S deno run --allow-net
/**
 * `http_get.ts URL`: the classic "HTTP GET over a raw socket" example, made
 * correct. It prints the status line, the headers and the body, as that
 * example does, through wirework's strict HTTP/1.1 client. Like curl, it can post form
 * data (`--data`), follow redirects (`--location`), ask for a compressed body
 * and decode it (`--compressed`), and save the body to a file with a
 * progress bar (`--output`).
 *
 * With no URL it starts a `Deno.serve` on 127.0.0.1, port 0, and shows the
 * client at work against it, offline: a GET, a second GET that reuses the
 * kept-alive connection, a chunked response, a HEAD, a form POST, a redirect
 * followed and a gzip body decoded. That run needs only
 * `--allow-net=127.0.0.1`. It follows the package's command-line
 * convention: `-h`/`--help`, `--version`, one-line failures with exit 1
 * (a bad URL, refused, timed out, not permitted), usage errors with exit 2,
 * Ctrl-C with exit 130, and `--timeout 0` for no time limit.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/net/http-get
 * deno run --allow-net jsr:@wirework/wirework/net/http-get --head http://example.com/
 * deno run --allow-net --allow-write=. jsr:@wirework/wirework/net/http-get \
 *   --location --compressed --output page.html http://example.com/
 * ```
 *
 * @module
 */

import {
  COMMON_USAGE,
  runScriptForStatus,
  ScriptError,
  timeoutFlag,
  UsageError,
} from "../_cli.ts";
import { Progress } from "../_progress.ts";
import { explainHttpFailure } from "./_http_get_failure.ts";
import { HttpClient } from "./http_client.ts";
import type { HttpRequestInit } from "./http_request.ts";
import type { HttpResponse } from "./http_response.ts";
import type { HttpStreamResponse } from "./http_stream_response.ts";

const USAGE = `Usage: http_get.ts [options] [URL]

Sends one HTTP/1.1 request and prints the status line, headers and body.
With no URL, serves on 127.0.0.1 (port 0) and shows off the client offline:
a GET, keep-alive reuse, a chunked response, a HEAD, a form POST, a redirect
followed and a gzip body decoded.

Options:
      --head                  send HEAD instead of GET
      --header "Name: value"  add a request header (repeatable)
  -d, --data TEXT             POST TEXT as application/x-www-form-urlencoded
                              (unless --header sets a Content-Type), as curl -d
  -L, --location              follow redirects (default: print the 3xx, as curl)
      --compressed            ask for gzip, deflate or br and decode the body
  -o, --output FILE           write the body to FILE instead of stdout, with a
                              progress bar on stderr when it is a terminal
                              (needs --allow-write for FILE)
      --timeout MS            give up after MS milliseconds, 0 for never
                              (default 30000)
${COMMON_USAGE}

A response of any status is printed and exits 0, as curl does; 1 means no
response: a bad URL, refused, timed out, not permitted (the line names the
flag to add), or a malformed response (with its error code).`;

const encoder = new TextEncoder();

function print(text: string): void {
  Deno.stdout.writeSync(encoder.encode(text));
}

function printHead(response: HttpResponse | HttpStreamResponse): void {
  print(
    `HTTP/${response.httpVersion} ${response.status} ${response.statusText}\n`,
  );
  for (const [name, value] of response.rawHeaders) {
    print(`${name}: ${value}\n`);
  }
  print("\n");
}

function printResponse(response: HttpResponse, withBody = true): void {
  printHead(response);
  if (withBody && response.body.length > 0) {
    Deno.stdout.writeSync(response.body);
    if (response.body.at(-1) !== 10) print("\n");
  }
}

function parseHeaders(lines: string[]): [string, string][] {
  return lines.map((line) => {
    const colon = line.indexOf(":");
    if (colon <= 0) {
      throw new UsageError(
        `Cannot use header "${line}": it must look like "Name: value"`,
      );
    }
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}

/** Serves a few routes on loopback and fetches them with one client. */
async function demo(timeout: number, signal: AbortSignal): Promise<void> {
  const connections = new Set<number>();
  let requests = 0;
  const gzipped = await new Response(
    ReadableStream.from([encoder.encode("squeezed ".repeat(100) + "\n")])
      .pipeThrough(new CompressionStream("gzip")),
  ).bytes();
  await using server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal,
    onListen() {},
  }, async (request, info) => {
    connections.add(info.remoteAddr.port);
    requests++;
    const { pathname } = new URL(request.url);
    if (pathname === "/chunked") {
      // A body of unknown length: Deno.serve sends it chunked.
      return new Response(
        ReadableStream.from(["one ", "two ", "three\n"]).pipeThrough(
          new TextEncoderStream(),
        ),
      );
    }
    if (pathname === "/form") {
      const form = await request.formData();
      return new Response(
        `hello ${form.get("name")}, you said ${form.get("say")}\n`,
      );
    }
    if (pathname === "/old") {
      return new Response(null, { status: 301, headers: { location: "/new" } });
    }
    if (pathname === "/new") return new Response("you were redirected here\n");
    if (pathname === "/gzip") {
      return new Response(gzipped as BodyInit, {
        headers: { "content-encoding": "gzip", "content-type": "text/plain" },
      });
    }
    return new Response("hello from Deno.serve on loopback\n");
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  await using client = new HttpClient({ timeout });
  print(`# GET ${base}/\n`);
  printResponse(await client.request(`${base}/`, { signal }));
  print(`\n# GET ${base}/ again, on the kept-alive connection\n`);
  printResponse(await client.request(`${base}/`, { signal }));
  print(
    `(the server saw ${connections.size} connection${
      connections.size === 1 ? "" : "s"
    } for 2 requests)\n`,
  );
  print(`\n# GET ${base}/chunked\n`);
  printResponse(await client.request(`${base}/chunked`, { signal }));
  print(`\n# HEAD ${base}/\n`);
  printResponse(
    await client.request(`${base}/`, { method: "HEAD", signal }),
    false,
  );
  print(`\n# POST ${base}/form with a URLSearchParams body (--data)\n`);
  printResponse(
    await client.request(`${base}/form`, {
      method: "POST",
      body: new URLSearchParams({ name: "wirework", say: "a b & c" }),
      signal,
    }),
  );
  print(`\n# GET ${base}/old, redirects followed (--location)\n`);
  const moved = await client.request(`${base}/old`, { signal });
  printResponse(moved);
  print(`(redirected: ${moved.redirected}, url: ${moved.url})\n`);
  print(`\n# GET ${base}/gzip, decoded (--compressed)\n`);
  const squeezed = await client.request(`${base}/gzip`, { signal });
  print(
    `(${
      squeezed.headers.get("content-length")
    } bytes of gzip on the wire, ${squeezed.body.length} decoded: "${
      squeezed.text().slice(0, 27)
    }...")\n`,
  );
  print(
    `(${requests} requests, ${connections.size} connection${
      connections.size === 1 ? "" : "s"
    })\n`,
  );
}

/** The settings of one request from the command line. */
interface GetSettings {
  url: string;
  init: HttpRequestInit;
  output: string | undefined;
}

/** Reads the request to send from the flags, or none for the tour. */
function readSettings(
  values: {
    head?: boolean;
    header?: string[];
    data?: string;
    location?: boolean;
    compressed?: boolean;
    output?: string;
  },
  positionals: string[],
  timeout: number,
): GetSettings | undefined {
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot fetch ${positionals.length} URLs: give one, or none for the offline tour`,
    );
  }
  if (values.head && values.data !== undefined) {
    throw new UsageError("Cannot use --head with --data: HEAD sends no body");
  }
  if (positionals.length === 0) {
    if (values.output !== undefined || values.data !== undefined) {
      throw new UsageError("Cannot use --output or --data without a URL");
    }
    return undefined;
  }
  const headers = parseHeaders(values.header ?? []);
  if (
    values.data !== undefined &&
    !headers.some(([name]) => name.toLowerCase() === "content-type")
  ) {
    headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  return {
    url: checkUrl(positionals[0]!),
    init: {
      method: values.head ? "HEAD" : values.data !== undefined ? "POST" : "GET",
      headers,
      body: values.data,
      redirect: values.location ? "follow" : "manual",
      decompress: values.compressed ?? false,
      timeout,
    },
    output: values.output,
  };
}

/** A URL the client can fetch, or a one-line failure saying why not. */
function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ScriptError(
      `Cannot fetch "${text}": it is not a valid URL (try http://${text})`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ScriptError(
      `Cannot fetch "${text}": only http: and https: URLs are supported`,
    );
  }
  return url.href;
}

/** Writes a streamed body to a file, reporting progress on stderr. */
async function saveBody(
  response: HttpStreamResponse,
  file: Deno.FsFile,
  path: string,
  compressed: boolean,
): Promise<void> {
  const length = response.headers.get("content-length");
  // A decoded body's length is not the Content-Length of the wire.
  const encoded = compressed && response.headers.has("content-encoding");
  const progress = new Progress({
    total: length === null || encoded ? undefined : Number(length),
    live: Deno.stderr.isTerminal(),
    write: (text) => Deno.stderr.writeSync(encoder.encode(text)),
  });
  for await (const piece of response.body) {
    let written = 0;
    while (written < piece.length) {
      written += await file.write(piece.subarray(written));
    }
    progress.add(piece.length);
  }
  progress.finish(`saved to ${path}`);
}

/**
 * Runs the script.
 *
 * @param args Command-line arguments.
 * @returns The exit code: 0 on a response, 1 on a one-line failure, 2 on a
 * usage error, 130 after Ctrl-C.
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/net/http-get";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await main(["--help"]), 0);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  return await runScriptForStatus(args, {
    name: "http_get.ts",
    usage: USAGE,
    options: {
      head: { type: "boolean" },
      header: { type: "string", multiple: true },
      data: { type: "string", short: "d" },
      location: { type: "boolean", short: "L" },
      compressed: { type: "boolean" },
      output: { type: "string", short: "o" },
      timeout: { type: "string" },
    },
    allowPositionals: true,
    onInterrupt: "stop",
  }, async (values, positionals, { signal }) => {
    const timeout = timeoutFlag(values.timeout, 30_000) ?? Infinity;
    const settings = readSettings(values, positionals, timeout);
    if (settings === undefined) {
      await demo(timeout, signal);
      return 0;
    }
    const init = { ...settings.init, signal };
    try {
      await using client = new HttpClient();
      if (settings.output === undefined) {
        printResponse(await client.request(settings.url, init));
        return 0;
      }
      // Opened first: a file that may not be written fails before the request.
      using file = await Deno.open(settings.output, {
        write: true,
        create: true,
        truncate: true,
      });
      await using response = await client.stream(settings.url, init);
      printHead(response);
      await saveBody(
        response,
        file,
        settings.output,
        init.decompress === true,
      );
      return 0;
    } catch (error) {
      throw explainHttpFailure(error, settings.url);
    }
  });
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
