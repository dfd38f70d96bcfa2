#!/usr/bin/env -S deno run --allow-net
/**
 * `http_get.ts URL`: the seed's "HTTP GET over a raw socket", made correct.
 * It prints the status line, the headers and the body, as the seed's example
 * did, through wirework's strict HTTP/1.1 client.
 *
 * With no URL it starts a `Deno.serve` on 127.0.0.1, port 0, and shows the
 * client at work against it, offline: a GET, a second GET that reuses the
 * kept-alive connection, a chunked response, a HEAD. That run needs only
 * `--allow-net=127.0.0.1`.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/net/http-get
 * deno run --allow-net jsr:@wirework/wirework/net/http-get --head http://example.com/
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { HttpClient } from "./http_client.ts";
import type { HttpRequestInit } from "./http_request.ts";
import type { HttpResponse } from "./http_response.ts";

const HELP = `Usage: http_get.ts [options] [URL]

Sends one HTTP/1.1 request and prints the status line, headers and body.
With no URL, serves on 127.0.0.1 (port 0) and shows off the client offline:
a GET, keep-alive reuse, a chunked response and a HEAD.

Options:
  --head                  send HEAD instead of GET
  --header "Name: value"  add a request header (repeatable)
  --timeout MS            give up after MS milliseconds (default 30000)
  -h, --help              print this help
`;

const encoder = new TextEncoder();

function print(text: string): void {
  Deno.stdout.writeSync(encoder.encode(text));
}

function printResponse(response: HttpResponse, withBody = true): void {
  print(
    `HTTP/${response.httpVersion} ${response.status} ${response.statusText}\n`,
  );
  for (const [name, value] of response.rawHeaders) {
    print(`${name}: ${value}\n`);
  }
  print("\n");
  if (withBody && response.body.length > 0) {
    Deno.stdout.writeSync(response.body);
    if (response.body.at(-1) !== 10) print("\n");
  }
}

function parseHeaders(lines: string[]): [string, string][] {
  return lines.map((line) => {
    const colon = line.indexOf(":");
    if (colon <= 0) {
      throw new TypeError(
        `Cannot use header "${line}": it must look like "Name: value"`,
      );
    }
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}

/** Serves a few routes on loopback and fetches them with one client. */
async function demo(timeout: number, signal: AbortSignal): Promise<void> {
  const connections = new Set<number>();
  await using server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal,
    onListen() {},
  }, (request, info) => {
    connections.add(info.remoteAddr.port);
    if (new URL(request.url).pathname === "/chunked") {
      // A body of unknown length: Deno.serve sends it chunked.
      return new Response(
        ReadableStream.from(["one ", "two ", "three\n"]).pipeThrough(
          new TextEncoderStream(),
        ),
      );
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
  print(
    `(4 requests, ${connections.size} connection${
      connections.size === 1 ? "" : "s"
    })\n`,
  );
}

/**
 * Runs the script.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let values: {
    head?: boolean;
    header?: string[];
    timeout?: string;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        head: { type: "boolean" },
        header: { type: "string", multiple: true },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`http_get: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    print(HELP);
    return 0;
  }
  const timeout = values.timeout === undefined
    ? 30_000
    : Number(values.timeout);
  if (!(timeout > 0) || positionals.length > 1) {
    console.error(`http_get: bad arguments\n\n${HELP}`);
    return 2;
  }
  const controller = new AbortController();
  const onInterrupt = (): void =>
    controller.abort(new DOMException("Interrupted", "AbortError"));
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    if (positionals.length === 0) {
      await demo(timeout, controller.signal);
      return 0;
    }
    const init: HttpRequestInit = {
      method: values.head ? "HEAD" : "GET",
      headers: parseHeaders(values.header ?? []),
      timeout,
      signal: controller.signal,
    };
    await using client = new HttpClient();
    printResponse(await client.request(positionals[0]!, init));
    return 0;
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof Error && "code" in error
      ? ` ${String(error.code)}`
      : "";
    console.error(`http_get: ${name}${code}: ${message}`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
