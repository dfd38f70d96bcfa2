/**
 * Whether python3, the real peer many tests run against, can be used here.
 *
 * @module
 */

/**
 * Tries `python3 -c "import <module>"`.
 *
 * @param module The Python module the caller's test needs.
 * @returns `undefined` when python3 runs and has the module, else why not
 *   (for the skip message the caller prints).
 */
export async function pythonMissing(
  module: string,
): Promise<string | undefined> {
  try {
    const { success } = await new Deno.Command("python3", {
      args: ["-c", `import ${module}`],
      stdout: "null",
      stderr: "null",
    }).output();
    return success ? undefined : `python3 cannot import ${module}`;
  } catch (error) {
    return `python3 cannot be started: ${(error as Error).message}`;
  }
}
