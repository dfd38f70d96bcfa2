import assert from "node:assert/strict";
import { EXAMPLE_URL, main } from "../../url/inspect.ts";
import { formatInspectedUrl, inspectUrl } from "../../url/_inspect.ts";
import { captureConsole } from "../_helpers/url_console.ts";

Deno.test("inspect.ts prints each key of the query with all its values, blanks kept", () => {
  const text = formatInspectedUrl(inspectUrl("http://h/?tag=a&tag=b&e=&f"));
  assert.match(text, /"tag"\s+2\s+"a", "b"/);
  assert.match(text, /"e"\s+1\s+""/);
  assert.match(text, /"f"\s+1\s+""/);
  assert.match(text, /port\s+\(none\)/);
});

Deno.test("inspect.ts --json prints the components, pairs and params of each URL", async () => {
  const { result, out } = await captureConsole(() =>
    main(["--json", "https://x.test:8443/p?q=a+b&q=c"])
  );
  assert.equal(result, 0);
  const [inspected] = JSON.parse(out);
  assert.equal(inspected.python.port, 8443);
  assert.equal(inspected.whatwg.port, 8443);
  assert.deepEqual(inspected.differences, []);
  assert.deepEqual(inspected.params, { q: ["a b", "c"] });
  assert.deepEqual(inspected.pairs, [["q", "a b"], ["q", "c"]]);
});

Deno.test("inspect.ts with no URL inspects the built-in example", async () => {
  const { result, out } = await captureConsole(() => main([]));
  assert.equal(result, 0);
  assert.ok(out.startsWith(new URL(EXAMPLE_URL).href));
  assert.match(out, /café au lait/);
});

Deno.test("inspect.ts shows the Python split next to the WHATWG parse where they differ", () => {
  const inspected = inspectUrl("HTTP://Example.com:80/a/../b");
  assert.deepEqual(inspected.differences, ["netloc", "port", "path"]);
  const text = formatInspectedUrl(inspected);
  assert.match(text, /netloc\s+Example\.com:80\s+example\.com/);
  assert.match(text, /port\s+80\s+\(none\)/);
  assert.match(text, /path\s+\/a\/\.\.\/b\s+\/b/);
  assert.match(text, /scheme {4}http\n/);
});

Deno.test("inspect.ts splits a relative reference the WHATWG parser refuses", async () => {
  const { result, out } = await captureConsole(() => main(["/p?q=1"]));
  assert.equal(result, 0);
  assert.match(out, /WHATWG parser refuses it/);
  assert.match(out, /path\s+\/p/);
});

Deno.test("inspect.ts exits 1 and names the input Python's split raises for", async () => {
  const { result, err } = await captureConsole(() => main(["http://[::1/"]));
  assert.equal(result, 1);
  assert.match(err, /"http:\/\/\[::1\/"/);
});

Deno.test("inspect.ts --help exits 0 and a bad flag exits 2", async () => {
  assert.equal((await captureConsole(() => main(["--help"]))).result, 0);
  assert.equal((await captureConsole(() => main(["--bogus"]))).result, 2);
});
