#!/usr/bin/env -S deno run
/**
 * The net/ section of `deno task demo`. The module is being built: this
 * section says so until it lands.
 *
 * @module
 */

function main(): void {
  console.log("== net/: coming (issues #3, #4)");
}

if (import.meta.main) main();
