#!/usr/bin/env -S deno run --allow-net
/**
 * `http_get.ts URL`: the seed's "HTTP GET over a raw socket", made correct.
 * It prints the status line, the headers and the body, as the seed's example
 * did, through wirework's strict HTTP/1.1 client. Like curl, it can post form
 * data (`--data`), follow redirects (`--location`), ask for a compressed body
 * and decode it (`--compressed`), and save the body to a file with a
 * progress bar (`--output`).
 *
 * With no URL it starts a `Deno.serve` on 127.0.0.1, port 0, and shows the
 * client at work against it, offline: a GET, a second GET that reuses the
 * kept-alive connection, a chunked response, a HEAD, a form POST, a redirect
 * followed and a gzip body decoded. That run needs only
 * `--allow-net=127.0.0.1`.
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

import { parseArgs } from "node:util";
import { integerFlag } from "./_cli.ts";
import { Progress } from "./_progress.ts";
import { HttpClient } from "./http_client.ts";
import type { HttpRequestInit } from "./http_request.ts";
import type { HttpResponse } from "./http_response.ts";
import type { HttpStreamResponse } from "./http_stream_response.ts";

const HELP = `Usage: http_get.ts [options] [URL]

Sends one HTTP/1.1 request and prints the status line, headers and body.
With no URL, serves on 127.0.0.1 (port 0) and shows off the client offline:
a GET, keep-alive reuse, a chunked response, a HEAD, a form POST, a redirect
followed and a gzip body decoded.

Options:
  --head                  send HEAD instead of GET
  --header "Name: value"  add a request header (repeatable)
  -d, --data TEXT         POST TEXT as application/x-www-form-urlencoded
                          (unless --header sets a Content-Type), as curl -d
  -L, --location          follow redirects (default: print the 3xx, as curl)
  --compressed            ask for gzip, deflate or br and decode the body
  -o, --output FILE       write the body to FILE instead of stdout, with a
                          progress bar on stderr when it is a terminal
  --timeout MS            give up after MS milliseconds (default 30000)
  -h, --help              print this help
`;

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

/** Writes a streamed body to a file, reporting progress on stderr. */
async function saveBody(
  response: HttpStreamResponse,
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
  using file = await Deno.open(path, {
    write: true,
    create: true,
    truncate: true,
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
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let settings: GetSettings | undefined;
  let timeout: number;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        head: { type: "boolean" },
        header: { type: "string", multiple: true },
        data: { type: "string", short: "d" },
        location: { type: "boolean", short: "L" },
        compressed: { type: "boolean" },
        output: { type: "string", short: "o" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      print(HELP);
      return 0;
    }
    timeout = integerFlag(values.timeout, "--timeout", 30_000, 1);
    if (positionals.length > 1) {
      throw new TypeError(
        `Cannot fetch ${positionals.length} URLs: give one, or none for the offline tour`,
      );
    }
    if (values.head && values.data !== undefined) {
      throw new TypeError("Cannot use --head with --data: HEAD sends no body");
    }
    if (positionals.length === 1) {
      const headers = parseHeaders(values.header ?? []);
      if (
        values.data !== undefined &&
        !headers.some(([name]) => name.toLowerCase() === "content-type")
      ) {
        headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
      }
      settings = {
        url: positionals[0]!,
        init: {
          method: values.head
            ? "HEAD"
            : values.data !== undefined
            ? "POST"
            : "GET",
          headers,
          body: values.data,
          redirect: values.location ? "follow" : "manual",
          decompress: values.compressed ?? false,
          timeout,
        },
        output: values.output,
      };
    } else if (values.output !== undefined || values.data !== undefined) {
      throw new TypeError("Cannot use --output or --data without a URL");
    }
  } catch (error) {
    console.error(`http_get: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const controller = new AbortController();
  const onInterrupt = (): void =>
    controller.abort(new DOMException("Interrupted", "AbortError"));
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    if (settings === undefined) {
      await demo(timeout, controller.signal);
      return 0;
    }
    const init = { ...settings.init, signal: controller.signal };
    await using client = new HttpClient();
    if (settings.output === undefined) {
      printResponse(await client.request(settings.url, init));
      return 0;
    }
    await using response = await client.stream(settings.url, init);
    printHead(response);
    await saveBody(response, settings.output, init.decompress === true);
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
