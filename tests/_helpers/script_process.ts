/**
 * Runs a script as a user does, `deno run` in a child process, and presses
 * Ctrl-C (SIGINT) once the test says the script is busy.
 *
 * @module
 */

import { ROOT } from "./package.ts";

/** How the child ended. */
export interface Interrupted {
  code: number;
  out: string;
  err: string;
}

/**
 * Starts `deno run FLAGS PATH ARGS` from the package root, sends SIGINT once
 * `busy` resolves, and returns its exit code and output. The child is killed
 * after 30 s whatever happens, so the test cannot hang.
 *
 * @param flags The `deno run` flags.
 * @param path The script, from the package root.
 * @param args The script's arguments.
 * @param busy Resolves when the script is in the middle of its work.
 * @returns The exit code, stdout and stderr.
 */
export async function interruptScript(
  flags: string[],
  path: string,
  args: string[],
  busy: Promise<void>,
): Promise<Interrupted> {
  const child = new Deno.Command("deno", {
    args: ["run", ...flags, path, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  try {
    const output = child.output();
    await Promise.race([busy, output]);
    try {
      child.kill("SIGINT");
    } catch {
      // It had already ended: the assertions on its output say why.
    }
    const { code, stdout, stderr } = await output;
    const decoder = new TextDecoder();
    return { code, out: decoder.decode(stdout), err: decoder.decode(stderr) };
  } finally {
    clearTimeout(killer);
  }
}

/** What a script's `main` saved with `--output`, and what it printed. */
export interface SavedRun {
  /** `main`'s exit code. */
  code: number;
  /** The saved file's length. */
  length: number;
  /** The saved file's {@linkcode checksum}. */
  sum: number;
  /** The child's stdout lines, the report line left out. */
  out: string[];
  /** The child's stderr. */
  err: string;
}

/** A 32-bit rolling checksum of `bytes`, as {@linkcode runSavingScript} reports it. */
export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum * 31 + byte) >>> 0;
  return sum;
}

/**
 * Calls a script's `main(args)` in a child `deno eval` (the test run may not
 * write files; the child writes into a temp dir of its own, removed after),
 * where the argument `"<path>"` stands for a file in that dir, and reports
 * what was saved there. The child is killed after 20 s.
 *
 * @param script The script's URL.
 * @param args `main`'s arguments, with `"<path>"` for the output file.
 * @returns The exit code, the saved file's length and checksum, and the output.
 */
export async function runSavingScript(
  script: string,
  args: string[],
): Promise<SavedRun> {
  const code = `
    import { main } from ${JSON.stringify(script)};
    import { checksum } from ${JSON.stringify(import.meta.url)};
    const dir = await Deno.makeTempDir();
    try {
      const path = dir + "/body.bin";
      const args = ${
    JSON.stringify(args)
  }.map((arg) => arg === "<path>" ? path : arg);
      const code = await main(args);
      const saved = await Deno.readFile(path);
      const sum = checksum(saved);
      console.log(JSON.stringify({ code, length: saved.length, sum }));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  `;
  const output = await new Deno.Command("deno", {
    args: ["eval", code],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(20_000),
  }).output();
  const decoder = new TextDecoder();
  const out = decoder.decode(output.stdout).trim().split("\n");
  const report = JSON.parse(out.pop()!);
  return { ...report, out, err: decoder.decode(output.stderr) };
}
