import assert from "node:assert/strict";
import { HttpClient, httpRequest } from "../../net/mod.ts";

// tests/net/fixtures/localhost.{crt,key}: a self-signed certificate for
// localhost, 127.0.0.1 and ::1, valid for 100 years, made once with
//   openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=localhost" \
//     -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
//     -addext "basicConstraints=critical,CA:FALSE" \
//     -addext "extendedKeyUsage=serverAuth" \
//     -keyout localhost.key -out localhost.crt
// (CA:FALSE because rustls refuses a CA certificate as a server's own.)
const fixtures = new URL("./fixtures/", import.meta.url);
const cert = await Deno.readTextFile(new URL("localhost.crt", fixtures));
const key = await Deno.readTextFile(new URL("localhost.key", fixtures));

function serveTls(): Deno.HttpServer<Deno.NetAddr> & {
  connections: Set<number>;
} {
  const connections = new Set<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert, key, onListen() {} },
    (request, info) => {
      connections.add(info.remoteAddr.port);
      return new Response(`secure ${request.method}`);
    },
  );
  return Object.assign(server, { connections });
}

Deno.test("HttpClient speaks https to a local TLS server trusted through caCerts", async () => {
  await using server = serveTls();
  await using client = new HttpClient({ caCerts: [cert] });
  for (const host of ["localhost", "127.0.0.1"]) {
    const response = await client.request(
      `https://${host}:${server.addr.port}/`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.text(), "secure GET");
  }
  await client.request(`https://localhost:${server.addr.port}/`, {
    method: "POST",
    body: "x",
  });
  assert.equal(
    server.connections.size,
    2,
    "one kept-alive connection per host",
  );
});

Deno.test("httpRequest() takes caCerts for one https request", async () => {
  await using server = serveTls();
  const response = await httpRequest(`https://localhost:${server.addr.port}/`, {
    caCerts: [cert],
  });
  assert.equal(response.text(), "secure GET");
});

Deno.test("HttpClient rejects a self-signed certificate it was not given", async () => {
  await using server = serveTls();
  await using client = new HttpClient();
  await assert.rejects(
    client.request(`https://localhost:${server.addr.port}/`),
    (error) => error instanceof Error && /certificate/i.test(error.message),
  );
  assert.equal(client.openConnections(), 0);
});
