import assert from "node:assert/strict";
import { EXIT_CODES, main } from "../../url/fetch.ts";
import { captureConsole } from "../_helpers/url_console.ts";
import { closedPort, startServer } from "../_helpers/url_server.ts";

Deno.test("fetch.ts gives every failure reason its own exit status", () => {
  const codes = Object.values(EXIT_CODES);
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(!codes.includes(0) && !codes.includes(2));
});

Deno.test("fetch.ts with no URL fetches from its own loopback server and exits 0", async () => {
  const { result, out } = await captureConsole(() => main([]));
  assert.equal(result, 0);
  assert.match(out, /^200 OK/);
  assert.match(out, /served on loopback/);
});

Deno.test("fetch.ts exits with the refused status for a closed port", async () => {
  const { result, err } = await captureConsole(() =>
    main([`http://127.0.0.1:${closedPort()}/`])
  );
  assert.equal(result, EXIT_CODES.refused);
  assert.match(err, /\(refused\)/);
});

Deno.test("fetch.ts exits with the http status and prints the error body", async () => {
  await using server = startServer({});
  const { result, err } = await captureConsole(() =>
    main([`${server.base}/missing`])
  );
  assert.equal(result, EXIT_CODES.http);
  assert.match(err, /HTTP 404/);
  assert.match(err, /no route/);
});

Deno.test("fetch.ts exits with the timeout status when the server never answers", async () => {
  await using server = startServer({
    "/never": async (_request, held) => {
      await held;
      return new Response("late");
    },
  });
  const { result } = await captureConsole(() =>
    main(["--timeout", "100", `${server.base}/never`])
  );
  assert.equal(result, EXIT_CODES.timeout);
});

Deno.test("fetch.ts exits 2 for an invalid URL or a bad flag", async () => {
  assert.equal((await captureConsole(() => main(["nope"]))).result, 2);
  assert.equal(
    (await captureConsole(() => main(["--timeout", "x"]))).result,
    2,
  );
});
