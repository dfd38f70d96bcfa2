/**
 * One connection of the chat server: a reader that turns lines into
 * commands, and a writer that drains this client's own bounded send queue,
 * so a client that stops reading only ever fills its own queue.
 *
 * @module
 */

import type { ChatRoom } from "./_chat_room.ts";
import { IdleTimer } from "./_idle_timer.ts";
import { LineReader, LineTooLongError } from "./_line_reader.ts";
import { closeQuietly, isDisconnectError, writeAll } from "./_socket_io.ts";
import type { ChatLeaveReason } from "./serve_chat.ts";

/** What a client needs from its server. */
export interface ChatClientSettings {
  room: ChatRoom;
  idleTimeout: number;
  maxLineBytes: number;
  maxQueueBytes: number;
  /** Milliseconds a leaving client's last lines may take to drain. */
  closeGrace: number;
  onRelay: () => void;
  onJoin?: (nickname: string, remoteAddr: Deno.NetAddr) => void;
  onLeave?: (
    nickname: string | undefined,
    reason: ChatLeaveReason,
    remoteAddr: Deno.NetAddr,
  ) => void;
}

const encoder = new TextEncoder();
const NICKNAME = /^[\p{L}\p{N}_.-]{1,32}$/u;
/** Most bytes a writer sends in one write when it gathers queued lines. */
const GATHER_BYTES = 65536;

const LEFT_SUFFIX: Record<ChatLeaveReason, string> = {
  "quit": "",
  "disconnected": "",
  "idle": " (idle)",
  "line-too-long": " (line too long)",
  "too-slow": " (too slow)",
  "shutdown": "",
};

/** One connected chat client, from greeting to close. */
export class ChatClient {
  #conn: Deno.TcpConn;
  #settings: ChatClientSettings;
  #remoteAddr: Deno.NetAddr;
  #nickname: string | undefined;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #wakeWriter: (() => void) | undefined;
  #left = false;
  #closeAfterFlush = false;
  #closed = false;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(conn: Deno.TcpConn, settings: ChatClientSettings) {
    this.#conn = conn;
    this.#settings = settings;
    this.#remoteAddr = conn.remoteAddr;
  }

  /** The nickname, once chosen. */
  get nickname(): string | undefined {
    return this.#nickname;
  }

  /** Serves the client until its connection is closed; never rejects. */
  async run(): Promise<void> {
    try {
      this.#conn.setNoDelay(true);
      this.#sendLine(
        "* welcome to wirework chat; send your nickname (1 to 32 letters, digits, _ - .)",
      );
      await Promise.all([this.#readLoop(), this.#writeLoop()]);
    } catch {
      // A socket error (reset, broken pipe, closed) ends this client only;
      // the loops have already taken it out of the room.
      this.leave("disconnected");
    } finally {
      this.#closeNow();
    }
  }

  /**
   * Queues bytes for this client without waiting; drops the client when the
   * queue would overflow.
   */
  send(bytes: Uint8Array): void {
    if (this.#left) return;
    if (this.#queuedBytes + bytes.length > this.#settings.maxQueueBytes) {
      this.leave("too-slow");
      return;
    }
    this.#enqueue(bytes);
  }

  /**
   * Takes the client out of the room and disconnects it: at once, or after
   * sending `farewell` (bounded by the close grace) when one is given.
   */
  leave(reason: ChatLeaveReason, farewell?: string): void {
    if (this.#left) return;
    this.#left = true;
    const nickname = this.#nickname;
    if (nickname !== undefined) {
      this.#settings.room.remove(this);
      // At shutdown everyone is leaving: each hears of the shutdown only.
      if (reason !== "shutdown") {
        this.#settings.room.broadcast(
          `* ${nickname} left${LEFT_SUFFIX[reason]}`,
        );
      }
    }
    this.#settings.onLeave?.(nickname, reason, this.#remoteAddr);
    if (farewell === undefined) {
      this.#closeNow();
      return;
    }
    this.#enqueue(encoder.encode(`${farewell}\n`));
    this.#closeAfterFlush = true;
    this.#graceTimer = setTimeout(
      () => this.#closeNow(),
      this.#settings.closeGrace,
    );
    this.#wakeWriter?.();
  }

  #sendLine(line: string): void {
    this.send(encoder.encode(`${line}\n`));
  }

  #enqueue(bytes: Uint8Array): void {
    this.#queue.push(bytes);
    this.#queuedBytes += bytes.length;
    this.#wakeWriter?.();
  }

  #closeNow(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
    closeQuietly(this.#conn);
    this.#wakeWriter?.();
  }

  async #readLoop(): Promise<void> {
    const { idleTimeout, maxLineBytes } = this.#settings;
    const reader = new LineReader(this.#conn, maxLineBytes);
    const idle = new IdleTimer(
      idleTimeout,
      () =>
        this.leave(
          "idle",
          `* idle for ${idleTimeout} ms; disconnecting`,
        ),
    );
    try {
      while (!this.#left) {
        const line = await reader.readLine();
        if (line === null) {
          this.leave("disconnected");
          return;
        }
        idle.touch();
        if (!this.#left) this.#handle(line);
      }
    } catch (error) {
      if (error instanceof LineTooLongError) {
        this.leave(
          "line-too-long",
          `* error: line longer than ${maxLineBytes} bytes; disconnecting`,
        );
      } else {
        // The connection is gone (or broken): either way the client left.
        this.leave("disconnected");
        if (!isDisconnectError(error)) throw error;
      }
    } finally {
      idle[Symbol.dispose]();
    }
    await this.#drainUntilEnd();
  }

  /**
   * Reads and discards what the client still sends until it closes (or the
   * grace timer closes it): closing with unread bytes would send a reset,
   * and the reset could destroy the farewell line before the client reads it.
   */
  async #drainUntilEnd(): Promise<void> {
    const scratch = new Uint8Array(16384);
    try {
      while (!this.#closed && await this.#conn.read(scratch) !== null) {
        // Discarded.
      }
    } catch (error) {
      if (!isDisconnectError(error)) throw error;
    }
  }

  async #writeLoop(): Promise<void> {
    try {
      while (!this.#closed) {
        if (this.#queue.length === 0) {
          if (this.#closeAfterFlush) {
            await this.#conn.closeWrite();
            return;
          }
          const { promise, resolve } = Promise.withResolvers<void>();
          this.#wakeWriter = resolve;
          await promise;
          this.#wakeWriter = undefined;
          continue;
        }
        const chunk = this.#gather();
        await writeAll(this.#conn, chunk);
        this.#queuedBytes -= chunk.length;
      }
    } catch (error) {
      if (!isDisconnectError(error) && !this.#closed) throw error;
      this.leave("disconnected");
    }
  }

  /** Takes queued lines, up to GATHER_BYTES, as one buffer for one write. */
  #gather(): Uint8Array {
    const first = this.#queue.shift()!;
    if (this.#queue.length === 0 || first.length >= GATHER_BYTES) return first;
    let size = first.length;
    let count = 0;
    while (
      count < this.#queue.length &&
      size + this.#queue[count]!.length <= GATHER_BYTES
    ) {
      size += this.#queue[count]!.length;
      count++;
    }
    if (count === 0) return first;
    const gathered = new Uint8Array(size);
    gathered.set(first, 0);
    let offset = first.length;
    for (const bytes of this.#queue.splice(0, count)) {
      gathered.set(bytes, offset);
      offset += bytes.length;
    }
    return gathered;
  }

  #handle(line: string): void {
    const trimmed = line.trim();
    if (this.#nickname === undefined) {
      this.#chooseNickname(trimmed);
      return;
    }
    if (trimmed === "") return;
    if (trimmed === "/quit") {
      this.leave("quit", `* bye, ${this.#nickname}`);
    } else if (trimmed === "/who") {
      this.#sendLine(`* here: ${this.#settings.room.nicknames.join(", ")}`);
    } else if (trimmed.startsWith("/")) {
      const command = trimmed.split(/\s/, 1)[0];
      this.#sendLine(`* unknown command "${command}": try /who or /quit`);
    } else {
      this.#settings.onRelay();
      this.#settings.room.broadcast(`${this.#nickname}: ${line}`, this);
    }
  }

  #chooseNickname(nickname: string): void {
    const { room } = this.#settings;
    if (nickname === "/quit") {
      this.leave("quit", "* bye");
    } else if (!NICKNAME.test(nickname)) {
      this.#sendLine(
        `* nickname "${nickname}" is not valid: use 1 to 32 letters, digits, _ - or .`,
      );
    } else if (room.has(nickname)) {
      this.#sendLine(`* nickname "${nickname}" is taken; send another`);
    } else {
      room.broadcast(`* ${nickname} joined`);
      this.#nickname = nickname;
      room.add(this);
      this.#sendLine(
        `* welcome, ${nickname}; here: ${
          room.nicknames.join(", ")
        }; /who lists the room, /quit leaves`,
      );
      this.#settings.onJoin?.(nickname, this.#remoteAddr);
    }
  }
}
