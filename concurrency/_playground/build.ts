/**
 * Rebuilds the playground's committed bundle (`bundle/`) from its sources:
 * `deno task playground:build`. Run it after changing the page, its worker
 * module or anything of `concurrency/` they import.
 *
 * @module
 */

import { bundlePlayground, writeBundle } from "./server.ts";

if (import.meta.main) {
  const files = await bundlePlayground();
  await writeBundle(files);
  console.log(
    `concurrency/_playground/bundle/: ${[...files.keys()].join(", ")}`,
  );
}
