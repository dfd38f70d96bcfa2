import assert from "node:assert/strict";
import { main } from "../../url/fetch.ts";
import { captureConsole } from "../_helpers/url_console.ts";
import {
  checksum,
  interruptScript,
  runSavingScript,
} from "../_helpers/script_process.ts";
import { closedPort, startServer } from "../_helpers/url_server.ts";

/** Asserts a failure was one line on stderr, naming the script. */
function assertOneLine(err: string): void {
  assert.equal(err.split("\n").length, 1, err);
  assert.match(err, /^fetch\.ts: /);
}

Deno.test("fetch.ts with no URL fetches from its own loopback server and exits 0", async () => {
  const { result, out, err } = await captureConsole(() => main([]));
  assert.equal(result, 0, err);
  assert.match(out, /^200 OK/);
  assert.match(out, /served on loopback/);
});

Deno.test("fetch.ts names a refused connection in one line and exits 1", async () => {
  const { result, err } = await captureConsole(() =>
    main([`http://127.0.0.1:${closedPort()}/`])
  );
  assert.equal(result, 1);
  assertOneLine(err);
  assert.match(err, /\(refused\)$/);
});

Deno.test("fetch.ts names the HTTP status in one line, exits 1, and prints the error body on stdout", async () => {
  await using server = startServer({});
  const { result, out, err } = await captureConsole(() =>
    main([`${server.base}/missing`])
  );
  assert.equal(result, 1);
  assertOneLine(err);
  assert.match(err, /HTTP 404 Not Found$/);
  assert.equal(out, "no route");
});

Deno.test("fetch.ts names a timeout and exits 1; --timeout 0 waits without limit", async () => {
  await using server = startServer({
    "/never": async (_request, held) => {
      await held;
      return new Response("late");
    },
    "/page": () => new Response("here"),
  });
  const timedOut = await captureConsole(() =>
    main(["--timeout", "100", `${server.base}/never`])
  );
  assert.equal(timedOut.result, 1);
  assertOneLine(timedOut.err);
  assert.match(timedOut.err, /timed out.*\(timeout\)$/);
  // 0 is no limit, not "at once": the page arrives.
  const unlimited = await captureConsole(() =>
    main(["--timeout", "0", `${server.base}/page`])
  );
  assert.equal(unlimited.result, 0, unlimited.err);
  assert.match(unlimited.out, /\nhere$/);
});

Deno.test("fetch.ts explains an invalid URL in one line and exits 1", async () => {
  const { result, err } = await captureConsole(() => main(["nope"]));
  assert.equal(result, 1);
  assertOneLine(err);
  assert.match(err, /Cannot fetch "nope": it is not a valid URL/);
});

Deno.test("fetch.ts names the flag to add when the host is not permitted", async () => {
  // The test run may reach loopback only: the check fails before any lookup.
  const { result, err } = await captureConsole(() =>
    main(["http://example.com/"])
  );
  assert.equal(result, 1);
  assertOneLine(err);
  assert.match(err, /run again with --allow-net=example\.com:80$/);
});

Deno.test("fetch.ts -h and --help print the usage and exit 0", async () => {
  for (const flag of ["-h", "--help"]) {
    const { result, out } = await captureConsole(() => main([flag]));
    assert.equal(result, 0);
    assert.match(out, /^Usage: fetch\.ts/);
    assert.match(out, /--output/);
  }
});

Deno.test("fetch.ts refuses a bad flag or flag value with one line and exit 2", async () => {
  for (
    const [args, says] of [
      [["--timeout", "x"], /--timeout "x"/],
      [["--timeout", "-5"], /--timeout=VALUE/],
      [["--timeout=-5"], /--timeout "-5"/],
      [["--max-bytes", "lots"], /--max-bytes "lots"/],
      [["--bogus"], /Unknown option "--bogus"/],
      [["http://a/", "http://b/"], /more than one URL/],
    ] as const
  ) {
    const { result, err } = await captureConsole(() => main([...args]));
    assert.equal(result, 2, err);
    assertOneLine(err);
    assert.match(err, says);
  }
});

Deno.test("fetch.ts --output saves the body and ends with a plain progress line off a terminal", async () => {
  const body = new Uint8Array(200_000).map((_, index) => index % 251);
  await using server = startServer({
    "/file": () => new Response(body),
  });
  const script = new URL("../../url/fetch.ts", import.meta.url).href;
  const saved = await runSavingScript(script, [
    "-o",
    "<path>",
    `${server.base}/file`,
  ]);
  assert.deepEqual(
    [saved.code, saved.length, saved.sum],
    [0, body.length, checksum(body)],
  );
  const stdout = saved.out;
  const stderr = saved.err;
  assert.match(stdout[0]!, /^200 OK \(200000 bytes/);
  assert.match(
    stderr,
    /^195\.3 KiB \(200000 bytes\) saved to \S+body\.bin in \d+\.\d\d s, [\d.]+ \S+\/s\n$/,
  );
});

Deno.test("fetch.ts --output names the flag to add when the file may not be written", async () => {
  await using server = startServer({ "/file": () => new Response("x") });
  const { result, err } = await captureConsole(() =>
    main(["--output", "/wirework-denied/out.bin", `${server.base}/file`])
  );
  assert.equal(result, 1);
  assertOneLine(err);
  assert.match(
    err,
    /run again with --allow-write=\/wirework-denied\/out\.bin$/,
  );
});

Deno.test("fetch.ts stops on Ctrl-C mid-fetch with exit 130 and nothing on stderr", async () => {
  const asked = Promise.withResolvers<void>();
  await using server = startServer({
    "/never": async (_request, held) => {
      asked.resolve();
      await held;
      return new Response("late");
    },
  });
  const outcome = await interruptScript(
    ["--allow-net=127.0.0.1"],
    "url/fetch.ts",
    ["--timeout", "0", `${server.base}/never`],
    asked.promise,
  );
  assert.equal(outcome.code, 130, outcome.err);
  assert.equal(outcome.err, "");
});
