/**
 * `deno task test:node`: builds url/, generics/ and concurrency/ into plain
 * JavaScript for Node.js (one ES module each, with `deno bundle`, into the
 * git-ignored `tests/node/.build/`; concurrency/ with its worker bootstraps
 * as entries of their own), and the whole package as JSR's npm build lays
 * it out into a Node.js project (`.build/jsr/project/`, see
 * `_jsr_layout.ts`), then runs the Node.js suite beside this
 * file (`*.test.mjs`) with `node --test`. Without a `node` on PATH it prints
 * why and exits 0, skipping the suite.
 *
 * `deno bundle` drives esbuild, which Deno fetches from the npm registry the
 * first time it bundles (`@esbuild/<platform>`), so this task, unlike the
 * tour and the Deno suite, needs the npm registry once per DENO_DIR.
 *
 * @module
 */

import { buildJsrLayout } from "./_jsr_layout.ts";

/** The modules built for Node.js, by the name the tests import them under. */
export const ENTRIES: Readonly<Record<string, string>> = {
  url: "url/mod.ts",
  generics: "generics/mod.ts",
  concurrency: "concurrency/mod.ts",
  // The tests' one seeded generator, so both suites draw the same inputs.
  random: "tests/_helpers/random.ts",
};

const ROOT = new URL("../../", import.meta.url);
const HERE = new URL("./", import.meta.url);
const BUILD = new URL(".build/", HERE);
/** A bound on the whole Node.js suite, far above its usual few seconds. */
const SUITE_TIMEOUT_MS = 120_000;

const USAGE = `Usage: deno task test:node

Builds url/, generics/ and concurrency/ for Node.js into tests/node/.build/
and runs tests/node/*.test.mjs with node --test. Skips, saying why, when
node is not on PATH.`;

/**
 * The version of the Node.js that `node` starts (`v20.20.2`), or why there
 * is none to run the suite on. Without a `node` on PATH, Deno runs `node`
 * as Deno itself, whose `--version` names Deno: that is not Node.js either.
 */
export async function nodeVersion(): Promise<
  { version: string } | { missing: string }
> {
  try {
    const { success, stdout } = await new Deno.Command("node", {
      args: ["--version"],
      stdout: "piped",
      stderr: "null",
    }).output();
    const text = new TextDecoder().decode(stdout).trim();
    if (success && /^v\d+\./.test(text)) return { version: text };
    return {
      missing: `"node --version" printed ${
        JSON.stringify(text.split("\n")[0])
      }, not a Node.js version`,
    };
  } catch (error) {
    return { missing: `node cannot be started: ${(error as Error).message}` };
  }
}

/**
 * concurrency/ is built as several entries sharing chunks, into
 * `tests/node/.build/concurrency/`: its worker bootstraps are entries of
 * their own, because `spawn` and `WorkerPool` start workers from files
 * beside their own module (`new URL("./_worker_main.js", import.meta.url)`),
 * and those workers must share the one copy of the runtime with every
 * module that imports concurrency/.
 */
const SPLIT_ENTRIES = [
  "concurrency/mod.ts",
  "concurrency/_worker_main.ts",
  "concurrency/_pool_worker_main.ts",
];

async function bundle(args: string[], what: string): Promise<void> {
  const { success, stderr } = await new Deno.Command("deno", {
    args: ["bundle", "--quiet", "--platform=browser", "--format=esm", ...args],
    cwd: ROOT.pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(
      `Cannot bundle ${what}: ${new TextDecoder().decode(stderr).trim()}`,
    );
  }
}

/**
 * Bundles each entry into `tests/node/.build/<name>.mjs`; concurrency/ into
 * `tests/node/.build/concurrency/`, re-exported by `concurrency.mjs`.
 */
export async function build(): Promise<void> {
  await Deno.mkdir(BUILD, { recursive: true });
  for (const [name, entry] of Object.entries(ENTRIES)) {
    if (name === "concurrency") continue;
    await bundle(
      [`--output=${new URL(`${name}.mjs`, BUILD).pathname}`, entry],
      entry,
    );
  }
  const split = new URL("concurrency/", BUILD);
  await Deno.remove(split, { recursive: true }).catch(() => {});
  await bundle(
    ["--code-splitting", `--outdir=${split.pathname}`, ...SPLIT_ENTRIES],
    "concurrency/",
  );
  // Its .js files are ES modules, as in JSR's npm package.
  await Deno.writeTextFile(
    new URL("package.json", split),
    '{ "type": "module" }\n',
  );
  await Deno.writeTextFile(
    new URL("concurrency.mjs", BUILD),
    'export * from "./concurrency/mod.js";\n',
  );
  await buildJsrLayout(ROOT, new URL("jsr/", BUILD));
}

/** The suite's files, sorted. */
export async function testFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(HERE)) {
    if (entry.isFile && entry.name.endsWith(".test.mjs")) {
      files.push(new URL(entry.name, HERE).pathname);
    }
  }
  return files.sort();
}

/** Runs the suite with `node --test`; returns node's exit code. */
export async function runSuite(files: string[]): Promise<number> {
  const { code } = await new Deno.Command("node", {
    args: ["--test", "--test-reporter=tap", ...files],
    cwd: ROOT.pathname,
    stdout: "inherit",
    stderr: "inherit",
    signal: AbortSignal.timeout(SUITE_TIMEOUT_MS),
  }).output();
  return code;
}

async function main(args: string[]): Promise<number> {
  if (args.includes("-h") || args.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  if (args.length > 0) {
    console.error(`Unknown argument "${args[0]}": this task takes none`);
    return 2;
  }
  const node = await nodeVersion();
  if ("missing" in node) {
    console.log(`test:node skipped: ${node.missing}`);
    return 0;
  }
  console.log(`test:node: building for Node.js ${node.version}`);
  await build();
  return await runSuite(await testFiles());
}

if (import.meta.main) Deno.exit(await main(Deno.args));
