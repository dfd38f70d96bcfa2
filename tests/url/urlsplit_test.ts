import assert from "node:assert/strict";
import {
  ParseResult,
  SplitResult,
  urlparse,
  urlsplit,
  urlunparse,
  urlunsplit,
} from "../../url/mod.ts";

Deno.test("urlsplit() keeps the netloc as written and reads hostname and port on demand", () => {
  const parts = urlsplit("HTTP://User:Pw@[FE80::1%EtH0]:8080/p");
  assert.equal(parts.scheme, "http");
  assert.equal(parts.netloc, "User:Pw@[FE80::1%EtH0]:8080");
  assert.equal(parts.username, "User");
  assert.equal(parts.password, "Pw");
  assert.equal(parts.hostname, "fe80::1%EtH0");
  assert.equal(parts.port, 8080);
});

Deno.test("urlsplit() splits relative references and uses the default scheme", () => {
  assert.deepEqual([...urlsplit("//h/p?q#f")], ["", "h", "/p", "q", "f"]);
  assert.deepEqual([...urlsplit("p?q", { scheme: "ftp" })], [
    "ftp",
    "",
    "p",
    "q",
    "",
  ]);
  assert.deepEqual(
    [...urlsplit("/p?q#f", { allowFragments: false })],
    ["", "", "/p", "q#f", ""],
  );
});

Deno.test("urlsplit() throws a RangeError where Python raises ValueError while splitting", () => {
  assert.throws(() => urlsplit("http://[::1/"), RangeError);
  assert.throws(() => urlsplit("http://[127.0.0.1]/"), RangeError);
  assert.throws(() => urlsplit("http://[v1]/"), RangeError);
  assert.throws(() => urlsplit("http://a\u2100b/"), RangeError);
});

Deno.test("the port getter throws a RangeError for a bad port; the split does not", () => {
  const parts = urlsplit("http://h:abc/");
  assert.equal(parts.netloc, "h:abc");
  assert.throws(() => parts.port, RangeError);
  assert.throws(() => urlsplit("http://h:65536/").port, RangeError);
  assert.equal(urlsplit("http://h:/").port, null);
});

Deno.test("split results are frozen, iterable in tuple order, and replace() checks field names", () => {
  const parts = urlsplit("http://h/p?q");
  assert.ok(Object.isFrozen(parts));
  assert.ok(parts instanceof SplitResult);
  assert.throws(() => {
    (parts as { path: string }).path = "x";
  }, TypeError);
  const changed = parts.replace({ query: "r", fragment: "f" });
  assert.equal(changed.geturl(), "http://h/p?r#f");
  assert.equal(parts.query, "q");
  assert.throws(
    () => parts.replace({ params: "x" } as unknown as { query: string }),
    RangeError,
  );
});

Deno.test("urlparse() splits ;params off the last segment for the schemes Python lists", () => {
  const parts = urlparse("http://h/a;x/b;y=1?q");
  assert.ok(parts instanceof ParseResult);
  assert.equal(parts.path, "/a;x/b");
  assert.equal(parts.params, "y=1");
  assert.equal(urlparse("foo://h/b;y").params, "");
  assert.equal(urlunparse(parts), "http://h/a;x/b;y=1?q");
});

Deno.test("urlunsplit() drops empty ? and # and adds // for schemes with a netloc", () => {
  assert.equal(urlunsplit(["http", "h", "p", "", ""]), "http://h/p");
  assert.equal(urlunsplit(["http", "", "/p", "", ""]), "http:///p");
  assert.equal(urlunsplit(["mailto", "", "a@b", "", ""]), "mailto:a@b");
  assert.throws(
    () => urlunsplit(["a", "b"] as unknown as string[]),
    TypeError,
  );
});
