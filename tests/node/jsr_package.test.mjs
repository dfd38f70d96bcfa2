// The package as `npx jsr add @wirework/wirework` installs it into a Node.js
// project, re-created by _jsr_layout.ts (JSR's npm build: one .js per module
// of the graph, specifiers rewritten) into .build/jsr/project/: the README's
// "Use from Node.js" examples run there as written, and workers from spawn
// and WorkerPool find their bootstraps beside spawn.js and share the
// package's runtime with the task modules.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { access, readFile, writeFile } from "node:fs/promises";
import { test } from "node:test";

const PROJECT = new URL("./.build/jsr/project/", import.meta.url);
const PACKAGE = new URL("node_modules/@wirework/wirework/", PROJECT);
const README = new URL("../../README.md", import.meta.url);
/** A bound on one program, far above the second or so it needs. */
const RUN_MS = 60_000;

/**
 * The code blocks of the README's "Use from Node.js" section that name
 * their file on their first line (`// main.mjs`), by that name.
 */
async function readmeFiles() {
  const markdown = await readFile(README, "utf8");
  const start = markdown.indexOf("\n## Use from Node.js\n");
  assert.notEqual(start, -1, 'README.md has no "Use from Node.js" section');
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  const files = new Map();
  for (const [, code] of section.matchAll(/```js[^\n]*\n([\s\S]*?)```/g)) {
    const name = /^\/\/ ([\w.-]+\.mjs)\b/.exec(code)?.[1];
    if (name !== undefined) files.set(name, code);
  }
  return files;
}

/**
 * What a program of the README says it prints: the value in the comment
 * after each `console.log(...)` (`console.log(counter[0]); // 400000`).
 */
function promisedOutput(code) {
  return [...code.matchAll(/^\s*console\.log\(.*\);\s*\/\/ (.+)$/gm)].map(
    ([, value]) => value.trim(),
  );
}

/** Runs `node <file>` in the project; resolves with its stdout lines. */
function runInProject(file) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [file],
      { cwd: PROJECT, timeout: RUN_MS },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`node ${file} failed: ${error.message}\n${stderr}`));
        } else resolve(stdout.split("\n").filter((line) => line !== ""));
      },
    );
  });
}

test("JSR's npm layout holds the worker bootstraps as .js beside spawn.js", async () => {
  for (const file of ["spawn.js", "_worker_main.js", "_pool_worker_main.js"]) {
    await access(new URL(`concurrency/${file}`, PACKAGE));
  }
});

test("the README's Node.js examples run as written against the package as JSR's npm build lays it out", async () => {
  const files = await readmeFiles();
  for (const name of ["example.mjs", "main.mjs", "add.mjs"]) {
    assert.ok(files.has(name), `README.md shows no ${name}`);
  }
  for (const [name, code] of files) {
    await writeFile(new URL(name, PROJECT), code);
  }
  assert.deepEqual(await runInProject("example.mjs"), []);
  const promised = promisedOutput(files.get("main.mjs"));
  assert.ok(promised.length > 0, "main.mjs in README.md promises no output");
  assert.deepEqual(await runInProject("main.mjs"), promised);
});

test("spawn and WorkerPool tasks that import the package share its runtime, from JSR's npm layout", async () => {
  await writeFile(
    new URL("thread_task.mjs", PROJECT),
    `import { threadId } from "@wirework/wirework/concurrency";
export default (lock) => {
  lock.acquire({ timeout: 20_000 });
  try {
    return threadId();
  } finally {
    lock.release();
  }
};
`,
  );
  await writeFile(
    new URL("thread_main.mjs", PROJECT),
    `import { Lock, spawn, threadId, WorkerPool } from "@wirework/wirework/concurrency";
const lock = new Lock({ name: "shared" });
const task = new URL("./thread_task.mjs", import.meta.url);
const worker = spawn(task, { args: [lock] });
const spawned = await worker.result;
const pool = new WorkerPool(task, { size: 1 });
const pooled = await pool.submit([lock]);
await pool.shutdown();
console.log(JSON.stringify({ main: threadId(), worker: worker.threadId, spawned, pooled }));
`,
  );
  const [line] = await runInProject("thread_main.mjs");
  const ids = JSON.parse(line);
  // The task's threadId() is the one spawn claimed: the bootstrap and the
  // task module loaded one copy of the runtime, the package's.
  assert.equal(ids.spawned, ids.worker);
  assert.notEqual(ids.pooled, ids.main);
  assert.notEqual(ids.pooled, ids.spawned);
  assert.ok(ids.pooled > 0);
});
