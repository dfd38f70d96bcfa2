/**
 * Type-safe generic building blocks: containers and codecs whose type
 * guarantees are tested as hard as their behaviour.
 *
 * @example Usage
 * ```ts
 * import { jsonCodec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const codec = jsonCodec<{ n: number }>();
 * assert.deepEqual(codec.decode(codec.encode({ n: 1 })), { n: 1 });
 * ```
 *
 * @module
 */
export * from "./codec.ts";
