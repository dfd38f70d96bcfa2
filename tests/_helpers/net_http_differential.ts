/**
 * The differential test of net/'s HTTP client against llhttp, through
 * Node's `node:http` client: a seeded generator of raw responses (valid ones
 * in every framing, and mutations of them), one loopback server that serves
 * any case whole or byte by byte, and a driver that asks both clients for
 * each case and says where they disagree.
 *
 * @module
 */

import { HttpClient, HttpProtocolError } from "../../net/mod.ts";

/** One response to serve, and the request method it answers. */
export interface DifferentialCase {
  /** Stable within a seed: `gen-17`, `trunc-chunked-40`, a corpus id. */
  id: string;
  /** The bytes, one string character per byte (latin-1). */
  raw: string;
  /** `GET` or `HEAD`. */
  method: string;
  /** What the generator did: the framing and every mutation applied. */
  tags: string[];
}

/** What one client made of a response. */
export type Outcome =
  | { verdict: "accept"; status: number; body: string }
  | { verdict: "reject"; error: string };

const CRLF = "\r\n";

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomText(random: Random, length: number, binary: boolean): string {
  let text = "";
  for (let at = 0; at < length; at++) {
    text += binary
      ? String.fromCharCode(Math.floor(random() * 256))
      : String.fromCharCode(0x20 + Math.floor(random() * 95));
  }
  return text;
}

/** A response being built: head lines without line ends, body parts. */
interface Model {
  interim: string[];
  statusLine: string;
  headers: string[];
  /** Chunked bodies: size lines and data; otherwise `body`. */
  chunks: { sizeLine: string; data: string; end: string }[] | undefined;
  trailers: string[];
  body: string;
  chunked: boolean;
  /** Set by mutations that rewrite the serialized bytes. */
  post: ((raw: string) => string)[];
}

function serialize(model: Model): string {
  let raw = model.interim.join("");
  raw += [model.statusLine, ...model.headers].join(CRLF) + CRLF + CRLF;
  if (model.chunks !== undefined) {
    for (const chunk of model.chunks) {
      raw += chunk.sizeLine + CRLF + chunk.data + chunk.end;
    }
    raw += "0" + CRLF + model.trailers.map((line) => line + CRLF).join("") +
      CRLF;
  } else {
    raw += model.body;
  }
  for (const rewrite of model.post) raw = rewrite(raw);
  return raw;
}

const PLAIN_HEADERS: readonly string[] = [
  "Content-Type: text/plain; charset=utf-8",
  "Server: generated",
  "Set-Cookie: a=b; Path=/; HttpOnly",
  "X-Empty:",
  "Date: Sun, 29 Nov 2026 05:00:00 GMT",
  "x-lower: value",
  "X-Obs-Text: caf\xe9 \xff",
  "Cache-Control: no-cache, no-store",
  "X-Tab:\tvalue\twith tabs",
  "X-Trailing-Space: value   ",
  "Connection: keep-alive",
  "Connection: close",
  'ETag: "abc"',
];

const REASONS: readonly string[] = [
  "OK",
  "",
  "Not Found",
  "A Longer Reason Phrase",
  "r\xe9ason \x80\xff",
];

/** Index of the header line named `name` (case-insensitive), or -1. */
function headerIndex(model: Model, name: string): number {
  const lower = name.toLowerCase() + ":";
  return model.headers.findIndex((line) =>
    line.toLowerCase().startsWith(lower)
  );
}

type Mutation = (model: Model, random: Random) => boolean;

/** Each mutation returns false when it does not apply to the model. */
const MUTATIONS: Record<string, Mutation> = {
  "space-before-colon": (model, random) => {
    if (model.headers.length === 0) return false;
    const at = Math.floor(random() * model.headers.length);
    model.headers[at] = model.headers[at]!.replace(":", " :");
    return true;
  },
  "space-in-name": (model, random) => {
    if (model.headers.length === 0) return false;
    const at = Math.floor(random() * model.headers.length);
    model.headers[at] = model.headers[at]!.replace(/^(.)/, "$1 ");
    return true;
  },
  "whitespace-first-line": (model) => {
    if (model.headers.length === 0) return false;
    model.headers[0] = " " + model.headers[0];
    return true;
  },
  "obs-fold": (model, random) => {
    if (model.headers.length === 0) return false;
    const at = Math.floor(random() * model.headers.length);
    model.headers.splice(at + 1, 0, pick(random, [" folded", "\tfolded", " "]));
    return true;
  },
  "empty-name": (model) => {
    model.headers.push(": no name");
    return true;
  },
  "no-colon": (model) => {
    model.headers.push("No-Colon-Here");
    return true;
  },
  "nul-in-value": (model) => {
    model.headers.push("X-Nul: a\0b");
    return true;
  },
  "nul-in-name": (model) => {
    model.headers.push("X-N\0ul: a");
    return true;
  },
  "ctl-in-value": (model, random) => {
    model.headers.push(`X-Ctl: a${pick(random, ["\x01", "\x7f", "\x1b"])}b`);
    return true;
  },
  "nul-in-reason": (model) => {
    model.statusLine += "\0x";
    return true;
  },
  "status-double-space": (model) => {
    model.statusLine = model.statusLine.replace(" ", "  ");
    return true;
  },
  "status-no-reason": (model) => {
    model.statusLine = model.statusLine.slice(0, 12);
    return true;
  },
  "status-no-space-before-reason": (model) => {
    model.statusLine = model.statusLine.slice(0, 12) + "OK";
    return true;
  },
  "status-version": (model, random) => {
    model.statusLine = pick(random, [
      "http/1.1",
      "HTTP/1.2",
      "HTTP/2.0",
      "HTTP/0.9",
      "HTTP/11",
      "HTTPS/1.1",
    ]) + model.statusLine.slice(8);
    return true;
  },
  "status-code": (model, random) => {
    model.statusLine = model.statusLine.slice(0, 9) +
      pick(random, ["20", "2000", "099", "abc", "-20", "20x", "000"]) +
      model.statusLine.slice(12);
    return true;
  },
  "content-length-repeated": (model) => {
    const at = headerIndex(model, "content-length");
    if (at === -1) return false;
    model.headers.push(model.headers[at]!);
    return true;
  },
  "content-length-conflicting": (model) => {
    const at = headerIndex(model, "content-length");
    if (at === -1) return false;
    const length = Number(model.headers[at]!.split(":")[1]);
    model.headers.push(`Content-Length: ${length + 1}`);
    return true;
  },
  "content-length-list": (model, random) => {
    const at = headerIndex(model, "content-length");
    if (at === -1) return false;
    const length = Number(model.headers[at]!.split(":")[1]);
    model.headers[at] = `Content-Length: ${length}, ${
      random() < 0.5 ? length : length + 1
    }`;
    return true;
  },
  "content-length-syntax": (model, random) => {
    const at = headerIndex(model, "content-length");
    if (at === -1) return false;
    const length = Number(model.headers[at]!.split(":")[1]);
    model.headers[at] = "Content-Length: " + pick(random, [
      `+${length}`,
      `-1`,
      `0x${length.toString(16)}`,
      `00${length}`,
      `${length} `,
      `1 2`,
      "",
      "99999999999999999999",
      `${length}.0`,
    ]);
    return true;
  },
  "content-length-with-chunked": (model) => {
    if (!model.chunked) return false;
    model.headers.push("Content-Length: 5");
    return true;
  },
  "transfer-encoding-list": (model, random) => {
    const at = headerIndex(model, "transfer-encoding");
    if (at === -1) return false;
    model.headers[at] = "Transfer-Encoding: " + pick(random, [
      "gzip, chunked",
      "chunked, gzip",
      "chunked, chunked",
      "identity",
      "Chunked",
      "CHUNKED",
      "chunked ",
      " chunked",
      "gzip,chunked",
      "chunked;q=1",
      "",
      ",chunked",
      "chunked,",
    ]);
    return true;
  },
  "transfer-encoding-twice": (model, random) => {
    const at = headerIndex(model, "transfer-encoding");
    if (at === -1) return false;
    model.headers.splice(
      at,
      0,
      `Transfer-Encoding: ${pick(random, ["gzip", "chunked", "identity"])}`,
    );
    return true;
  },
  "transfer-encoding-http10": (model) => {
    if (!model.chunked || model.statusLine.startsWith("HTTP/1.0")) {
      return false;
    }
    model.statusLine = "HTTP/1.0" + model.statusLine.slice(8);
    return true;
  },
  "chunk-size-syntax": (model, random) => {
    const chunk = model.chunks?.[0];
    if (chunk === undefined) return false;
    const size = chunk.data.length.toString(16);
    chunk.sizeLine = pick(random, [
      `0x${size}`,
      `-${size}`,
      ` ${size}`,
      `${size} `,
      `${size}\t;a=b`,
      `${size} ;a=b`,
      "g",
      "",
      `${size};`,
      `${size};a="b c"`,
      `${size};a=\0`,
      `${size};a=\x01`,
      `fffffffffffffffffffff`,
      `${size}${size}`,
      `+${size}`,
    ]);
    return true;
  },
  "chunk-data-short": (model) => {
    const chunk = model.chunks?.[0];
    if (chunk === undefined || chunk.data.length === 0) return false;
    chunk.data = chunk.data.slice(1);
    return true;
  },
  "chunk-no-crlf": (model, random) => {
    const chunk = model.chunks?.[0];
    if (chunk === undefined) return false;
    chunk.end = pick(random, ["", "\n", "\r", "XX"]);
    return true;
  },
  "trailer-syntax": (model, random) => {
    if (!model.chunked) return false;
    model.trailers.push(
      pick(random, ["Bad Trailer: x", "X-T: a\0b", " folded", "NoColon"]),
    );
    return true;
  },
  "bare-lf": (model, random) => {
    const skip = Math.floor(random() * 4);
    model.post.push((raw) => {
      let at = -1;
      for (let found = 0; found <= skip; found++) {
        const next = raw.indexOf(CRLF, at + 1);
        if (next === -1) break;
        at = next;
      }
      return at === -1 ? raw : raw.slice(0, at) + raw.slice(at + 1);
    });
    return true;
  },
  "bare-cr": (model, random) => {
    const skip = Math.floor(random() * 4);
    model.post.push((raw) => {
      let at = -1;
      for (let found = 0; found <= skip; found++) {
        const next = raw.indexOf(CRLF, at + 1);
        if (next === -1) break;
        at = next;
      }
      return at === -1 ? raw : raw.slice(0, at + 1) + raw.slice(at + 2);
    });
    return true;
  },
  "huge-header": (model, random) => {
    // Far from Node's 16 KiB limit either way, even with many-headers: its
    // count and ours differ by what each includes, which is no disagreement.
    const size = pick(random, [4096, 5000, 7000, 20000, 40000]);
    model.headers.push(`X-Huge: ${"h".repeat(size)}`);
    return true;
  },
  "many-headers": (model, random) => {
    if (model.headers.includes("X-Many-0: v")) return false;
    const count = pick(random, [100, 300, 600]);
    for (let index = 0; index < count; index++) {
      model.headers.push(`X-Many-${index}: v`);
    }
    return true;
  },
  "unsolicited-101": (model) => {
    model.interim.push(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n",
    );
    return true;
  },
};

/** Mutation names, in a fixed order, for the generator and the README. */
export const MUTATION_NAMES: readonly string[] = Object.keys(MUTATIONS);

/**
 * Makes one response: a valid one in a random framing, then (more often
 * than not) one or two mutations.
 *
 * @param random The seeded generator.
 * @param id The case id.
 * @returns The case.
 */
export function generateCase(random: Random, id: string): DifferentialCase {
  const tags: string[] = [];
  const method = random() < 0.15 ? "HEAD" : "GET";
  const version = random() < 0.1 ? "HTTP/1.0" : "HTTP/1.1";
  if (version === "HTTP/1.0") tags.push("http10");
  const status = pick(random, [
    200,
    200,
    200,
    201,
    204,
    206,
    301,
    304,
    404,
    500,
    299,
    599,
  ]);
  const reason = pick(random, REASONS);
  const model: Model = {
    interim: [],
    statusLine: `${version} ${status}${reason === "" ? " " : ` ${reason}`}`,
    headers: [],
    chunks: undefined,
    trailers: [],
    body: "",
    chunked: false,
    post: [],
  };
  if (random() < 0.12) {
    tags.push("interim");
    model.interim.push(
      pick(random, [
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n",
        "HTTP/1.1 102 Processing\r\n\r\n",
      ]),
    );
  }
  for (let count = Math.floor(random() * 5); count > 0; count--) {
    let line = pick(random, PLAIN_HEADERS);
    if (random() < 0.2) line = line.toUpperCase();
    model.headers.push(line);
  }
  const bodiless = method === "HEAD" || status === 204 || status === 304;
  const length = random() < 0.2 ? 0 : Math.floor(random() ** 2 * 300);
  const body = randomText(random, length, random() < 0.3);
  const framing = pick(random, ["length", "length", "chunked", "close"]);
  tags.push(framing);
  if (framing === "length") {
    model.headers.splice(
      Math.floor(random() * (model.headers.length + 1)),
      0,
      `${random() < 0.3 ? "content-length" : "Content-Length"}: ${length}`,
    );
    if (!bodiless) model.body = body;
  } else if (framing === "chunked") {
    model.chunked = true;
    model.headers.push("Transfer-Encoding: chunked");
    model.chunks = [];
    if (!bodiless) {
      for (let at = 0; at < body.length;) {
        const size = Math.min(body.length - at, 1 + Math.floor(random() * 90));
        let sizeLine = size.toString(16);
        if (random() < 0.3) sizeLine = sizeLine.toUpperCase();
        if (random() < 0.2) sizeLine = `00${sizeLine}`;
        if (random() < 0.25) {
          sizeLine += pick(random, [
            ";a=b",
            ';name="quoted value"',
            ";x",
            ";a=b;c",
          ]);
        }
        model.chunks.push({
          sizeLine,
          data: body.slice(at, at + size),
          end: CRLF,
        });
        at += size;
      }
      if (random() < 0.3) {
        model.trailers.push(pick(random, ["X-Trailer: t", "Expires: never"]));
      }
    }
  } else if (!bodiless) {
    model.body = body;
  }
  if (bodiless && framing === "chunked") {
    // A bodiless response says chunked but sends no chunks at all.
    model.chunks = undefined;
  }
  const mutationCount = random() < 0.35 ? 0 : random() < 0.8 ? 1 : 2;
  for (let applied = 0, tries = 0; applied < mutationCount && tries < 10;) {
    tries++;
    const name = pick(random, MUTATION_NAMES);
    if (MUTATIONS[name]!(model, random)) {
      tags.push(name);
      applied++;
    }
  }
  return { id, raw: serialize(model), method, tags };
}

/** Valid responses of every framing, to be cut at every byte. */
export const TRUNCATION_BASES: readonly DifferentialCase[] = [
  {
    id: "length",
    method: "GET",
    tags: ["length"],
    raw: "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-A: b\r\n\r\nhello world",
  },
  {
    id: "chunked",
    method: "GET",
    tags: ["chunked"],
    raw:
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
  },
  {
    id: "close",
    method: "GET",
    tags: ["close"],
    raw: "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world",
  },
  {
    id: "interim",
    method: "GET",
    tags: ["interim", "length"],
    raw:
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
  },
  {
    id: "head",
    method: "HEAD",
    tags: ["length"],
    raw: "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n",
  },
  {
    id: "no-content",
    method: "GET",
    tags: ["length"],
    raw: "HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n",
  },
];

/**
 * Every prefix of a response, from empty to whole.
 *
 * @param base The whole response.
 * @returns One case per length.
 */
export function truncations(base: DifferentialCase): DifferentialCase[] {
  return Array.from({ length: base.raw.length + 1 }, (_, length) => ({
    id: `trunc-${base.id}-${length}`,
    raw: base.raw.slice(0, length),
    method: base.method,
    tags: [...base.tags, "truncated"],
  }));
}

/** How a case is written: in one write, or a byte per write. */
export type ServeMode = "whole" | "bytes";

/**
 * A loopback server for every case at once: a request for
 * `/<index>/<mode>` gets case `index`'s bytes, whole or a byte per write
 * (cases over 4 KiB: 97 bytes per write), then the connection closes.
 */
export class CaseServer implements AsyncDisposable {
  #listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  #cases: readonly DifferentialCase[];
  #bytes: (Uint8Array | undefined)[] = [];
  #handlers = new Set<Promise<void>>();
  #conns = new Set<Deno.TcpConn>();
  #accepting: Promise<void>;
  /** The port on 127.0.0.1. */
  readonly port: number = this.#listener.addr.port;

  /**
   * Starts serving.
   *
   * @param cases What the paths index.
   */
  constructor(cases: readonly DifferentialCase[]) {
    this.#cases = cases;
    this.#accepting = this.#accept();
  }

  /**
   * The path that serves a case.
   *
   * @param index The case's index.
   * @param mode Whole or byte by byte.
   * @param who Which client asks (only so the server logs tell them apart).
   * @returns The path.
   */
  path(index: number, mode: ServeMode, who: string): string {
    return `/${index}/${mode}/${who}`;
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) {
        this.#conns.add(conn);
        const handler = this.#serve(conn).finally(() => {
          this.#handlers.delete(handler);
          this.#conns.delete(conn);
        });
        this.#handlers.add(handler);
      }
    } catch {
      // The listener was closed.
    }
  }

  #bytesOf(index: number): Uint8Array {
    return this.#bytes[index] ??= Uint8Array.from(
      this.#cases[index]!.raw,
      (char) => char.charCodeAt(0),
    );
  }

  async #serve(conn: Deno.TcpConn): Promise<void> {
    try {
      conn.setNoDelay(true);
      const buffer = new Uint8Array(4096);
      let head = "";
      while (!head.includes("\r\n\r\n")) {
        const count = await conn.read(buffer);
        if (count === null) return;
        head += String.fromCharCode(...buffer.subarray(0, count));
      }
      const [, index, mode] = /^[A-Z]+ \/(\d+)\/(whole|bytes)\//.exec(head)!;
      const bytes = this.#bytesOf(Number(index));
      if (mode === "whole") {
        for (let written = 0; written < bytes.length;) {
          written += await conn.write(bytes.subarray(written));
        }
      } else {
        // A byte per write; past 4 KiB (huge heads), 97 bytes per write, so
        // a 40 KB head takes hundreds of writes rather than 40 000.
        const step = bytes.length > 4096 ? 97 : 1;
        for (let at = 0; at < bytes.length; at += step) {
          await conn.write(bytes.subarray(at, at + step));
        }
      }
    } catch {
      // The client gave up early: it rejected the response.
    } finally {
      try {
        conn.close();
      } catch {
        // Closed by dispose.
      }
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#listener.close();
    await this.#accepting;
    for (const conn of this.#conns) {
      try {
        conn.close();
      } catch {
        // Closed meanwhile.
      }
    }
    await Promise.all(this.#handlers);
  }
}

/** Asks wirework's client for one served case. */
export async function askWirework(
  client: HttpClient,
  url: string,
  method: string,
): Promise<Outcome> {
  try {
    // node:http neither follows redirects nor decodes bodies: compare the
    // bytes as framed, not what the client makes of them.
    const response = await client.request(url, {
      method,
      timeout: 10_000,
      redirect: "manual",
      decompress: false,
    });
    return {
      verdict: "accept",
      status: response.status,
      body: String.fromCharCode(...response.body),
    };
  } catch (error) {
    if (error instanceof HttpProtocolError) {
      return { verdict: "reject", error: error.code };
    }
    if (error instanceof DOMException && error.name === "TimeoutError") {
      return { verdict: "reject", error: "timeout" };
    }
    if (error instanceof Deno.errors.ConnectionReset) {
      return { verdict: "reject", error: "reset" };
    }
    throw error;
  }
}

/**
 * Says why `node` cannot run here, or `undefined` when it can.
 *
 * @returns The reason to skip, or `undefined`.
 */
export async function nodeMissing(): Promise<string | undefined> {
  try {
    const { success } = await new Deno.Command("node", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success ? undefined : "node --version failed";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "node is not installed";
    if (error instanceof Deno.errors.NotCapable) {
      return "running node is not allowed (--allow-run lacks node)";
    }
    throw error;
  }
}

/** One long-lived node process running `node:http` requests for us. */
export class NodeHttpClient implements AsyncDisposable {
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #pending = new Map<number, (outcome: Outcome) => void>();
  #nextId = 0;
  #reading: Promise<void>;
  #encoder = new TextEncoder();

  constructor() {
    this.#child = new Deno.Command("node", {
      args: [new URL("./net_node_http_client.mjs", import.meta.url).pathname],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#reading = this.#read();
  }

  async #read(): Promise<void> {
    let text = "";
    for await (
      const piece of this.#child.stdout.pipeThrough(new TextDecoderStream())
    ) {
      text += piece;
      let newline: number;
      while ((newline = text.indexOf("\n")) !== -1) {
        const { id, ...outcome } = JSON.parse(text.slice(0, newline));
        text = text.slice(newline + 1);
        this.#pending.get(id)?.(outcome as Outcome);
        this.#pending.delete(id);
      }
    }
  }

  /** Asks node:http for one served case. */
  ask(port: number, path: string, method: string): Promise<Outcome> {
    const id = this.#nextId++;
    const { promise, resolve } = Promise.withResolvers<Outcome>();
    this.#pending.set(id, resolve);
    this.#writer.write(
      this.#encoder.encode(JSON.stringify({ id, port, path, method }) + "\n"),
    );
    return promise;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#writer.close();
    await this.#reading;
    await this.#child.status;
  }
}

/** A case on which the two clients differ. */
export interface Disagreement {
  case: DifferentialCase;
  mode: ServeMode;
  wirework: Outcome;
  node: Outcome;
}

function agree(a: Outcome, b: Outcome): boolean {
  if (a.verdict !== b.verdict) return false;
  if (a.verdict === "reject" || b.verdict === "reject") return true;
  return a.status === b.status && a.body === b.body;
}

/** What a differential run found. */
export interface DifferentialRun {
  /** Where wirework and the reference differ. */
  disagreements: Disagreement[];
  /** How many served cases the reference accepted. */
  accepted: number;
  /** How many served cases the reference rejected. */
  rejected: number;
}

/**
 * Serves every case in each mode to wirework and to the reference (a node
 * process running `node:http`, unless `reference` gives recorded
 * verdicts), `parallel` cases at a time, and compares.
 *
 * @param cases The cases.
 * @param modes Which ways of serving to use.
 * @param parallel How many cases run at once.
 * @param reference Recorded verdicts, instead of asking node.
 * @returns The disagreements and the reference's verdict counts.
 */
export async function runDifferential(
  cases: readonly DifferentialCase[],
  modes: readonly ServeMode[],
  parallel: number,
  reference?: (served: DifferentialCase) => Outcome,
): Promise<DifferentialRun> {
  await using server = new CaseServer(cases);
  await using node = reference === undefined ? new NodeHttpClient() : null;
  await using client = new HttpClient({ keepAliveTimeout: 0 });
  const origin = `http://127.0.0.1:${server.port}`;
  const run: DifferentialRun = { disagreements: [], accepted: 0, rejected: 0 };
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      const served = cases[index]!;
      for (const mode of modes) {
        const [ours, theirs] = await Promise.all([
          askWirework(
            client,
            origin + server.path(index, mode, "wirework"),
            served.method,
          ),
          node === null ? reference!(served) : node.ask(
            server.port,
            server.path(index, mode, "node"),
            served.method,
          ),
        ]);
        if (theirs.verdict === "accept") run.accepted++;
        else run.rejected++;
        if (!agree(ours, theirs)) {
          run.disagreements.push({
            case: served,
            mode,
            wirework: ours,
            node: theirs,
          });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, work));
  return run;
}
