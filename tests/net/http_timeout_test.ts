import assert from "node:assert/strict";
import { HttpClient, httpRequest } from "../../net/mod.ts";
import { serveCounting, serveRaw } from "../_helpers/net_http_servers.ts";

Deno.test("HttpClient rejects a timeout that is not a number with TypeError", async () => {
  for (const timeout of ["100", null, Number.NaN, {}, true, 10n]) {
    assert.throws(
      () => new HttpClient({ timeout: timeout as number }),
      TypeError,
      String(timeout),
    );
  }
  await using client = new HttpClient();
  for (const timeout of ["100", null, Number.NaN]) {
    await assert.rejects(
      client.request("http://127.0.0.1:9/", { timeout: timeout as number }),
      TypeError,
      String(timeout),
    );
    await assert.rejects(
      httpRequest("http://127.0.0.1:9/", { timeout: timeout as number }),
      TypeError,
      String(timeout),
    );
  }
  assert.throws(() => new HttpClient({ timeout: -1 }), RangeError);
  assert.throws(() => new HttpClient({ timeout: -Infinity }), RangeError);
});

Deno.test("HttpClient names the bad timeout in its message", () => {
  assert.throws(
    () => new HttpClient({ timeout: "100" as unknown as number }),
    {
      name: "TypeError",
      message:
        'Cannot use timeout "100": it must be a number of milliseconds, or Infinity',
    },
  );
});

Deno.test("HttpClient arms one timer for a timeout past setTimeout's range", async () => {
  const TIMER_RANGE = 2 ** 31 - 1;
  await using server = serveCounting(async () => {
    // Long enough that a timer re-armed every millisecond would show.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return new Response("late");
  });
  const originalSetTimeout = globalThis.setTimeout;
  const delays: number[] = [];
  globalThis.setTimeout = ((callback: () => void, delay?: number) => {
    delays.push(delay ?? 0);
    return originalSetTimeout(callback, delay);
  }) as typeof setTimeout;
  try {
    for (const timeout of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      delays.length = 0;
      await using client = new HttpClient({ timeout });
      const response = await client.request(server.origin);
      assert.equal(response.text(), "late");
      assert.deepEqual(
        delays.filter((delay) => delay > TIMER_RANGE),
        [],
        "no delay beyond setTimeout's range",
      );
      assert.equal(
        delays.filter((delay) => delay >= TIMER_RANGE - 1000).length,
        1,
        `one long timer for timeout ${timeout}`,
      );
    }
  } finally {
    globalThis.setTimeout = originalSetTimeout;
  }
});

Deno.test("HttpClient accepts Infinity as a timeout: no limit", async () => {
  await using server = serveCounting(() => new Response("ok"));
  await using client = new HttpClient({ timeout: Infinity });
  assert.equal((await client.request(server.origin)).text(), "ok");
  assert.equal(
    (await client.request(server.origin, { timeout: Infinity })).text(),
    "ok",
  );
});

Deno.test("HttpClient expires each of many concurrent requests at its own timeout", async () => {
  await using server = serveRaw(({ head }) =>
    head.startsWith("GET /hang")
      ? { hang: true }
      : { write: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" }
  );
  await using client = new HttpClient({ timeout: 60_000 });
  const hanging = [150, 50, 100, 75].map((timeout) =>
    client.request(`${server.origin}/hang`, { timeout }).then(
      () => assert.fail(`the ${timeout} ms request resolved`),
      (error) => {
        assert.ok(error instanceof DOMException, String(error));
        assert.equal(error.name, "TimeoutError");
        assert.match(error.message, new RegExp(`after ${timeout} ms$`));
      },
    )
  );
  // Requests that finish first leave the middle of the clock's list.
  for (let index = 0; index < 5; index++) {
    const response = await client.request(`${server.origin}/ok`, {
      timeout: 200 + index,
    });
    assert.equal(response.text(), "ok");
  }
  await Promise.all(hanging);
});
