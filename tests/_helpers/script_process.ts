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
