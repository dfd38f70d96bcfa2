#!/usr/bin/env -S deno run
/**
 * Prints every component of each URL as Python's `urlparse` splits it, next
 * to the WHATWG URL parser's reading wherever the two differ, and its query
 * as a multi-value table (or all of it as JSON with `--json`). With no URL
 * it inspects a built-in example, so it works offline.
 *
 * ```sh
 * deno run jsr:@wirework/wirework/url/inspect "https://x.test/s?tag=a&tag=b"
 * deno run jsr:@wirework/wirework/url/inspect --json "https://x.test/s?q=1"
 * ```
 *
 * @module
 */

import { COMMON_USAGE, runScriptForStatus } from "../_cli.ts";
import { formatInspectedUrl, inspectUrl } from "./_inspect.ts";

/** The URL inspected when none is given. */
export const EXAMPLE_URL =
  "https://ann:s3cret@Example.com:8443/a/./b/../search?q=caf%C3%A9+au+lait&tag=a&tag=b&empty=&flag#results";

const USAGE = `Usage: inspect.ts [--json] [URL...]

Prints each URL's components (scheme, netloc, username, password, hostname,
port, path, params, query, fragment) as Python's urllib.parse.urlparse splits
them, with the WHATWG URL parser's reading beside every field where the two
differ (relative references, which WHATWG refuses, get Python's split alone),
and its query as a table of keys and all their values (blank values kept),
decoded exactly as Python's urllib.parse.parse_qs decodes them.

With no URL it inspects an example:
  ${EXAMPLE_URL}

Options:
      --json             print a JSON array, one object per URL
${COMMON_USAGE}

Exit 1 means Python's split raised for a URL (a bad bracketed host): one line
on stderr names it, and the other URLs are still printed.`;

/**
 * Runs the script.
 *
 * @param args The command-line arguments.
 * @returns The exit status: 0 when Python's split took every URL, 1 when it
 * raised for one, 2 on a usage error.
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/url/inspect";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await main(["--help"]), 0);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  return await runScriptForStatus(args, {
    name: "inspect.ts",
    usage: USAGE,
    options: { json: { type: "boolean" } },
    allowPositionals: true,
  }, (values, positionals) => {
    const inputs = positionals.length > 0 ? positionals : [EXAMPLE_URL];
    let status = 0;
    const results = [];
    for (const input of inputs) {
      try {
        results.push(inspectUrl(input));
      } catch (error) {
        if (!(error instanceof Error) || error.name === "TypeError") {
          throw error;
        }
        console.error(`inspect.ts: ${error.message}`);
        status = 1;
      }
    }
    if (values.json) {
      console.log(JSON.stringify(results, null, 2));
    } else {
      console.log(results.map(formatInspectedUrl).join("\n\n"));
    }
    return status;
  });
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
