import assert from "node:assert/strict";
import { HttpClient } from "../../net/mod.ts";
import { servePython } from "../_helpers/net_http_servers.ts";
import { pythonMissing } from "../_helpers/python.ts";

const missing = await pythonMissing("http.server");
if (missing !== undefined) {
  console.log(`Skipping the python3 http.server tests: ${missing}`);
}

Deno.test({
  name: "HttpClient GETs, HEADs and POSTs against python3 http.server",
  ignore: missing !== undefined,
  async fn() {
    await using server = await servePython();
    await using client = new HttpClient();
    const get = await client.request(`${server.origin}/`);
    assert.equal(get.status, 200);
    assert.match(get.headers.get("server") ?? "", /Python/);
    assert.equal(get.text(), "hello from python");
    const head = await client.request(`${server.origin}/`, { method: "HEAD" });
    assert.equal(head.headers.get("content-length"), "17");
    assert.equal(head.body.length, 0);
    const post = await client.request(`${server.origin}/`, {
      method: "POST",
      body: "some data",
    });
    assert.equal(post.text(), "got some data");
  },
});

Deno.test({
  name: "HttpClient reuses one connection to python3 http.server",
  ignore: missing !== undefined,
  async fn() {
    await using server = await servePython();
    await using client = new HttpClient();
    for (let index = 0; index < 5; index++) {
      await client.request(`${server.origin}/`);
    }
    const connections = await client.request(`${server.origin}/connections`);
    assert.equal(connections.text(), "1");
  },
});

Deno.test({
  name:
    "HttpClient.stream() reads a large chunked body from python3 http.server",
  ignore: missing !== undefined,
  async fn() {
    await using server = await servePython();
    await using client = new HttpClient();
    const size = 8 * 1024 * 1024 + 123;
    const response = await client.stream(`${server.origin}/chunked/${size}`);
    assert.equal(response.headers.get("transfer-encoding"), "chunked");
    let total = 0;
    for await (const piece of response.body) {
      assert.equal(piece[0], 120);
      total += piece.length;
    }
    assert.equal(total, size);
    const connections = await client.request(`${server.origin}/connections`);
    assert.equal(connections.text(), "1");
  },
});
