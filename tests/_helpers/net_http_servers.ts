/**
 * Servers for the HTTP client tests: a raw `Deno.listen` server that answers
 * each request with canned bytes (how a misbehaving server is scripted), a
 * `Deno.serve` that counts the connections it saw, and Python's
 * `http.server` in a child process.
 *
 * @module
 */

const latin1 = new TextDecoder("latin1");
const encoder = new TextEncoder();

/** A request as the raw server received it. */
export interface RawRequest {
  /** The request head, status line to empty line, as text. */
  head: string;
  /** The body, per its Content-Length. */
  body: string;
  /** Which connection (0-based, in accept order). */
  connection: number;
  /** Which request on that connection (0-based). */
  index: number;
}

/** What the raw server does with a request. */
export interface RawAction {
  /** Bytes to send back. */
  write?: string | Uint8Array;
  /** Close the connection after writing. */
  close?: boolean;
  /** Never answer; wait for the client to go away. */
  hang?: boolean;
}

/** A scripted server; dispose it to stop it and its connections. */
export interface RawServer extends AsyncDisposable {
  /** The port on 127.0.0.1. */
  port: number;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request received, in order. */
  requests: RawRequest[];
  /** How many connections were accepted. */
  readonly connections: number;
  /**
   * Resolves once the server has closed the given connection.
   *
   * @param index The connection, 0-based.
   */
  connectionClosed(index: number): Promise<void>;
}

/**
 * Starts a raw HTTP server on 127.0.0.1 that answers each request with what
 * `respond` says.
 *
 * @param respond Decides the answer to each request.
 * @returns The running server.
 */
export function serveRaw(
  respond: (request: RawRequest) => RawAction,
): RawServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const handlers: Promise<void>[] = [];
  const requests: RawRequest[] = [];
  const handlerSettled: PromiseWithResolvers<void>[] = [];
  const settledFor = (index: number): PromiseWithResolvers<void> =>
    handlerSettled[index] ??= Promise.withResolvers<void>();

  async function handle(conn: Deno.Conn, connection: number): Promise<void> {
    const buffer = new Uint8Array(64 * 1024);
    let pending = "";
    try {
      for (let index = 0;; index++) {
        let headEnd: number;
        while ((headEnd = pending.indexOf("\r\n\r\n")) === -1) {
          const count = await conn.read(buffer);
          if (count === null) return;
          pending += latin1.decode(buffer.subarray(0, count));
        }
        const head = pending.slice(0, headEnd + 4);
        const length = Number(
          /\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0,
        );
        while (pending.length < head.length + length) {
          const count = await conn.read(buffer);
          if (count === null) return;
          pending += latin1.decode(buffer.subarray(0, count));
        }
        const body = pending.slice(head.length, head.length + length);
        pending = pending.slice(head.length + length);
        const request = { head, body, connection, index };
        requests.push(request);
        const action = respond(request);
        if (action.hang) {
          while ((await conn.read(buffer)) !== null) {
            // Wait for the client to give up.
          }
          return;
        }
        if (action.write !== undefined) {
          const bytes = typeof action.write === "string"
            ? Uint8Array.from(action.write, (char) => char.charCodeAt(0))
            : action.write;
          let written = 0;
          while (written < bytes.length) {
            written += await conn.write(bytes.subarray(written));
          }
        }
        if (action.close) return;
      }
    } catch {
      // The client went away, or the test closed the server.
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch {
        // Already closed by dispose.
      }
      settledFor(connection).resolve();
    }
  }

  let connections = 0;
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        conns.add(conn);
        handlers.push(handle(conn, connections++));
      }
    } catch {
      // The listener was closed.
    }
  })();

  const port = (listener.addr as Deno.NetAddr).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    connectionClosed: (index) => settledFor(index).promise,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Closed meanwhile.
        }
      }
      await Promise.all(handlers);
    },
  };
}

/** A `Deno.serve` that counts the connections it saw. */
export interface CountingServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** How many distinct client connections sent requests. */
  readonly connections: number;
}

/**
 * Starts `Deno.serve` on 127.0.0.1, port 0, counting connections by the
 * client's port.
 *
 * @param handler Answers each request.
 * @returns The running server.
 */
export function serveCounting(
  handler: (request: Request) => Response | Promise<Response>,
): CountingServer {
  const ports = new Set<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request, info) => {
      ports.add(info.remoteAddr.port);
      return handler(request);
    },
  );
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    get connections() {
      return ports.size;
    },
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/**
 * Python's `http.server` with keep-alive (HTTP/1.1): `/` says hello, POST
 * echoes, `/connections` tells how many connections it accepted,
 * `/chunked/<n>` sends n bytes in 64 KiB chunks.
 */
const PYTHON_SERVER = `
import http.server, sys, threading
lock = threading.Lock()
count = [0]
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def setup(self):
        super().setup()
        with lock:
            count[0] += 1
    def log_message(self, *args):
        pass
    def reply(self, body, with_body=True):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)
    def do_HEAD(self):
        self.reply(b"hello from python", with_body=False)
    def do_GET(self):
        if self.path == "/connections":
            self.reply(str(count[0]).encode())
        elif self.path.startswith("/chunked/"):
            left = int(self.path.rsplit("/", 1)[1])
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            piece = b"x" * 65536
            while left > 0:
                size = min(left, len(piece))
                self.wfile.write(b"%x\\r\\n" % size + piece[:size] + b"\\r\\n")
                left -= size
            self.wfile.write(b"0\\r\\n\\r\\n")
        else:
            self.reply(b"hello from python")
    def do_POST(self):
        data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.reply(b"got " + data)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
`;

/** Python's http.server in a child process. */
export interface PythonServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
}

/**
 * Starts Python's `http.server` (keep-alive) on 127.0.0.1, port 0.
 *
 * @returns The running server; dispose it to kill the child.
 */
export function servePython(): Promise<PythonServer> {
  return serveChild("python3", ["-c", PYTHON_SERVER], "python3 http.server");
}

/**
 * Starts a child process that serves HTTP on 127.0.0.1 and prints its port
 * on its first line of output, and waits (at most 10 s) for that line.
 *
 * @param command The program.
 * @param args Its arguments.
 * @param label What to call it in the error when it exits first.
 * @param signal How to stop it when disposed.
 * @returns The running server; dispose it to stop the child.
 */
export async function serveChild(
  command: string,
  args: string[],
  label: string,
  signal: Deno.Signal = "SIGTERM",
): Promise<PythonServer> {
  const child = new Deno.Command(command, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stop = async (): Promise<void> => {
    try {
      child.kill(signal);
    } catch {
      // Already exited.
    }
    await reader.cancel().catch(() => {});
    await child.status;
  };
  try {
    let text = "";
    const timer = setTimeout(() => stop(), 10_000);
    try {
      while (!text.includes("\n")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`${label} exited before listening`);
        text += value;
      }
    } finally {
      clearTimeout(timer);
    }
    return {
      origin: `http://127.0.0.1:${Number(text.trim())}`,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Encodes text as latin1 bytes, for raw responses with binary parts. */
export function bytes(text: string): Uint8Array {
  return text.length === encoder.encode(text).length
    ? encoder.encode(text)
    : Uint8Array.from(text, (char) => char.charCodeAt(0));
}
