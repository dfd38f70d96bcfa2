/**
 * Type-safe generic building blocks: containers and codecs whose type guarantees are tested as hard as their behaviour.
 *
 * @example Usage
 * ```ts
 * import * as generics from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof generics, "object");
 * ```
 *
 * @module
 */
export {};
