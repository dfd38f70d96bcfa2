// This module is browser compatible.

/**
 * `SharedQueue`: Python's `queue.Queue` across workers, over shared memory.
 *
 * @module
 */

import { type Codec, jsonCodec } from "../generics/codec.ts";
import {
  checkLiveWord,
  liveWord,
  unpark,
  WaitKind,
  type WaitRecord,
} from "./_park.ts";
import { drive, driveAsync, NOT_YET, type Step } from "./_drive.ts";
import type { Op, Wait } from "./_op.ts";
import { lockWait, parkWait, runAsync, runBlocking } from "./_op.ts";
import {
  adoptedIndex,
  blockingTimeout,
  deadlineIn,
  msLeft,
  timeoutOption,
} from "./_runtime.ts";
import { SharedPrimitive } from "./shared_primitive.ts";
import { QueueEmptyError } from "./queue_empty_error.ts";
import { QueueFullError } from "./queue_full_error.ts";

/** The control words of a queue, as offsets from its state. The payload ring is its own buffer. */
const Word = {
  /** An internal lock word (the `Lock` layout) guarding the ring and the counts. */
  LOCK: 0,
  /** The byte offset of the oldest item in the ring. */
  HEAD: 1,
  /** The byte offset where the next item goes. */
  TAIL: 2,
  /** Bytes in use (length prefixes included). */
  USED: 3,
  /** Items in the queue. */
  COUNT: 4,
  /** Items put and not yet marked done (`taskDone`). */
  UNFINISHED: 5,
  /** Bumped when an item arrives and a getter waits; getters park on it. */
  NOT_EMPTY: 6,
  /** Bumped when room frees up and a putter waits; putters park on it. */
  NOT_FULL: 7,
  /** Bumped when the last unfinished task is done; `join` parks on it. */
  ALL_DONE: 8,
  /** Getters waiting. */
  GET_WAITERS: 9,
  /** Putters waiting. */
  PUT_WAITERS: 10,
  /** The most items at once, 0 for no limit but the bytes. */
  MAX_SIZE: 11,
} as const;

const PREFIX_BYTES = 4;
/** What the fast path of put and get returns when it holds the lock and found no room or item. */
const HELD = -1;
/** What it returns when the internal lock was not free. */
const BUSY = -2;
const timedOut = (): boolean => false;
/** Loads a blocking put or get makes before it parks. */
const SPIN_LIMIT = 200;

/** Options for creating a {@linkcode SharedQueue}. */
export interface SharedQueueOptions<T> {
  /** The ring's size in bytes; each item takes its encoded size plus 4. Defaults to 65,536. */
  capacity?: number;
  /** The most items at once (Python's `maxsize`); 0 for no limit but `capacity`. Defaults to 0. */
  maxSize?: number;
  /** How items become bytes. Defaults to `jsonCodec()`. Every thread must use the same. */
  codec?: Codec<T>;
  /** A name for reports. Defaults to `"SharedQueue <id>"`. */
  name?: string;
}

/** Options for {@linkcode SharedQueue.put} and {@linkcode SharedQueue.get}. */
export interface QueueWaitOptions {
  /** Wait for room (or an item); when false, fail at once. Defaults to true. */
  blocking?: boolean;
  /** How long to wait at most, in ms. Defaults to `Infinity` (no limit). Not allowed with `blocking: false`. */
  timeout?: number;
}

/** Options for {@linkcode SharedQueue.putAsync} and {@linkcode SharedQueue.getAsync}. */
export interface QueueWaitAsyncOptions {
  /** How long to wait at most, in ms. Defaults to `Infinity` (no limit). */
  timeout?: number;
  /** Aborts the wait: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The structured-cloneable form of a {@linkcode SharedQueue}, for `postMessage`. */
export interface SharedQueueHandle {
  /** Always `"SharedQueue"`. */
  readonly kind: "SharedQueue";
  /** The runtime the queue's control words live in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the queue. */
  readonly index: number;
  /** The queue's stable id. */
  readonly id: number;
  /** The payload ring. */
  readonly ring: SharedArrayBuffer;
}

/**
 * A bounded multi-producer, multi-consumer FIFO queue between threads, as
 * Python's `queue.Queue`: items are encoded with a {@linkcode Codec} into a
 * ring of a fixed byte capacity in shared memory (no `postMessage` per
 * item). `put` waits for room and `get` for an item, with timeouts, throwing
 * `QueueFullError`/`QueueEmptyError` as Python raises `Full`/`Empty`;
 * `taskDone` and `join` track work to completion.
 *
 * @typeParam T The type of the items.
 *
 * @example Usage
 * ```ts
 * import { QueueEmptyError, SharedQueue } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const queue = new SharedQueue<{ job: number }>({ capacity: 1024 });
 * queue.put({ job: 1 });
 * await queue.putAsync({ job: 2 });
 * assert.deepEqual(queue.get(), { job: 1 });
 * assert.deepEqual(await queue.getAsync(), { job: 2 });
 * assert.throws(() => queue.get({ blocking: false }), QueueEmptyError);
 * queue.taskDone();
 * queue.taskDone();
 * assert.equal(queue.join({ timeout: 10 }), true);
 * ```
 */
export class SharedQueue<T> extends SharedPrimitive {
  readonly #view: Int32Array;
  readonly #state: number;
  readonly #ring: Uint8Array<SharedArrayBuffer>;
  readonly #capacity: number;
  readonly #codec: Codec<T>;
  readonly #me: number;
  /** This thread's live word: its id while it runs, 0 once it has ended. */
  readonly #live: number;
  /** Where `get` copies an item's bytes for the codec; grown on demand, never shrunk. */
  #scratch = new Uint8Array(256);
  readonly #getRecord: WaitRecord;
  readonly #putRecord: WaitRecord;
  readonly #joinRecord: WaitRecord;
  /** The waits that take the internal lock for a getter and a putter. */
  readonly #getLock: Wait;
  readonly #putLock: Wait;
  #handle: SharedQueueHandle | undefined;

  /**
   * Creates an empty queue.
   *
   * @param options The ring's `capacity` in bytes, `maxSize`, `codec` and `name`.
   * @throws {RangeError} When `capacity` or `maxSize` is not a whole number in
   *   range, or the runtime's memory is at its limit.
   */
  constructor(options: SharedQueueOptions<T> = {}) {
    const adopted = adoptedIndex(options);
    const ring = (options as { ring?: SharedArrayBuffer }).ring;
    const capacity = options.capacity ?? 65_536;
    const maxSize = options.maxSize ?? 0;
    if (
      !(Number.isInteger(capacity) && capacity >= 8 && capacity <= 0x40000000)
    ) {
      throw new RangeError(
        `Cannot create a queue of capacity "${capacity}": it must be a whole number of bytes >= 8`,
      );
    }
    if (!(Number.isInteger(maxSize) && maxSize >= 0 && maxSize <= 0x7fffffff)) {
      throw new RangeError(
        `Cannot create a queue of maxSize "${maxSize}": it must be a whole number >= 0`,
      );
    }
    super(options, "SharedQueue", 12);
    const index = this.arenaIndex;
    this.#view = this.view;
    this.#state = this.stateIndex;
    this.#ring = new Uint8Array(
      adopted !== undefined && ring ? ring : new SharedArrayBuffer(capacity),
    );
    this.#capacity = this.#ring.byteLength;
    if (adopted === undefined) {
      Atomics.store(this.#view, this.#state + Word.MAX_SIZE, maxSize);
    }
    this.#codec = options.codec ?? jsonCodec<T>();
    this.#me = this.thread;
    this.#live = liveWord(this.#me);
    this.#getRecord = { kind: WaitKind.QUEUE_GET, primitive: index };
    this.#putRecord = { kind: WaitKind.QUEUE_PUT, primitive: index };
    this.#joinRecord = { kind: WaitKind.QUEUE_JOIN, primitive: index };
    const lock = this.#state + Word.LOCK;
    this.#getLock = lockWait(this.#view, lock, this.#me, this.#getRecord);
    this.#putLock = lockWait(this.#view, lock, this.#me, this.#putRecord);
  }

  /**
   * Revives a queue from its handle, in any thread.
   *
   * @typeParam T The type of the items.
   * @param handle A `queue.handle` that crossed `postMessage`.
   * @param options The `codec`: functions do not cross threads, so give the same one on every side.
   * @returns A `SharedQueue` over the same shared words and ring.
   * @throws {TypeError} When `handle` is not a `SharedQueue` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<string>();
   * queue.put("hello");
   * assert.equal(SharedQueue.from<string>(structuredClone(queue.handle)).get(), "hello");
   * ```
   */
  static from<T>(
    handle: SharedQueueHandle,
    options: { codec?: Codec<T> } = {},
  ): SharedQueue<T> {
    if (!(handle?.ring instanceof SharedArrayBuffer)) {
      throw new TypeError(
        "Cannot revive a SharedQueue from a handle without its ring buffer",
      );
    }
    return new SharedQueue<T>({
      codec: options.codec,
      capacity: handle.ring.byteLength,
      ring: handle.ring,
      ...SharedQueue.revive<SharedQueueOptions<T>>(handle, "SharedQueue"),
    } as SharedQueueOptions<T>);
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): SharedQueueHandle {
    return this.#handle ??= {
      ...this.handleFields("SharedQueue"),
      ring: this.#ring.buffer,
    };
  }

  /** The ring's size in bytes. */
  get capacity(): number {
    return this.#capacity;
  }

  /** The most items at once; 0 for no limit but the capacity. */
  get maxSize(): number {
    return this.#get(Word.MAX_SIZE);
  }

  /** The number of items now (Python's `qsize()`; a snapshot). */
  get size(): number {
    return this.#get(Word.COUNT);
  }

  /**
   * Returns whether the queue holds no item now (a snapshot).
   *
   * @returns true when empty.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new SharedQueue().empty(), true);
   * ```
   */
  empty(): boolean {
    return this.#get(Word.COUNT) === 0;
  }

  /**
   * Returns whether the queue has reached `maxSize` items, or has no room
   * for even a one-byte item (a snapshot).
   *
   * @returns true when full.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number>({ maxSize: 1 });
   * queue.put(1);
   * assert.equal(queue.full(), true);
   * ```
   */
  full(): boolean {
    const maxSize = this.#get(Word.MAX_SIZE);
    return (maxSize > 0 && this.#get(Word.COUNT) >= maxSize) ||
      this.#capacity - this.#get(Word.USED) < PREFIX_BYTES + 1;
  }

  #get(word: number): number {
    return Atomics.load(this.#view, this.#state + word);
  }

  /**
   * Takes the internal lock when it is free at once (and returns
   * undefined), else returns the wait that takes it, for an operation to
   * yield. A terminated thread that runs on takes nothing.
   */
  #lock(put: boolean): Wait | undefined {
    checkLiveWord(this.#view, this.#live, this.#me);
    const word = this.#state + Word.LOCK;
    if (Atomics.compareExchange(this.#view, word, 0, this.#me << 1) === 0) {
      return undefined;
    }
    return put ? this.#putLock : this.#getLock;
  }

  /**
   * Releases the internal lock. Unlike a `Lock`, it never hands itself over
   * for fairness: it is held only for a copy, and a hand-off would make the
   * releasing side wait for the other to wake on every fair turn (the order
   * of puts and gets is the waits' business, on `NOT_FULL` and `NOT_EMPTY`).
   */
  #unlock(): void {
    const view = this.#view;
    const word = this.#state + Word.LOCK;
    const mine = this.#me << 1;
    const previous = Atomics.compareExchange(view, word, mine, 0);
    if (previous === mine || previous >>> 1 !== this.#me) return;
    // The waiters bit: release and wake one sleeper.
    Atomics.store(view, word, 0);
    Atomics.notify(view, word, 1);
  }

  /**
   * The fast path of put (`bytes`) and get (`undefined`): when this thread
   * runs and the internal lock is free at once, one try. Kept this small
   * and called straight from the public methods so that V8 inlines the
   * whole of it (one compare-and-swap, no allocation): behind `#tryOnce`
   * the same try sat too deep to be inlined. Anything else goes on in
   * `#tryOnce`, with this answer as its first try.
   *
   * @returns The try's result (the item's length, 0 for a put; the lock let
   *   go), `HELD` (no room or item; the lock still held) or `BUSY` (the lock
   *   not taken: busy, or this thread has ended).
   */
  #quick(bytes: Uint8Array | undefined): number {
    const view = this.#view;
    const lock = this.#state + Word.LOCK;
    // The live word through Atomics.load, not a plain read as elsewhere:
    // the call's 15-20 ns before the compare-and-swap leave the other side
    // room to take the lock between two puts (or gets) of a tight loop.
    // With the plain read, one worker streaming items to another re-took
    // the lock so soon that the other parked on it several times as often,
    // and 64-byte messages went through 10% slower.
    if (
      Atomics.load(view, this.#live) !== this.#me ||
      Atomics.compareExchange(view, lock, 0, this.#me << 1) !== 0
    ) return BUSY;
    const result = this.#attempt(bytes);
    if (result >= 0) this.#unlock();
    return result < 0 ? HELD : result;
  }

  /**
   * One try of a put (`bytes`) or a get (`undefined`), lock held: the
   * item's length (0 for a put), or -1 when it must wait.
   */
  #attempt(bytes: Uint8Array | undefined): number {
    return bytes === undefined ? this.#tryGet() : this.#tryPut(bytes);
  }

  /**
   * After `#quick` (its answer is `first`), with no allocation: try, unless
   * `#quick` holds the lock already; when there is no room or item and the
   * call may wait, let go, watch the other side a while (it is often
   * mid-operation), and try again. Returns the try's
   * result (lock let go), `HELD` (no room or item; the lock is still held,
   * for the slow path), or `BUSY` (the lock was not free; only when
   * `blocking` is false, else this waits for it in place).
   */
  #tryOnce(
    bytes: Uint8Array | undefined,
    blocking: boolean,
    timeout: number,
    first: number,
  ): number {
    // `#quick`'s answer: the lock held with no room or item, or not taken.
    const result = first === HELD ? HELD : this.#tryLocked(bytes, blocking);
    if (result !== HELD || timeout === 0) return result;
    const watched = this.#state +
      (bytes !== undefined ? Word.USED : Word.COUNT);
    const seen = Atomics.load(this.#view, watched);
    this.#unlock();
    for (let spin = 0; spin < SPIN_LIMIT; spin++) {
      if (Atomics.load(this.#view, watched) !== seen) break;
    }
    return this.#tryLocked(bytes, blocking);
  }

  /** One try of `#tryOnce`, taking the lock first. */
  #tryLocked(bytes: Uint8Array | undefined, blocking: boolean): number {
    const wait = this.#lock(bytes !== undefined);
    if (wait !== undefined) {
      if (!blocking) return BUSY;
      wait.block();
    }
    const result = this.#attempt(bytes);
    if (result >= 0) this.#unlock();
    return result < 0 ? HELD : result;
  }

  /**
   * The slow path of a put (`bytes`) or a get (`undefined`), for both
   * drivers, after the fast path returned `tried` (`HELD`: it holds the
   * lock; `BUSY`: take the lock and try): wait, counted among this side's
   * waiters so the other side notifies, until a try works or `timeout`
   * passes. Holds the lock on no way out.
   *
   * @returns What the successful try returned.
   * @throws {QueueFullError} / {QueueEmptyError} When the time ran out.
   */
  *#exchange(
    bytes: Uint8Array | undefined,
    timeout: number,
    tried: number,
  ): Op<number> {
    const put = bytes !== undefined;
    const record = put ? this.#putRecord : this.#getRecord;
    let wait = tried === HELD ? undefined : this.#lock(put);
    if (wait) yield wait;
    try {
      let result = tried === HELD ? -1 : this.#attempt(bytes);
      const deadline = deadlineIn(timeout);
      const ready = this.#state + (put ? Word.NOT_FULL : Word.NOT_EMPTY);
      const waiters = this.#state + (put ? Word.PUT_WAITERS : Word.GET_WAITERS);
      while (result < 0) {
        const remaining = msLeft(deadline);
        if (remaining <= 0) {
          throw put
            ? new QueueFullError(
              `Cannot put in queue "${this.name}": it is full`,
            )
            : new QueueEmptyError(
              `Cannot get from queue "${this.name}": it is empty`,
            );
        }
        // A condition-style wait: let go of the lock, park on `ready` from
        // the value it had, and take the lock back on every way out.
        const seen = Atomics.load(this.#view, ready);
        Atomics.add(this.#view, waiters, 1);
        this.#unlock();
        try {
          yield parkWait(ready, seen, remaining, record);
        } finally {
          Atomics.sub(this.#view, waiters, 1);
          wait = this.#lock(put);
          if (wait) yield wait;
        }
        result = this.#attempt(bytes);
      }
      return result;
    } finally {
      this.#unlock();
    }
  }

  #encode(item: T): Uint8Array {
    const bytes = this.#codec.encode(item);
    if (bytes.length + PREFIX_BYTES > this.#capacity) {
      throw new RangeError(
        `Cannot put an item of ${bytes.length} bytes in queue "${this.name}": the ring holds ${this.#capacity} bytes (${PREFIX_BYTES} per item are its length)`,
      );
    }
    return bytes;
  }

  /** Copies `length` ring bytes from `offset` into `target`, without creating views for small items. */
  #copyOut(offset: number, target: Uint8Array, length: number): number {
    const ring = this.#ring;
    const capacity = this.#capacity;
    if (length <= 256) {
      for (let i = 0, at = offset; i < length; i++) {
        target[i] = ring[at]!;
        if (++at === capacity) at = 0;
      }
    } else {
      const first = Math.min(length, capacity - offset);
      target.set(ring.subarray(offset, offset + first));
      if (first < length) target.set(ring.subarray(0, length - first), first);
    }
    return (offset + length) % capacity;
  }

  /** Puts `bytes` in when there is room (lock held): 0, or -1 when there is none. */
  #tryPut(bytes: Uint8Array): number {
    const view = this.#view;
    const state = this.#state;
    const ring = this.#ring;
    const capacity = this.#capacity;
    const needed = bytes.length + PREFIX_BYTES;
    const maxSize = Atomics.load(view, state + Word.MAX_SIZE);
    const count = Atomics.load(view, state + Word.COUNT);
    if (
      capacity - Atomics.load(view, state + Word.USED) < needed ||
      (maxSize > 0 && count >= maxSize)
    ) {
      return -1;
    }
    // The length prefix, then the bytes, wrapping at the ring's end (read
    // back as in #tryGet).
    let tail = Atomics.load(view, state + Word.TAIL);
    for (let i = 0; i < PREFIX_BYTES; i++) {
      ring[(tail + i) % capacity] = (bytes.length >>> (8 * i)) & 0xff;
    }
    tail = (tail + PREFIX_BYTES) % capacity;
    const first = Math.min(bytes.length, capacity - tail);
    ring.set(first === bytes.length ? bytes : bytes.subarray(0, first), tail);
    if (first < bytes.length) ring.set(bytes.subarray(first), 0);
    tail = (tail + bytes.length) % capacity;
    // Plain writes: the lock's release publishes them (a fenced store costs
    // about 20 ns each); readers outside the lock only take snapshots.
    view[state + Word.TAIL] = tail;
    view[state + Word.USED] = view[state + Word.USED]! + needed;
    view[state + Word.COUNT] = count + 1;
    Atomics.add(view, state + Word.UNFINISHED, 1);
    if (Atomics.load(view, state + Word.GET_WAITERS) > 0) {
      Atomics.add(view, state + Word.NOT_EMPTY, 1);
      Atomics.notify(view, state + Word.NOT_EMPTY, 1);
    }
    return 0;
  }

  /**
   * Takes the oldest item's bytes out into the scratch buffer when there is
   * one (lock held): no allocation, as typed arrays are costly to create.
   *
   * @returns The item's length, or -1 when the queue is empty.
   */
  #tryGet(): number {
    const view = this.#view;
    const state = this.#state;
    const count = Atomics.load(view, state + Word.COUNT);
    if (count === 0) return -1;
    const ring = this.#ring;
    const capacity = this.#capacity;
    let head = Atomics.load(view, state + Word.HEAD);
    let length = 0;
    for (let i = 0; i < PREFIX_BYTES; i++) {
      length |= ring[(head + i) % capacity]! << (8 * i);
    }
    head = (head + PREFIX_BYTES) % capacity;
    if (this.#scratch.length < length) {
      this.#scratch = new Uint8Array(
        Math.max(length, this.#scratch.length * 2),
      );
    }
    head = this.#copyOut(head, this.#scratch, length);
    // Plain writes under the lock, as in #tryPut.
    view[state + Word.HEAD] = head;
    view[state + Word.USED] = view[state + Word.USED]! - length - PREFIX_BYTES;
    view[state + Word.COUNT] = count - 1;
    if (Atomics.load(view, state + Word.PUT_WAITERS) > 0) {
      Atomics.add(view, state + Word.NOT_FULL, 1);
      // Every putter re-checks: the room may fit a small item but not a big one.
      Atomics.notify(view, state + Word.NOT_FULL, Infinity);
    }
    return length;
  }

  /**
   * Puts an item at the end, waiting for room. Blocks the thread; see
   * {@linkcode SharedQueue.putAsync}.
   *
   * @param item The item; encoded with the queue's codec.
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @throws {QueueFullError} When there is no room and `blocking` is false or the timeout passed.
   * @throws {RangeError} When the encoded item can never fit in the ring.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { QueueFullError, SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number>({ maxSize: 1 });
   * queue.put(1);
   * assert.throws(() => queue.put(2, { timeout: 5 }), QueueFullError);
   * ```
   */
  put(item: T, options?: QueueWaitOptions): void {
    const bytes = this.#encode(item);
    const timeout = options === undefined ? Infinity : blockingTimeout(options);
    const first = this.#quick(bytes);
    if (first >= 0) return;
    const tried = this.#tryOnce(bytes, true, timeout, first);
    if (tried < 0) runBlocking(this.#exchange(bytes, timeout, tried));
  }

  /**
   * Puts an item at the end without blocking the thread, waiting for room.
   *
   * @param item The item; encoded with the queue's codec.
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A promise that resolves once the item is in.
   * @throws {QueueFullError} When the timeout passed with no room.
   * @throws {RangeError} When the encoded item can never fit in the ring.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<string>();
   * await queue.putAsync("x");
   * assert.equal(queue.size, 1);
   * ```
   */
  async putAsync(item: T, options: QueueWaitAsyncOptions = {}): Promise<void> {
    options.signal?.throwIfAborted();
    const bytes = this.#encode(item);
    const timeout = timeoutOption(options.timeout);
    const first = this.#quick(bytes);
    if (first >= 0) return;
    const tried = this.#tryOnce(bytes, false, timeout, first);
    if (tried >= 0) return;
    await runAsync(this.#exchange(bytes, timeout, tried), options.signal);
  }

  /**
   * Takes the oldest item, waiting for one. Blocks the thread; see
   * {@linkcode SharedQueue.getAsync}.
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns The item, decoded with the queue's codec.
   * @throws {QueueEmptyError} When there is no item and `blocking` is false or the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number[]>();
   * queue.put([1, 2]);
   * assert.deepEqual(queue.get({ timeout: 10 }), [1, 2]);
   * ```
   */
  get(options?: QueueWaitOptions): T {
    const timeout = options === undefined ? Infinity : blockingTimeout(options);
    let length = this.#quick(undefined);
    if (length < 0) length = this.#tryOnce(undefined, true, timeout, length);
    if (length < 0) {
      length = runBlocking(this.#exchange(undefined, timeout, length));
    }
    return this.#codec.decode(this.#scratch.subarray(0, length));
  }

  /**
   * Takes the oldest item without blocking the thread, waiting for one.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns The item, decoded with the queue's codec.
   * @throws {QueueEmptyError} When the timeout passed with no item.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { QueueEmptyError, SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<string>();
   * await assert.rejects(queue.getAsync({ timeout: 5 }), QueueEmptyError);
   * ```
   */
  async getAsync(options: QueueWaitAsyncOptions = {}): Promise<T> {
    options.signal?.throwIfAborted();
    const timeout = timeoutOption(options.timeout);
    let length = this.#quick(undefined);
    if (length < 0) length = this.#tryOnce(undefined, false, timeout, length);
    if (length < 0) {
      const op = this.#exchange(undefined, timeout, length);
      length = await runAsync(op, options.signal);
    }
    return this.#codec.decode(this.#scratch.subarray(0, length));
  }

  /** The wait of `join`, for both drivers: done when no task is unfinished, else park on `ALL_DONE`. */
  readonly #joinStep: Step<boolean> = (target) => {
    const allDone = this.#state + Word.ALL_DONE;
    const seen = Atomics.load(this.#view, allDone);
    if (this.#get(Word.UNFINISHED) === 0) return true;
    target.index = allDone;
    target.expected = seen;
    return NOT_YET;
  };

  /**
   * Marks one item taken with `get` as processed, as Python's
   * `Queue.task_done`; when every item put has been marked, `join` returns.
   *
   * @throws {RangeError} When called more times than items were put.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.throws(() => new SharedQueue().taskDone(), RangeError);
   * ```
   */
  taskDone(): void {
    const view = this.#view;
    checkLiveWord(view, this.#live, this.#me);
    const unfinished = this.#state + Word.UNFINISHED;
    for (;;) {
      const value = Atomics.load(view, unfinished);
      if (value <= 0) {
        throw new RangeError(
          `Cannot mark a task done in queue "${this.name}": taskDone() called too many times`,
        );
      }
      if (
        Atomics.compareExchange(view, unfinished, value, value - 1) !== value
      ) continue;
      if (value === 1) {
        Atomics.add(view, this.#state + Word.ALL_DONE, 1);
        unpark(this.#state + Word.ALL_DONE, Infinity);
      }
      return;
    }
  }

  /**
   * Waits until every item put has been marked done with `taskDone`, as
   * Python's `Queue.join`. Blocks the thread; see {@linkcode SharedQueue.joinAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when all tasks are done, false when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number>();
   * queue.put(1);
   * assert.equal(queue.join({ timeout: 5 }), false);
   * ```
   */
  join(options: { timeout?: number } = {}): boolean {
    return drive(
      this.#joinStep,
      timeoutOption(options.timeout),
      this.#joinRecord,
      timedOut,
    );
  }

  /**
   * Waits until every item put has been marked done, without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when all tasks are done, false when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(await new SharedQueue().joinAsync(), true);
   * ```
   */
  async joinAsync(options: QueueWaitAsyncOptions = {}): Promise<boolean> {
    options.signal?.throwIfAborted();
    return await driveAsync(
      this.#joinStep,
      timeoutOption(options.timeout),
      options.signal,
      this.#joinRecord,
      timedOut,
    );
  }
}
