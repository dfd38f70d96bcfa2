/**
 * Every script follows one command-line convention (`_cli.ts`): `-h` and
 * `--help` print the usage and exit 0, `--version` prints the package
 * version, an unknown flag is one line on stderr and exit 2, an expected
 * failure is one line naming the cause (and for a missing permission the
 * flag to add) and exit 1, never a stack trace, and Ctrl-C exits 130. Each
 * script runs here as a user runs it: `deno run` in a child process.
 */

import assert from "node:assert/strict";
import { readDenoConfig, ROOT } from "./_helpers/package.ts";

interface Script {
  /** The file, from the package root. */
  path: string;
  /** The `deno run` flags the README gives it. */
  flags: string[];
  /** An expected failure: the arguments and flags that cause it, and what stderr names. */
  failure: { flags: string[]; args: string[]; says: RegExp; code?: number };
}

const LOOPBACK = "--allow-net=127.0.0.1";
const READ = "--allow-read=.";

/** A TCP port that refuses connections: bound, then closed. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

function scripts(busyPort: number): Script[] {
  const closed = String(closedPort());
  return [
    {
      path: "generics/demo.ts",
      flags: [],
      failure: {
        flags: [],
        args: ["extra"],
        says: /Unexpected argument "extra"/,
        code: 2,
      },
    },
    {
      path: "net/demo.ts",
      flags: ["--unstable-net", LOOPBACK],
      failure: {
        flags: ["--unstable-net"],
        args: [],
        says: /run again with --allow-net=127\.0\.0\.1$/,
      },
    },
    {
      path: "net/echo_server.ts",
      flags: [LOOPBACK],
      failure: {
        flags: [LOOPBACK],
        args: ["--hostname", "0.0.0.0", "--port", closed],
        says: new RegExp(`run again with --allow-net=0\\.0\\.0\\.0:${closed}$`),
      },
    },
    {
      path: "net/echo_client.ts",
      flags: [LOOPBACK],
      failure: {
        flags: [LOOPBACK],
        args: ["--port", closed, "hi"],
        says: /connection refused.*is an echo server running\?/i,
      },
    },
    {
      path: "net/udp_echo.ts",
      flags: ["--unstable-net", LOOPBACK],
      failure: {
        flags: ["--unstable-net", LOOPBACK],
        args: [
          "send",
          "--port",
          closed,
          "--timeout",
          "100",
          "--retries",
          "0",
          "hi",
        ],
        says: /TimeoutError: No reply from 127\.0\.0\.1/,
      },
    },
    {
      path: "net/chat_server.ts",
      flags: [LOOPBACK],
      failure: {
        flags: [LOOPBACK],
        args: ["--port", String(busyPort)],
        says: /AddrInUse/,
      },
    },
    {
      path: "net/http_get.ts",
      flags: [LOOPBACK],
      failure: {
        flags: [LOOPBACK],
        args: ["not-a-url"],
        says: /^http_get\.ts: Cannot fetch "not-a-url": it is not a valid URL/,
      },
    },
    {
      path: "url/inspect.ts",
      flags: [],
      failure: {
        flags: [],
        args: ["http://[::1/"],
        says:
          /^inspect\.ts: Cannot split URL "http:\/\/\[::1\/": invalid IPv6 URL$/,
      },
    },
    {
      path: "url/fetch.ts",
      flags: [LOOPBACK],
      failure: {
        flags: [LOOPBACK],
        args: [`http://127.0.0.1:${closed}/`],
        says: /^fetch\.ts: Cannot fetch .*\(refused\)$/,
      },
    },
    ...[
      "concurrency/demo.ts",
      "concurrency/counter_demo.ts",
      "concurrency/interrupt_demo.ts",
      "concurrency/deadlock_demo.ts",
      "concurrency/pool_demo.ts",
    ].map((path): Script => ({
      path,
      flags: [READ],
      failure: {
        flags: [],
        args: [],
        says: /Missing permission: .*run again with --allow-read=\.$/,
      },
    })),
    {
      path: "concurrency/playground.ts",
      flags: [READ, LOOPBACK],
      failure: {
        flags: [READ, LOOPBACK],
        args: ["--hostname", "0.0.0.0"],
        says: /run again with --allow-net=0\.0\.0\.0$/,
      },
    },
  ];
}

interface Outcome {
  code: number;
  out: string;
  err: string;
}

async function run(
  flags: string[],
  path: string,
  args: string[],
): Promise<Outcome> {
  const { code, stdout, stderr } = await new Deno.Command("deno", {
    args: ["run", ...flags, path, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  const decoder = new TextDecoder();
  return { code, out: decoder.decode(stdout), err: decoder.decode(stderr) };
}

/** Runs `jobs` two at a time: the machine has two cores. */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) {
    results.push(
      ...await Promise.all(jobs.slice(i, i + 2).map((job) => job())),
    );
  }
  return results;
}

function assertOneLine(outcome: Outcome, label: string): void {
  const lines = outcome.err.trimEnd().split("\n");
  assert.equal(
    lines.length,
    1,
    `${label}: stderr has ${lines.length} lines:\n${outcome.err}`,
  );
  assert.doesNotMatch(outcome.err, /^\s+at /m, `${label}: a stack trace`);
  assert.doesNotMatch(outcome.err, /Uncaught/, label);
}

Deno.test("every script answers --help and -h with its usage and exit 0, and --version with the package version", async () => {
  using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { version } = await readDenoConfig();
  const jobs = scripts(busy.addr.port).flatMap((script) =>
    [["--help"], ["-h"], ["--version"]].map((args) => async () => ({
      script,
      args,
      outcome: await run(script.flags, script.path, args),
    }))
  );
  for (const { script, args, outcome } of await inPairs(jobs)) {
    const label = `${script.path} ${args.join(" ")}`;
    assert.equal(outcome.code, 0, `${label}: ${outcome.err}`);
    assert.equal(outcome.err, "", label);
    if (args[0] === "--version") {
      assert.equal(outcome.out, `wirework ${version}\n`, label);
    } else {
      assert.match(outcome.out, /^Usage: /, label);
      assert.match(outcome.out, /--version/, label);
      assert.match(
        outcome.out,
        /130/,
        `${label}: the usage lists the exit codes`,
      );
    }
  }
});

Deno.test("every script refuses an unknown flag with one line on stderr and exit 2", async () => {
  using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const jobs = scripts(busy.addr.port).map((script) => async () => ({
    script,
    outcome: await run(script.flags, script.path, ["--bogus"]),
  }));
  for (const { script, outcome } of await inPairs(jobs)) {
    const label = `${script.path} --bogus`;
    assert.equal(outcome.code, 2, `${label}: ${outcome.err}`);
    assertOneLine(outcome, label);
    const name = script.path.split("/").at(-1)!;
    assert.equal(
      outcome.err,
      `${name}: Unknown option "--bogus" (see --help)\n`,
      label,
    );
  }
});

Deno.test("every script explains an expected failure in one line, naming the cause, and exits 1", async () => {
  using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const jobs = scripts(busy.addr.port).map((script) => async () => ({
    script,
    outcome: await run(script.failure.flags, script.path, script.failure.args),
  }));
  for (const { script, outcome } of await inPairs(jobs)) {
    const label = `${script.path} ${script.failure.args.join(" ")}`;
    assert.equal(
      outcome.code,
      script.failure.code ?? 1,
      `${label}: ${outcome.err}`,
    );
    assertOneLine(outcome, label);
    assert.match(outcome.err.trimEnd(), script.failure.says, label);
  }
});

Deno.test("limits are checked: counter_demo.ts refuses --workers 100000 at once with exit 2", async () => {
  const outcome = await run([READ], "concurrency/counter_demo.ts", [
    "--workers",
    "100000",
  ]);
  assert.equal(outcome.code, 2, outcome.err);
  assertOneLine(outcome, "--workers 100000");
  assert.match(
    outcome.err,
    /--workers "100000": it must be an integer from 1 to 64/,
  );
});

Deno.test("Ctrl-C stops a server cleanly with exit 130", async () => {
  const child = new Deno.Command("deno", {
    args: ["run", LOOPBACK, "net/echo_server.ts", "--port", "0"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
    let out = "";
    while (!out.includes("Listening on")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    child.kill("SIGINT");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    const status = await child.status;
    const err = await new Response(child.stderr).text();
    assert.equal(status.code, 130, err);
    assert.match(out, /Stopped after 0 connections/);
    assert.equal(err, "");
  } finally {
    clearTimeout(killer);
  }
});
