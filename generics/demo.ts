#!/usr/bin/env -S deno run
/**
 * The generics/ section of `deno task demo`. The module is being built: this
 * section says so until it lands.
 *
 * @module
 */

function main(): void {
  console.log("== generics/: coming (issues #6)");
}

if (import.meta.main) main();
