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

Deno.test("inspect.ts exits 1 with one line naming the input Python's split raises for, and still prints the others", async () => {
  const { result, out, err } = await captureConsole(() =>
    main(["http://[::1/", "http://ok.test/"])
  );
  assert.equal(result, 1);
  assert.equal(
    err,
    'inspect.ts: Cannot split URL "http://[::1/": invalid IPv6 URL',
  );
  assert.match(out, /^http:\/\/ok\.test\//);
});

Deno.test("inspect.ts -h and --help print the usage and exit 0, --version the package version", async () => {
  for (const flag of ["-h", "--help"]) {
    const { result, out } = await captureConsole(() => main([flag]));
    assert.equal(result, 0);
    assert.match(out, /^Usage: inspect\.ts/);
  }
  const version = await captureConsole(() => main(["--version"]));
  assert.equal(version.result, 0);
  assert.match(version.out, /^wirework \d+\.\d+\.\d+$/);
});

Deno.test("inspect.ts refuses a bad flag with one usage line and exit 2", async () => {
  const { result, out, err } = await captureConsole(() => main(["--bogus"]));
  assert.equal(result, 2);
  assert.equal(err, 'inspect.ts: Unknown option "--bogus" (see --help)');
  assert.equal(out, "");
});
