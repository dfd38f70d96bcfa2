/**
 * The package has no runtime dependencies, so its tour, its tests and its
 * scripts must run with no npm registry at all. The npm peers that the
 * benchmarks and the browser tests compare against or drive are pinned in
 * locks of their own (`bench/deno.lock`, `tests/browser/deno.lock`), which
 * only the `bench*` and `test:browser` tasks read.
 */

import assert from "node:assert/strict";
import { readDenoConfig, ROOT } from "./_helpers/package.ts";

/** The folders whose code may import `npm:` peers, each with its own lock. */
const NPM_PEER_FOLDERS = ["bench/", "tests/browser/"];

interface Lock {
  specifiers?: Record<string, string>;
  npm?: Record<string, unknown>;
}

async function readLock(path: string): Promise<Lock> {
  return JSON.parse(await Deno.readTextFile(new URL(path, ROOT))) as Lock;
}

async function* sourceFiles(
  folder: URL,
  relative = "",
): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(folder)) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = relative + entry.name;
    if (entry.isDirectory) {
      yield* sourceFiles(new URL(`${entry.name}/`, folder), `${path}/`);
    } else if (entry.isFile && /\.(ts|js|mjs)$/.test(entry.name)) {
      yield path;
    }
  }
}

Deno.test("deno.lock pins no npm package: the peers sit in bench/deno.lock and tests/browser/deno.lock", async () => {
  const root = await readLock("deno.lock");
  assert.deepEqual(Object.keys(root.npm ?? {}), []);
  assert.deepEqual(Object.keys(root.specifiers ?? {}), []);
  const bench = await readLock("bench/deno.lock");
  assert.ok(bench.specifiers?.["npm:async-mutex@0.5.0"], "bench/deno.lock");
  const browser = await readLock("tests/browser/deno.lock");
  assert.ok(
    browser.specifiers?.["npm:playwright-core@1.65.1"],
    "tests/browser/deno.lock",
  );
});

Deno.test("only bench/ and tests/browser/ import from npm", async () => {
  const offenders: string[] = [];
  for await (const path of sourceFiles(ROOT)) {
    if (NPM_PEER_FOLDERS.some((folder) => path.startsWith(folder))) continue;
    // This file names the pinned peers in its assertions.
    if (path === "tests/offline_test.ts") continue;
    const source = await Deno.readTextFile(new URL(path, ROOT));
    if (/["']npm:/.test(source)) offenders.push(path);
  }
  assert.deepEqual(offenders, []);
});

Deno.test("the tasks that resolve npm peers name their own lock, and no other task does", async () => {
  const config = await readDenoConfig();
  for (const [name, task] of Object.entries(config.tasks)) {
    const runs = task.command.split("&&").map((part) => part.trim())
      .filter((part) => /^deno (run|bench|test)\b/.test(part));
    for (const command of runs) {
      const lock = command.match(/--lock=(\S+)/)?.[1];
      if (name.startsWith("bench")) {
        assert.equal(lock, "bench/deno.lock", `${name}: ${command}`);
      } else if (name === "test:browser") {
        assert.equal(lock, "tests/browser/deno.lock", `${name}: ${command}`);
      } else {
        assert.equal(lock, undefined, `${name}: ${command}`);
      }
    }
  }
});

Deno.test("deno task demo runs with an empty DENO_DIR and the npm registry unreachable, downloading nothing", async () => {
  const denoDir = await Deno.makeTempDir({
    dir: "/tmp",
    prefix: "wirework_offline_",
  });
  try {
    const { code, stdout, stderr } = await new Deno.Command("deno", {
      args: ["task", "demo"],
      cwd: ROOT,
      env: {
        DENO_DIR: denoDir,
        // Port 9 (discard) on loopback: any npm fetch fails at once.
        NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/",
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(120_000),
    }).output();
    const err = new TextDecoder().decode(stderr);
    assert.doesNotMatch(err, /^Download /m);
    assert.doesNotMatch(err, /npm/i);
    assert.equal(code, 0, err);
    assert.match(new TextDecoder().decode(stdout), /== generics\//);
  } finally {
    await Deno.remove(denoDir, { recursive: true });
  }
});

Deno.test("the playground serves its page with an empty DENO_DIR and the npm registry unreachable", async () => {
  const denoDir = await Deno.makeTempDir({
    dir: "/tmp",
    prefix: "wirework_offline_",
  });
  const child = new Deno.Command("deno", {
    args: [
      "run",
      "--allow-read=.",
      "--allow-net=127.0.0.1",
      "concurrency/playground.ts",
    ],
    cwd: ROOT,
    env: {
      DENO_DIR: denoDir,
      NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
    let out = "";
    while (!/http:\/\/\S+\//.test(out)) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    const url = out.match(/http:\/\/\S+\//)?.[0];
    assert.ok(url, `no URL printed: ${out}`);
    const page = await fetch(new URL("_playground/page.js", url));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /\S/);
    child.kill("SIGINT");
    await reader.cancel();
    const status = await child.status;
    const err = await new Response(child.stderr).text();
    assert.doesNotMatch(err, /^Download /m);
    assert.equal(status.code, 130, err);
  } finally {
    clearTimeout(killer);
    await Deno.remove(denoDir, { recursive: true });
  }
});

Deno.test("the check task type-checks every folder of tests/, tests/browser/ against its own lock", async () => {
  const config = await readDenoConfig();
  const command = config.tasks.check?.command ?? "";
  const checked = command.split("&&").map((part) => part.trim())
    .filter((part) => part.startsWith("deno check"))
    .flatMap((part) => part.split(/\s+/));
  for await (const entry of Deno.readDir(new URL("tests/", ROOT))) {
    if (!entry.isDirectory) continue;
    assert.ok(
      checked.includes(`tests/${entry.name}`),
      `deno task check does not type-check tests/${entry.name}`,
    );
  }
});
