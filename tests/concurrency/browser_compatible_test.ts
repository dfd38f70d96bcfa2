/**
 * concurrency/ runs unchanged in a browser: every module a page or a worker
 * loads (what `mod.ts` and spawn's worker bootstrap import, transitively)
 * says so at its top, as Deno's std does, and uses no `Deno.*` API.
 *
 * @module
 */

import assert from "node:assert/strict";

const HEADER = "// This module is browser compatible.";
const ROOT = new URL("../../", import.meta.url);
/** What a browser page or worker loads from concurrency/. */
const ENTRY_POINTS = ["concurrency/mod.ts", "concurrency/_worker_main.ts"];
/** Scripts and their helpers: Deno-only, and not loaded by a page. */
const DENO_ONLY = new Set([
  "concurrency/playground.ts",
  "concurrency/_playground/server.ts",
]);

/** Follows the relative imports and re-exports of `entries`, within concurrency/ and generics/. */
async function moduleGraph(entries: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const source = await Deno.readTextFile(new URL(path, ROOT));
    // `import … from "./x.ts"`, `export … from "./x.ts"`, `import "./x.ts"`.
    const specifiers = source.matchAll(
      /^(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"|^import\s+"(\.{1,2}\/[^"]+)"/gms,
    );
    for (const [, fromClause, bare] of specifiers) {
      const target = new URL(fromClause ?? bare!, new URL(path, ROOT));
      pending.push(target.href.slice(ROOT.href.length));
    }
  }
  return [...seen].sort();
}

/** Every .ts file under concurrency/, relative to the repository root. */
async function concurrencyFiles(dir = "concurrency/"): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(dir, ROOT))) {
    if (entry.isDirectory) {
      files.push(...await concurrencyFiles(`${dir}${entry.name}/`));
    } else if (entry.name.endsWith(".ts")) files.push(`${dir}${entry.name}`);
  }
  return files.sort();
}

/** Whether the source uses the Deno namespace (outside comments is not enough: docs would mislead too). */
function usesDeno(source: string): boolean {
  return /\bDeno\./.test(source);
}

Deno.test("every concurrency/ module a browser loads says it is browser compatible", async () => {
  const graph = await moduleGraph(ENTRY_POINTS);
  assert.ok(graph.includes("concurrency/lock.ts"), `graph: ${graph}`);
  assert.ok(graph.includes("concurrency/spawn.ts"), `graph: ${graph}`);
  const missing: string[] = [];
  for (const path of graph) {
    if (!path.startsWith("concurrency/")) continue;
    const first = (await Deno.readTextFile(new URL(path, ROOT))).split("\n")[0];
    if (first !== HEADER) missing.push(path);
  }
  assert.deepEqual(missing, [], `first line must be "${HEADER}"`);
});

Deno.test("no concurrency/ module that says it is browser compatible uses Deno APIs", async () => {
  const offenders: string[] = [];
  const files = await concurrencyFiles();
  for (const path of files) {
    const source = await Deno.readTextFile(new URL(path, ROOT));
    if (!source.startsWith(HEADER)) continue;
    assert.ok(!DENO_ONLY.has(path), `${path} is a Deno script`);
    if (usesDeno(source)) offenders.push(path);
  }
  // The modules a browser loads outside concurrency/ (SharedQueue's codecs).
  for (const path of await moduleGraph(ENTRY_POINTS)) {
    if (path.startsWith("concurrency/")) continue;
    if (usesDeno(await Deno.readTextFile(new URL(path, ROOT)))) {
      offenders.push(path);
    }
  }
  assert.deepEqual(offenders, []);
});
