// A node:http client (llhttp underneath) driven over stdin/stdout, for the
// differential test of net/'s HTTP client. Each input line is a JSON request
// {"id", "port", "path", "method"}; each output line says what node:http
// made of the response: {"id", "verdict": "accept", "status", "body"} (body
// in latin-1, one character per byte) or {"id", "verdict": "reject",
// "error"}. Requests run concurrently, each on a connection of its own.
import http from "node:http";
import readline from "node:readline";

const lines = readline.createInterface({ input: process.stdin });

function request({ id, port, path, method }) {
  let settled = false;
  const settle = (result) => {
    if (settled) return;
    settled = true;
    process.stdout.write(JSON.stringify({ id, ...result }) + "\n");
  };
  const reject = (error) =>
    settle({ verdict: "reject", error: String(error?.code ?? error) });
  const req = http.request(
    { host: "127.0.0.1", port, path, method, agent: false, timeout: 10_000 },
    (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        settle({
          verdict: "accept",
          status: res.statusCode,
          body: Buffer.concat(chunks).toString("latin1"),
        }));
      res.on("aborted", () => reject("aborted"));
      res.on("error", reject);
    },
  );
  req.on("error", reject);
  req.on("timeout", () => req.destroy(new Error("timeout")));
  // A response that ends neither way (an unasked 101, say) still answers.
  req.on("close", () => setImmediate(() => reject("closed")));
  req.end();
}

lines.on("line", (line) => request(JSON.parse(line)));
