#!/usr/bin/env -S deno run
/**
 * The url/ section of `deno task demo`. The module is being built: this
 * section says so until it lands.
 *
 * @module
 */

function main(): void {
  console.log("== url/: coming (issues #5)");
}

if (import.meta.main) main();
