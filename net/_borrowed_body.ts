/**
 * How the client hands an {@linkcode HttpResponse} a small body without
 * giving it an `ArrayBuffer` of its own yet. In Deno every new typed array
 * allocates a separate backing store, which costs a small GET about as much
 * as parsing its head; so a small body is copied next to others into one
 * shared array, and the response copies it out into an array of its own
 * only when `body` is first read (`text()` and `json()` decode the shared
 * bytes directly). The caller therefore never sees a view of memory shared
 * with other responses.
 *
 * @module
 */

import type { HttpResponseInit } from "./http_response.ts";

/** The key under which the client passes a body not yet copied out. */
export const BORROWED_BODY: unique symbol = Symbol("borrowed body");

/** A response's init as the client builds it. */
export interface BorrowingResponseInit extends HttpResponseInit {
  /**
   * The body, as a view of bytes that no one will overwrite but that share
   * an `ArrayBuffer` with others; copied out when first read.
   */
  [BORROWED_BODY]?: Uint8Array;
}

/** The most bytes {@linkcode BodyArena} holds before starting a new array. */
const ARENA_BYTES = 4096;

/** Bodies up to this size are kept in an arena. */
export const SMALL_BODY_BYTES = 64;

/**
 * Small bodies, side by side in one array. Space is only ever appended to,
 * never reused: a full arena is left to the garbage collector once the
 * responses that borrow from it are gone.
 */
export class BodyArena {
  #bytes: Uint8Array | undefined;
  #used = 0;

  /**
   * Copies `source[start, end)` into the arena.
   *
   * @param source The bytes.
   * @param start Where to start.
   * @param end Where to stop (exclusive), at most {@linkcode SMALL_BODY_BYTES}
   * after `start`.
   * @returns A view of the copy, valid for as long as it is referenced.
   */
  keep(source: Uint8Array, start: number, end: number): Uint8Array {
    const size = end - start;
    let bytes = this.#bytes;
    if (bytes === undefined || this.#used + size > bytes.length) {
      bytes = this.#bytes = new Uint8Array(ARENA_BYTES);
      this.#used = 0;
    }
    const at = this.#used;
    for (let offset = 0; offset < size; offset++) {
      bytes[at + offset] = source[start + offset]!;
    }
    this.#used = at + size;
    return bytes.subarray(at, at + size);
  }
}
