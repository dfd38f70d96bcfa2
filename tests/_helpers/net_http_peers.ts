/**
 * HTTP servers nobody here wrote, for the redirect and decompression tests:
 * Node's `http` with `zlib`, and Python's `http.server` with `zlib`, each a
 * small script in a child process that prints its port. When the runtime is
 * absent, `startPeer` says why, for the skip message.
 *
 * @module
 */

import { serveChild } from "./net_http_servers.ts";

/** A peer server in a child process. */
export interface PeerServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
}

/**
 * Routes both peers serve:
 * - `/redirect/<status>?to=<url>`: that status with `Location: <url>`.
 * - `/hops/<n>`: 302 to `/hops/<n-1>`, and `/hops/0` says "arrived".
 * - `/echo`: the method, body and `authorization` it got, as JSON.
 * - `/encoded/<coding>`: `TEXT` (below) encoded with gzip, deflate or br.
 */
export const PEER_TEXT = "wirework decodes what peers encode. ".repeat(200);

const NODE_SERVER = `
const http = require("node:http");
const zlib = require("node:zlib");
const TEXT = ${JSON.stringify(PEER_TEXT)};
const encoders = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };
const server = http.createServer((request, response) => {
  const url = new URL(request.url, "http://x");
  const parts = url.pathname.split("/");
  if (parts[1] === "redirect") {
    response.writeHead(Number(parts[2]), { location: url.searchParams.get("to"), "content-length": "0" });
    return response.end();
  }
  if (parts[1] === "hops") {
    const left = Number(parts[2]);
    if (left === 0) return response.end("arrived");
    response.writeHead(302, { location: "/hops/" + (left - 1) });
    return response.end("moving on");
  }
  if (parts[1] === "echo") {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({
        method: request.method,
        body: Buffer.concat(chunks).toString(),
        authorization: request.headers.authorization ?? null,
      }));
    });
    return;
  }
  if (parts[1] === "encoded") {
    const body = encoders[parts[2]](Buffer.from(TEXT));
    response.writeHead(200, { "content-encoding": parts[2], "content-length": body.length });
    return response.end(body);
  }
  response.writeHead(404);
  response.end();
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

const PYTHON_SERVER = `
import http.server, json, sys, urllib.parse, zlib, gzip
TEXT = ${JSON.stringify(PEER_TEXT)}.encode()
ENCODERS = {"gzip": gzip.compress, "deflate": zlib.compress}
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
    def route(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.split("/")
        length = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(length) if length else b""
        if parts[1] == "redirect":
            to = urllib.parse.parse_qs(url.query)["to"][0]
            self.send(int(parts[2]), headers=[("Location", to)])
        elif parts[1] == "hops":
            left = int(parts[2])
            if left == 0:
                self.send(200, b"arrived")
            else:
                self.send(302, b"moving on", [("Location", "/hops/%d" % (left - 1))])
        elif parts[1] == "echo":
            body = json.dumps({"method": self.command, "body": data.decode(),
                "authorization": self.headers.get("Authorization")}).encode()
            self.send(200, body, [("Content-Type", "application/json")])
        elif parts[1] == "encoded":
            self.send(200, ENCODERS[parts[2]](TEXT), [("Content-Encoding", parts[2])])
        else:
            self.send(404)
    do_GET = do_POST = do_PUT = do_HEAD = route
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
`;

/** Which peer to start. */
export type PeerKind = "node" | "python";

/**
 * Whether a peer's runtime can be started.
 *
 * @param kind The peer.
 * @returns `undefined` when it can, else why not.
 */
export async function peerMissing(kind: PeerKind): Promise<string | undefined> {
  const command = kind === "node" ? "node" : "python3";
  try {
    const { success } = await new Deno.Command(command, {
      args: kind === "node"
        ? ["-e", "require('node:zlib')"]
        : ["-c", "import http.server, zlib, gzip"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success ? undefined : `${command} lacks http/zlib`;
  } catch (error) {
    return `${command} cannot be started: ${(error as Error).message}`;
  }
}

/**
 * Starts a peer server on 127.0.0.1, port 0.
 *
 * @param kind The peer.
 * @returns The running server; dispose it to kill the child.
 */
export function startPeer(kind: PeerKind): Promise<PeerServer> {
  return kind === "node"
    ? serveChild("node", ["-e", NODE_SERVER], "node server", "SIGKILL")
    : serveChild("python3", ["-c", PYTHON_SERVER], "python server", "SIGKILL");
}
