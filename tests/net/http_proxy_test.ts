import assert from "node:assert/strict";
import { HttpClient, HttpProxyError } from "../../net/mod.ts";
import { bypassesProxy, proxyFromEnv } from "../../net/_proxy.ts";
import { serveCounting } from "../_helpers/net_http_servers.ts";
import { startTestProxy } from "../_helpers/net_proxy.ts";

const fixtures = new URL("./fixtures/", import.meta.url);
const cert = await Deno.readTextFile(new URL("localhost.crt", fixtures));
const key = await Deno.readTextFile(new URL("localhost.key", fixtures));

/** Deno.serve answering with the request line it saw and its Host. */
function serveOrigin(): ReturnType<typeof serveCounting> {
  return serveCounting(async (request) => {
    const url = new URL(request.url);
    return new Response(
      `${request.method} ${url.pathname}${url.search} host=${
        request.headers.get("host")
      } proxy-auth=${
        request.headers.get("proxy-authorization")
      } body=${await request
        .text()}`,
    );
  });
}

Deno.test("HttpClient sends plain requests to the proxy in absolute form", async () => {
  await using origin = serveOrigin();
  await using proxy = startTestProxy();
  await using client = new HttpClient({ proxy: proxy.url });
  const response = await client.request(`${origin.origin}/a?b=c`, {
    method: "POST",
    body: "through",
  });
  const host = new URL(origin.origin).host;
  assert.equal(
    response.text(),
    `POST /a?b=c host=${host} proxy-auth=null body=through`,
  );
  assert.match(
    proxy.heads[0]!,
    new RegExp(`^POST http://${host}/a\\?b=c HTTP/1\\.1\\r\\n`),
  );
  assert.match(proxy.heads[0]!, new RegExp(`\\r\\nhost: ${host}\\r\\n`));
});

Deno.test("HttpClient sends the proxy URL's credentials as Proxy-Authorization", async () => {
  await using origin = serveOrigin();
  const expected = `Basic ${btoa("user:p@ss wörd".replace("ö", "\xc3\xb6"))}`;
  await using proxy = startTestProxy({ authorization: expected });
  const url = new URL(proxy.url);
  await using client = new HttpClient();
  const refused = await client.request(origin.origin, { proxy: proxy.url });
  assert.equal(refused.status, 407);
  const accepted = await client.request(origin.origin, {
    proxy: `http://user:p%40ss%20w%C3%B6rd@${url.host}`,
  });
  assert.equal(accepted.status, 200);
  // The proxy took the credentials; the origin never saw them.
  assert.match(accepted.text(), /proxy-auth=null/);
});

Deno.test("HttpClient tunnels https through the proxy with CONNECT", async () => {
  await using origin = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert, key, onListen() {} },
    (request) => new Response(`secure ${new URL(request.url).pathname}`),
  );
  await using proxy = startTestProxy();
  await using client = new HttpClient({ proxy: proxy.url, caCerts: [cert] });
  const target = `https://localhost:${origin.addr.port}`;
  assert.equal((await client.request(`${target}/one`)).text(), "secure /one");
  assert.equal((await client.request(`${target}/two`)).text(), "secure /two");
  // Two requests, one tunnel: the TLS connection is kept alive.
  assert.equal(proxy.heads.length, 1);
  assert.match(
    proxy.heads[0]!,
    new RegExp(`^CONNECT localhost:${origin.addr.port} HTTP/1\\.1\\r\\n`),
  );
});

Deno.test("HttpClient rejects with HttpProxyError when the proxy refuses the tunnel", async () => {
  await using proxy = startTestProxy({ authorization: "Basic bm9ib2R5Og==" });
  await using client = new HttpClient({ proxy: proxy.url, caCerts: [cert] });
  await assert.rejects(
    client.request("https://localhost:9/"),
    (error: unknown) =>
      error instanceof HttpProxyError && error.status === 407 &&
      error.proxy === proxy.url,
  );
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpClient refuses a proxy that is not an http: URL", () => {
  assert.throws(
    () => new HttpClient({ proxy: "https://127.0.0.1:3128" }),
    (error: unknown) =>
      error instanceof TypeError && /only http: proxies/.test(error.message),
  );
  assert.throws(() => new HttpClient({ proxy: "http://[" }), TypeError);
});

Deno.test("proxyFromEnv() reads the scheme's variable, lower case first, and honours NO_PROXY", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  const http = new URL("http://api.example.com/");
  const https = new URL("https://api.example.com/");
  const both = env({ HTTP_PROXY: "http://upper:1", http_proxy: "lower:2" });
  assert.equal(proxyFromEnv(http, both), "lower:2");
  assert.equal(proxyFromEnv(https, both), undefined);
  assert.equal(
    proxyFromEnv(https, env({ HTTPS_PROXY: "http://secure:3" })),
    "http://secure:3",
  );
  assert.equal(
    proxyFromEnv(http, env({ HTTP_PROXY: "p:1", NO_PROXY: "example.com" })),
    undefined,
  );
  assert.equal(
    proxyFromEnv(http, env({ HTTP_PROXY: "p:1", no_proxy: "other.org" })),
    "p:1",
  );
});

Deno.test("bypassesProxy() matches hosts, subdomains, ports and *", () => {
  const url = new URL("http://api.example.com:8080/");
  assert.equal(bypassesProxy(url, "*"), true);
  assert.equal(bypassesProxy(url, "example.com"), true);
  assert.equal(bypassesProxy(url, ".example.com"), true);
  assert.equal(bypassesProxy(url, "*.example.com"), true);
  assert.equal(bypassesProxy(url, "ample.com"), false);
  assert.equal(bypassesProxy(url, "a.org, example.com:8080"), true);
  assert.equal(bypassesProxy(url, "example.com:80"), false);
  assert.equal(bypassesProxy(new URL("http://[::1]/"), "::1"), true);
  assert.equal(bypassesProxy(new URL("http://127.0.0.1/"), "127.0.0.1"), true);
});

/** Runs HttpClient with proxy "env" in a child with the given environment. */
async function requestInChild(
  url: string,
  env: Record<string, string>,
): Promise<string> {
  const code = `
    import { HttpClient } from ${
    JSON.stringify(new URL("../../net/mod.ts", import.meta.url).href)
  };
    await using client = new HttpClient({ proxy: "env" });
    console.log((await client.request(${JSON.stringify(url)})).text());
  `;
  // Blank whatever proxy settings the test run itself has.
  const blank = Object.fromEntries(
    ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy"]
      .concat(["NO_PROXY"]).map((name) => [name, ""]),
  );
  const child = new Deno.Command("deno", {
    args: ["eval", code],
    env: { ...blank, ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  try {
    const output = await child.output();
    const decoder = new TextDecoder();
    assert.equal(output.code, 0, decoder.decode(output.stderr));
    return decoder.decode(output.stdout).trim();
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("HttpClient with proxy env goes through HTTP_PROXY unless NO_PROXY names the host", async () => {
  await using origin = serveOrigin();
  await using proxy = startTestProxy();
  const through = await requestInChild(`${origin.origin}/env`, {
    HTTP_PROXY: proxy.url,
  });
  assert.match(through, /^GET \/env /);
  assert.equal(proxy.heads.length, 1);
  const direct = await requestInChild(`${origin.origin}/direct`, {
    http_proxy: proxy.url,
    NO_PROXY: "localhost,127.0.0.1",
  });
  assert.match(direct, /^GET \/direct /);
  assert.equal(proxy.heads.length, 1);
});
