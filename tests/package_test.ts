import assert from "node:assert/strict";
import { readDenoConfig, ROOT } from "./_helpers/package.ts";

const MODULES = ["net", "url", "generics", "concurrency"];

Deno.test("deno.json names the package and points each module key at its mod.ts", async () => {
  const config = await readDenoConfig();
  assert.equal(config.name, "@wirework/wirework");
  assert.match(config.version, /^\d+\.\d+\.\d+$/);
  assert.equal(config.exports["."], "./mod.ts");
  for (const module of MODULES) {
    assert.equal(config.exports[`./${module}`], `./${module}/mod.ts`);
  }
});

Deno.test("every script export key is the kebab-case name of an existing snake_case file", async () => {
  const config = await readDenoConfig();
  for (const [key, target] of Object.entries(config.exports)) {
    if (target.endsWith("/mod.ts") || key === ".") continue;
    assert.match(key, /^\.\/[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/, key);
    assert.equal(target, `${key.replaceAll("-", "_")}.ts`, key);
    const source = await Deno.readTextFile(new URL(target, ROOT));
    assert.ok(
      source.includes("if (import.meta.main)"),
      `${target} is a script but has no import.meta.main guard`,
    );
  }
});

Deno.test("the root mod.ts re-exports every name of every module", async () => {
  const root = await import("../mod.ts");
  for (const module of MODULES) {
    const exports = await import(`../${module}/mod.ts`);
    for (const name of Object.keys(exports)) {
      assert.equal(
        root[name as keyof typeof root],
        exports[name],
        `${module}: ${name}`,
      );
    }
  }
});

Deno.test("every task has a description and none grants all permissions", async () => {
  const config = await readDenoConfig();
  for (const [name, task] of Object.entries(config.tasks)) {
    assert.ok(task.description, `task ${name} has no description`);
    assert.doesNotMatch(
      task.command,
      /(^|\s)(-A|--allow-all)(\s|$)/,
      `task ${name}`,
    );
  }
});

Deno.test("library code imports nothing from outside the package", async () => {
  const offenders: string[] = [];
  for (const module of MODULES) {
    for await (const entry of Deno.readDir(new URL(`${module}/`, ROOT))) {
      if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
      const source = await Deno.readTextFile(
        new URL(`${module}/${entry.name}`, ROOT),
      );
      for (const match of source.matchAll(/\bfrom\s+"([^"]+)"/g)) {
        const specifier = match[1]!;
        if (/^(jsr:|npm:|https?:)/.test(specifier)) {
          offenders.push(`${module}/${entry.name}: ${specifier}`);
        }
      }
    }
  }
  assert.deepEqual(offenders, []);
});

Deno.test("the check task lints the docs of every export entry", async () => {
  const config = await readDenoConfig();
  const command = config.tasks.check?.command ?? "";
  const linted =
    command.match(/deno doc --lint ([^&]+)&&/)?.[1]?.trim().split(/\s+/) ?? [];
  const entries = Object.values(config.exports).map((target) =>
    target.slice(2)
  );
  assert.deepEqual([...linted].sort(), [...entries].sort());
});
