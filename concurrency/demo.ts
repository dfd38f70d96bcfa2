#!/usr/bin/env -S deno run
/**
 * The concurrency/ section of `deno task demo`. The module is being built: this
 * section says so until it lands.
 *
 * @module
 */

function main(): void {
  console.log("== concurrency/: coming (issues #7, #8, #9)");
}

if (import.meta.main) main();
