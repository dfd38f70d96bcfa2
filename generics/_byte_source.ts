/**
 * Reads exact byte counts from either kind of byte stream readFrames takes,
 * keeping what a read brought beyond the count for the next call.
 *
 * @module
 */

import { withResolvers } from "./_with_resolvers.ts";

const READ_BUFFER_BYTES = 64 * 1024;

/** A Deno-style reader: `Deno.Conn`, `Deno.FsFile`, or anything shaped so. */
export interface PullReader {
  read(p: Uint8Array): Promise<number | null>;
}

/** Exact-length reads over a `PullReader` or a `ReadableStream` of bytes. */
export class ByteSource {
  #nextChunk: () => Promise<Uint8Array | null>;
  #release: () => void;
  #pending: Uint8Array = new Uint8Array(0);
  #ended = false;
  #signal: AbortSignal | undefined;

  constructor(
    reader: PullReader | ReadableStream<Uint8Array>,
    signal: AbortSignal | undefined,
  ) {
    this.#signal = signal;
    if (reader instanceof ReadableStream) {
      const streamReader = reader.getReader();
      this.#nextChunk = async () => {
        const { done, value } = await streamReader.read();
        if (done) return null;
        if (!(value instanceof Uint8Array)) {
          throw new TypeError(
            `Cannot read frames from a stream chunk of type "${typeof value}": chunks must be Uint8Array`,
          );
        }
        return value;
      };
      // Releasing the lock also rejects a read still pending after an abort.
      this.#release = () => streamReader.releaseLock();
    } else if (typeof reader?.read === "function") {
      // One buffer for every read: its bytes are copied out before the next.
      const buffer = new Uint8Array(READ_BUFFER_BYTES);
      this.#nextChunk = async () => {
        const count = await reader.read(buffer);
        return count === null ? null : buffer.subarray(0, count);
      };
      this.#release = () => {};
    } else {
      throw new TypeError(
        `Cannot read frames from "${
          String(reader)
        }": it is neither a ReadableStream nor has a read() method`,
      );
    }
  }

  /**
   * Fills `target` from the stream. Returns how many bytes were filled: all
   * of `target`, unless the stream ended first.
   */
  async readInto(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.#pending.length === 0) {
        if (this.#ended) break;
        const chunk = await this.#read();
        if (chunk === null) {
          this.#ended = true;
          break;
        }
        this.#pending = chunk;
        continue;
      }
      const count = Math.min(this.#pending.length, target.length - filled);
      target.set(this.#pending.subarray(0, count), filled);
      this.#pending = this.#pending.subarray(count);
      filled += count;
    }
    return filled;
  }

  /** Gives the stream back to its owner. */
  release(): void {
    this.#release();
  }

  #read(): Promise<Uint8Array | null> {
    const signal = this.#signal;
    if (signal === undefined) return this.#nextChunk();
    signal.throwIfAborted();
    const read = this.#nextChunk();
    // The read may outlive an abort; its outcome then goes nowhere.
    read.catch(() => {});
    const { promise, resolve, reject } = withResolvers<Uint8Array | null>();
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    read.then(resolve, reject).finally(() => {
      signal.removeEventListener("abort", onAbort);
    });
    return promise;
  }
}
