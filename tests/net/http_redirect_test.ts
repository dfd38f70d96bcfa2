import assert from "node:assert/strict";
import { HttpClient, HttpRedirectError } from "../../net/mod.ts";
import { serveCounting, serveRaw } from "../_helpers/net_http_servers.ts";
import {
  type PeerKind,
  peerMissing,
  startPeer,
} from "../_helpers/net_http_peers.ts";

interface Seen {
  method: string;
  path: string;
  type: string | null;
  authorization: string | null;
  cookie: string | null;
  body: string;
}

/** Deno.serve: `/to/<status>?to=URL` redirects, anything else echoes. */
function serveRedirects(): ReturnType<typeof serveCounting> & { seen: Seen[] } {
  const seen: Seen[] = [];
  const server = serveCounting(async (request) => {
    const url = new URL(request.url);
    const parts = url.pathname.split("/");
    if (parts[1] === "to") {
      await request.body?.cancel();
      return new Response("redirect body", {
        status: Number(parts[2]),
        headers: { location: url.searchParams.get("to")! },
      });
    }
    if (parts[1] === "loop") {
      return new Response(null, {
        status: 302,
        headers: { location: "/loop" },
      });
    }
    seen.push({
      method: request.method,
      path: url.pathname,
      type: request.headers.get("content-type"),
      authorization: request.headers.get("authorization"),
      cookie: request.headers.get("cookie"),
      body: await request.text(),
    });
    return new Response(`final ${url.pathname}`);
  });
  return Object.assign(server, { seen });
}

Deno.test("HttpClient follows a redirect by default and says so in redirected and url", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  const response = await client.request(`${server.origin}/to/302?to=/end`);
  assert.equal(response.status, 200);
  assert.equal(response.text(), "final /end");
  assert.equal(response.redirected, true);
  assert.equal(response.url, `${server.origin}/end`);
  assert.equal(server.connections, 1);
  const direct = await client.request(`${server.origin}/end`);
  assert.equal(direct.redirected, false);
  assert.equal(direct.url, `${server.origin}/end`);
});

Deno.test("HttpClient turns a POST into a GET on 301, 302 and 303, dropping the body and its fields", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  for (const status of [301, 302, 303]) {
    const response = await client.request(
      `${server.origin}/to/${status}?to=/after-${status}`,
      {
        method: "POST",
        headers: { "content-type": "text/plain", "x-kept": "yes" },
        body: "payload",
      },
    );
    assert.equal(response.text(), `final /after-${status}`);
    assert.deepEqual(server.seen.at(-1), {
      method: "GET",
      path: `/after-${status}`,
      type: null,
      authorization: null,
      cookie: null,
      body: "",
    });
  }
});

Deno.test("HttpClient keeps the method and body on 307 and 308", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  for (const status of [307, 308]) {
    await client.request(`${server.origin}/to/${status}?to=/kept`, {
      method: "PUT",
      headers: { "content-type": "text/plain" },
      body: new Blob([`body for ${status}`]),
    });
    assert.deepEqual(server.seen.at(-1), {
      method: "PUT",
      path: "/kept",
      type: "text/plain",
      authorization: null,
      cookie: null,
      body: `body for ${status}`,
    });
  }
});

Deno.test("HttpClient returns a 307 of a stream body instead of sending the stream again", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  const response = await client.request(`${server.origin}/to/307?to=/kept`, {
    method: "POST",
    body: ReadableStream.from([new TextEncoder().encode("once")]),
  });
  assert.equal(response.status, 307);
  assert.equal(response.redirected, false);
  assert.equal(response.headers.get("location"), "/kept");
  assert.equal(server.seen.length, 0);
  // A 303 needs no body, so a stream body does not stop it.
  const seeOther = await client.request(`${server.origin}/to/303?to=/got`, {
    method: "POST",
    body: ReadableStream.from([new TextEncoder().encode("once")]),
  });
  assert.equal(seeOther.text(), "final /got");
});

Deno.test("HttpClient drops Authorization and Cookie on a redirect to another origin only", async () => {
  await using first = serveRedirects();
  await using second = serveRedirects();
  await using client = new HttpClient();
  const headers = { authorization: "Bearer secret", cookie: "id=1" };
  await client.request(`${first.origin}/to/302?to=/same`, { headers });
  assert.equal(first.seen.at(-1)!.authorization, "Bearer secret");
  assert.equal(first.seen.at(-1)!.cookie, "id=1");
  const response = await client.request(
    `${first.origin}/to/302?to=${second.origin}/other`,
    { headers },
  );
  assert.equal(response.url, `${second.origin}/other`);
  assert.equal(second.seen.at(-1)!.authorization, null);
  assert.equal(second.seen.at(-1)!.cookie, null);
});

Deno.test("HttpClient with redirect manual hands the 3xx back", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient({ redirect: "manual" });
  const response = await client.request(`${server.origin}/to/301?to=/x`);
  assert.equal(response.status, 301);
  assert.equal(response.text(), "redirect body");
  assert.equal(response.redirected, false);
  assert.equal(server.seen.length, 0);
});

Deno.test("HttpClient with redirect error rejects with REDIRECT_REFUSED and keeps the connection", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  await assert.rejects(
    client.request(`${server.origin}/to/302?to=/x`, { redirect: "error" }),
    (error: unknown) =>
      error instanceof HttpRedirectError && error.code === "REDIRECT_REFUSED" &&
      error.status === 302 && error.location === "/x",
  );
  await client.request(`${server.origin}/x`);
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient rejects with TOO_MANY_REDIRECTS past maxRedirects", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  await assert.rejects(
    client.request(`${server.origin}/loop`),
    (error: unknown) =>
      error instanceof HttpRedirectError &&
      error.code === "TOO_MANY_REDIRECTS" && error.redirects === 20,
  );
  await assert.rejects(
    client.request(`${server.origin}/loop`, { maxRedirects: 3 }),
    (error: unknown) =>
      error instanceof HttpRedirectError && error.redirects === 3,
  );
  const none = await client.request(`${server.origin}/to/302?to=/x`, {
    maxRedirects: 0,
  }).catch((error) => error);
  assert.ok(none instanceof HttpRedirectError);
});

Deno.test("HttpClient rejects a Location that is not an http(s) URL with BAD_LOCATION", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 302 Found\r\nLocation: ftp://example.com/\r\nContent-Length: 0\r\n\r\n",
  }));
  await using client = new HttpClient();
  await assert.rejects(
    client.request(server.origin),
    (error: unknown) =>
      error instanceof HttpRedirectError && error.code === "BAD_LOCATION" &&
      error.location === "ftp://example.com/",
  );
});

Deno.test("HttpClient returns a 3xx without Location as it is", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 302 Found\r\nContent-Length: 4\r\n\r\nlost",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.status, 302);
  assert.equal(response.text(), "lost");
});

Deno.test("HttpClient.stream() follows redirects too", async () => {
  await using server = serveRedirects();
  await using client = new HttpClient();
  const response = await client.stream(`${server.origin}/to/308?to=/streamed`);
  assert.equal(response.redirected, true);
  assert.equal(response.url, `${server.origin}/streamed`);
  assert.equal(await response.text(), "final /streamed");
});

Deno.test("HttpClient rejects a bad redirect mode or maxRedirects", () => {
  assert.throws(
    () => new HttpClient({ redirect: "always" as "follow" }),
    TypeError,
  );
  assert.throws(() => new HttpClient({ maxRedirects: -1 }), RangeError);
  assert.throws(() => new HttpClient({ maxRedirects: 1.5 }), RangeError);
});

for (const kind of ["node", "python"] as const satisfies PeerKind[]) {
  const missing = await peerMissing(kind);
  if (missing !== undefined) {
    console.log(`${missing}: the redirect tests against ${kind} are skipped`);
  }
  Deno.test({
    name: `HttpClient follows ${kind}'s redirects as fetch would`,
    ignore: missing !== undefined,
    async fn() {
      await using peer = await startPeer(kind);
      await using client = new HttpClient();
      const hops = await client.request(`${peer.origin}/hops/5`);
      assert.equal(hops.text(), "arrived");
      assert.equal(hops.url, `${peer.origin}/hops/0`);
      const posted = await client.request(
        `${peer.origin}/redirect/303?to=/echo`,
        { method: "POST", body: "gone", headers: { authorization: "a" } },
      );
      assert.deepEqual(posted.json(), {
        method: "GET",
        body: "",
        authorization: "a",
      });
      const kept = await client.request(
        `${peer.origin}/redirect/307?to=/echo`,
        { method: "POST", body: "kept" },
      );
      assert.deepEqual(kept.json(), {
        method: "POST",
        body: "kept",
        authorization: null,
      });
      // fetch, the reference, agrees on where the hops end.
      const fetched = await fetch(`${peer.origin}/hops/5`);
      assert.equal(fetched.url, hops.url);
      assert.equal(await fetched.text(), hops.text());
      await assert.rejects(
        client.request(`${peer.origin}/hops/5`, { maxRedirects: 4 }),
        HttpRedirectError,
      );
    },
  });
}
