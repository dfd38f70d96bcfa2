/** Captures what a script's `main()` prints, restoring the console after. */
export async function captureConsole<T>(
  run: () => T | Promise<T>,
): Promise<{ result: T; out: string; err: string }> {
  const { log, error } = console;
  const out: string[] = [];
  const err: string[] = [];
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  try {
    const result = await run();
    return { result, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}
