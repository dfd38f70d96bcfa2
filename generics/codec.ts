/**
 * Codecs: a value of type `T` to bytes and back. They are the contract that
 * length-prefixed framing over a byte stream and the typed shared-memory queue
 * of `concurrency/` build on.
 *
 * @module
 */

/**
 * Turns values of type `T` into bytes and back. `decode(encode(v))` must give
 * back a value equal to `v`.
 *
 * @typeParam T The type of the values the codec carries.
 *
 * @example Usage
 * ```ts
 * import { type Codec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const uint32: Codec<number> = {
 *   encode: (n) => new Uint8Array(new Uint32Array([n]).buffer),
 *   decode: (bytes) => new Uint32Array(bytes.slice().buffer)[0]!,
 * };
 * assert.equal(uint32.decode(uint32.encode(7)), 7);
 * ```
 */
export interface Codec<T> {
  /** Encodes one value to bytes. */
  encode(value: T): Uint8Array;
  /** Decodes the bytes of exactly one value. */
  decode(bytes: Uint8Array): T;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A codec for strings as UTF-8. Decoding invalid UTF-8 throws a `TypeError`
 * rather than inventing replacement characters.
 *
 * @example Usage
 * ```ts
 * import { textCodec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(textCodec.encode("hé"), new Uint8Array([0x68, 0xc3, 0xa9]));
 * assert.equal(textCodec.decode(textCodec.encode("hé")), "hé");
 * ```
 */
export const textCodec: Codec<string> = {
  encode: (value) => encoder.encode(value),
  decode: (bytes) => strictDecoder.decode(bytes),
};

/**
 * The identity codec for raw bytes. `decode` copies, so the value it returns
 * does not alias a buffer the caller may reuse.
 *
 * @example Usage
 * ```ts
 * import { bytesCodec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([1, 2, 3]);
 * assert.deepEqual(bytesCodec.decode(bytesCodec.encode(bytes)), bytes);
 * ```
 */
export const bytesCodec: Codec<Uint8Array> = {
  encode: (value) => value,
  decode: (bytes) => bytes.slice(),
};

/**
 * A codec for JSON-serializable values, as UTF-8 JSON text. The type
 * parameter is a promise the caller makes about what was encoded: `decode`
 * parses, it does not validate. Wrap it with {@linkcode mapCodec} to check
 * the shape of what arrives.
 *
 * @typeParam T The type of the values carried.
 * @returns A codec that encodes with `JSON.stringify` and decodes with `JSON.parse`.
 * @throws {TypeError} From `encode`, when the value has no JSON form (`undefined`, a function, a symbol, a bigint).
 *
 * @example Usage
 * ```ts
 * import { jsonCodec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const codec = jsonCodec<{ id: number; tags: string[] }>();
 * const value = { id: 1, tags: ["a", "b"] };
 * assert.deepEqual(codec.decode(codec.encode(value)), value);
 * ```
 */
export function jsonCodec<T>(): Codec<T> {
  return {
    encode(value: T): Uint8Array {
      const text = JSON.stringify(value);
      if (text === undefined) {
        throw new TypeError(
          `Cannot encode ${typeof value} as JSON: it has no JSON form`,
        );
      }
      return encoder.encode(text);
    },
    decode(bytes: Uint8Array): T {
      return JSON.parse(strictDecoder.decode(bytes)) as T;
    },
  };
}

/**
 * Derives a codec for `U` from a codec for `T` and a pair of conversions.
 *
 * @typeParam T The type the inner codec carries.
 * @typeParam U The type the derived codec carries.
 * @param inner The codec that does the byte work.
 * @param to Converts a decoded `T` into a `U`; throw here to reject bad input.
 * @param from Converts a `U` into the `T` the inner codec encodes.
 * @returns A codec for `U`.
 *
 * @example Usage
 * ```ts
 * import { mapCodec, textCodec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const dateCodec = mapCodec(textCodec, (s) => new Date(s), (d) => d.toISOString());
 * const when = new Date("2026-11-24T00:00:00Z");
 * assert.equal(dateCodec.decode(dateCodec.encode(when)).getTime(), when.getTime());
 * ```
 */
export function mapCodec<T, U>(
  inner: Codec<T>,
  to: (value: T) => U,
  from: (value: U) => T,
): Codec<U> {
  return {
    encode: (value) => inner.encode(from(value)),
    decode: (bytes) => to(inner.decode(bytes)),
  };
}
