/**
 * Builds, without JSR, what `npx jsr add @wirework/wirework` installs into a
 * Node.js project: JSR's npm compatibility build of this package. That build
 * walks the module graph from every entry of deno.json's `exports`
 * (following static imports and `import()`s of literal specifiers, as
 * deno_graph does), emits one `.js` per TypeScript module it reaches, beside
 * the source, with the relative specifiers of its imports rewritten from
 * `.ts` to `.js`, and writes a package.json whose `exports` map each entry to
 * its `.js`. A module that no import reaches gets no `.js`: that is what a
 * worker's entry found only by URL (`new URL("./w.ts", import.meta.url)`)
 * would suffer, so the graph here is Deno's own (`deno info`), not a list of
 * files. Strings such as `new URL("./w.ts", import.meta.url)` are left as
 * they are, as JSR leaves them.
 *
 * The JavaScript is emitted by Deno's bundler with `--inline-imports=false`,
 * which transpiles each module alone. Left out: the `.d.ts` files (types
 * play no part at run time) and the raw copies of files outside the graph.
 *
 * @module
 */

/** Where a built layout lives. */
export interface JsrLayout {
  /** The Node.js project that "installed" the package. */
  project: URL;
  /** The package inside it: `node_modules/@wirework/wirework/`. */
  package: URL;
  /** The modules emitted, as paths relative to the package. */
  modules: string[];
}

interface DenoConfig {
  name: string;
  version: string;
  exports: Record<string, string>;
}

interface InfoModule {
  specifier: string;
  local?: string;
  mediaType?: string;
  error?: string;
}

const TYPESCRIPT = new Set(["TypeScript", "Mts"]);

/** A relative specifier of a static import/export or a literal `import()`. */
const RELATIVE_IMPORT =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)(["'])(\.{1,2}\/[^"'\n]*?)\.ts\2/g;

async function run(args: string[], cwd: URL, what: string): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command("deno", {
    args,
    cwd: cwd.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(
      `Cannot ${what}: ${new TextDecoder().decode(stderr).trim()}`,
    );
  }
  return new TextDecoder().decode(stdout);
}

/**
 * The TypeScript modules of the package that deno_graph reaches from the
 * exports, as paths relative to `root`, sorted.
 */
export async function graphModules(
  root: URL,
  exports: Record<string, string>,
): Promise<string[]> {
  const found = new Set<string>();
  for (const target of new Set(Object.values(exports))) {
    const info = JSON.parse(
      await run(
        ["info", "--json", target],
        root,
        `read the graph of ${target}`,
      ),
    ) as { modules: InfoModule[] };
    for (const module of info.modules) {
      if (module.error !== undefined) {
        throw new Error(`Cannot read ${module.specifier}: ${module.error}`);
      }
      if (!module.specifier.startsWith(root.href)) continue;
      if (!TYPESCRIPT.has(module.mediaType ?? "")) continue;
      found.add(module.specifier.slice(root.href.length));
    }
  }
  return [...found].sort();
}

/**
 * Rewrites the relative `.ts` specifiers of `source`'s imports to `.js`,
 * as JSR does for the modules in its graph.
 *
 * @param source A module emitted from `from` (a path relative to the package).
 * @param from Its path.
 * @param modules Every module of the graph.
 */
export function rewriteSpecifiers(
  source: string,
  from: string,
  modules: ReadonlySet<string>,
): string {
  return source.replace(
    RELATIVE_IMPORT,
    (whole, keyword: string, quote: string, stem: string) => {
      const target = new URL(`${stem}.ts`, `file:///${from}`).pathname.slice(1);
      if (!modules.has(target)) return whole;
      return `${keyword}${quote}${stem}.js${quote}`;
    },
  );
}

/** `./url/mod.ts` → `./url/mod.js`. */
function jsPath(path: string): string {
  return path.replace(/\.ts$/, ".js");
}

/**
 * Builds the layout into `out` (emptied first): `out/project/package.json`
 * and the package in `out/project/node_modules/@wirework/wirework/`.
 *
 * @param root The repository root (where deno.json is).
 * @param out The directory to build in.
 */
export async function buildJsrLayout(root: URL, out: URL): Promise<JsrLayout> {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", root)),
  ) as DenoConfig;
  const [scope, name] = config.name.slice(1).split("/");
  const project = new URL("project/", out);
  const pkg = new URL(`node_modules/${config.name}/`, project);
  await Deno.remove(out, { recursive: true }).catch(() => {});
  await Deno.mkdir(pkg, { recursive: true });

  const modules = await graphModules(root, config.exports);
  const inGraph = new Set(modules);
  // mod.ts sits at the root, so the emitted paths mirror the sources'.
  if (!inGraph.has("mod.ts")) {
    throw new Error("The graph does not reach mod.ts, the package root");
  }
  await run(
    [
      "bundle",
      "--quiet",
      "--platform=browser",
      "--format=esm",
      "--inline-imports=false",
      `--outdir=${pkg.pathname}`,
      ...modules,
    ],
    root,
    "transpile the package",
  );
  for (const module of modules) {
    const emitted = new URL(jsPath(module), pkg);
    const source = await Deno.readTextFile(emitted);
    await Deno.writeTextFile(
      emitted,
      rewriteSpecifiers(source, module, inGraph),
    );
  }

  const exports: Record<string, { default: string }> = {};
  for (const [key, target] of Object.entries(config.exports)) {
    exports[key] = { default: jsPath(target) };
  }
  const npmName = `@jsr/${scope}__${name}`;
  await Deno.writeTextFile(
    new URL("package.json", pkg),
    JSON.stringify(
      {
        name: npmName,
        version: config.version,
        type: "module",
        dependencies: {},
        exports,
      },
      null,
      2,
    ) + "\n",
  );
  await Deno.writeTextFile(
    new URL("package.json", project),
    JSON.stringify(
      {
        type: "module",
        dependencies: { [config.name]: `npm:${npmName}@^${config.version}` },
      },
      null,
      2,
    ) + "\n",
  );
  return { project, package: pkg, modules: modules.map(jsPath) };
}
