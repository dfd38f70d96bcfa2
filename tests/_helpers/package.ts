/** Reads the package's own deno.json, for tests that check its shape. */

/** The part of deno.json these tests read. */
export interface DenoConfig {
  name: string;
  version: string;
  exports: Record<string, string>;
  tasks: Record<string, { description?: string; command: string }>;
}

/** The repository root, as a file URL ending in a slash. */
export const ROOT: URL = new URL("../../", import.meta.url);

/** Parses deno.json at the repository root. */
export async function readDenoConfig(): Promise<DenoConfig> {
  const text = await Deno.readTextFile(new URL("deno.json", ROOT));
  return JSON.parse(text) as DenoConfig;
}
