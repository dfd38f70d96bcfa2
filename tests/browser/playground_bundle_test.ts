/**
 * The playground serves a bundle committed in concurrency/_playground/bundle/
 * so that it starts offline (Deno's bundler fetches esbuild from npm). This
 * checks that bundle is what the sources bundle to now.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  bundlePlayground,
  loadBundle,
} from "../../concurrency/_playground/server.ts";

const skip = typeof Deno.bundle !== "function";
if (skip) {
  console.log(
    "skipped: checking the playground bundle needs Deno.bundle: run with --unstable-bundle (deno task test:browser)",
  );
}

Deno.test({
  name:
    "the committed playground bundle is what the page's sources bundle to (else: deno task playground:build)",
  ignore: skip,
  fn: async () => {
    const committed = await loadBundle();
    const fresh = await bundlePlayground();
    assert.deepEqual(
      [...committed.keys()].sort(),
      [...fresh.keys()].sort(),
      "run deno task playground:build",
    );
    const decoder = new TextDecoder();
    for (const [path, contents] of fresh) {
      assert.equal(
        decoder.decode(committed.get(path)),
        decoder.decode(contents),
        `${path} is stale: run deno task playground:build`,
      );
    }
  },
});
