/**
 * Runs python3's `urllib.parse` over many inputs in one child process: the
 * inputs go to its stdin as JSON, the answers come back as JSON on stdout.
 */

/**
 * Starts `script` and writes `input` to its stdin as JSON; the returned
 * promise settles once python3 has all of its input, so the caller can work
 * while python3 computes. `answer()` then waits for stdout, parsed as JSON.
 */
export async function startPython(
  script: string,
  input: unknown,
): Promise<{ answer(): Promise<unknown> }> {
  const child = new Deno.Command("python3", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  try {
    await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  } finally {
    await writer.close().catch(() => {});
  }
  return {
    async answer() {
      const { success, stdout, stderr } = await child.output();
      if (!success) {
        throw new Error(
          `python3 failed: ${new TextDecoder().decode(stderr).slice(-2000)}`,
        );
      }
      return JSON.parse(new TextDecoder().decode(stdout));
    },
  };
}

/**
 * Runs `script` with `input` as JSON on stdin and returns its stdout parsed
 * as JSON. The script reads `sys.stdin` and prints JSON.
 */
export async function runPython(
  script: string,
  input: unknown,
): Promise<unknown> {
  return await (await startPython(script, input)).answer();
}

/** The name of a python3 exception, as the Python side reports it: `["!", name, message]`. */
export type PythonError = ["!", string, string];

/** Whether an answer from python3 is an exception. */
export function isPythonError(value: unknown): value is PythonError {
  return Array.isArray(value) && value[0] === "!" && value.length === 3;
}
