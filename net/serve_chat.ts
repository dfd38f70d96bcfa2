/**
 * The line-based chat server of net/: many `nc` clients join with a
 * nickname, every line goes to the others, `/who` and `/quit` work. Each
 * client has its own bounded send queue drained by its own writer, so one
 * client that stops reading is dropped instead of slowing the room.
 *
 * @module
 */

import { ChatClient } from "./_chat_client.ts";
import { ChatRoom } from "./_chat_room.ts";
import { assertDuration, assertPort } from "./_socket_io.ts";
import { TcpServer } from "./_tcp_server.ts";

/** Why a client left the chat. */
export type ChatLeaveReason =
  /** It sent `/quit`. */
  | "quit"
  /** It closed or reset the connection. */
  | "disconnected"
  /** It sent nothing for `idleTimeout` ms. */
  | "idle"
  /** It sent a line over `maxLineBytes`. */
  | "line-too-long"
  /** Its send queue overflowed `maxQueueBytes`: it was not reading. */
  | "too-slow"
  /** The server shut down. */
  | "shutdown";

/** Options for {@linkcode serveChat}. */
export interface ServeChatOptions {
  /** The address to listen on. @default {"127.0.0.1"} */
  hostname?: string;
  /** The port to listen on; 0 picks a free one (read it from `addr`). @default {0} */
  port?: number;
  /** Aborting it shuts the server down, as `shutdown()` does. */
  signal?: AbortSignal;
  /**
   * Milliseconds a client may send nothing before it is told so and
   * disconnected; 0 or `Infinity` never.
   * @default {300000}
   */
  idleTimeout?: number;
  /**
   * Longest line accepted, in bytes without the line end; a longer one gets
   * an error line and the client is disconnected.
   * @default {4096}
   */
  maxLineBytes?: number;
  /**
   * Most bytes waiting to be sent to one client; a client whose queue would
   * overflow is not reading, and is dropped.
   * @default {262144}
   */
  maxQueueBytes?: number;
  /** Called once the server listens, with its address. */
  onListen?: (addr: Deno.NetAddr) => void;
  /** Called when a client has chosen its nickname and joined. */
  onJoin?: (nickname: string, remoteAddr: Deno.NetAddr) => void;
  /**
   * Called when a client leaves; `nickname` is `undefined` for one that left
   * before choosing one.
   */
  onLeave?: (
    nickname: string | undefined,
    reason: ChatLeaveReason,
    remoteAddr: Deno.NetAddr,
  ) => void;
}

/** How long a leaving client's last lines may take to drain before it is cut off. */
const CLOSE_GRACE_MS = 1000;

/**
 * Starts a line-based chat server that `nc 127.0.0.1 PORT` can join.
 *
 * The protocol, one UTF-8 line each way (`\n` or `\r\n`): the server greets
 * with a line starting `* ` and asks for a nickname (1 to 32 letters, digits,
 * `_`, `-`, `.`, not taken); after that every line is sent to the others as
 * `nickname: text`; `/who` answers `* here: a, b`; `/quit` says goodbye and
 * disconnects. Lines from the server about the room start with `* `
 * (`* bob joined`, `* bob left`).
 *
 * @param options Where to listen, limits and callbacks; all optional.
 * @returns The running server: its `addr`, `nicknames`, `shutdown()`, `finished`.
 * @throws {TypeError} When `port` is not an integer from 0 to 65535.
 * @throws {RangeError} When a limit is out of range.
 * @throws {Deno.errors.AddrInUse} When the port is taken.
 *
 * @example Two clients chat
 * ```ts
 * import { serveChat } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveChat();
 * const joinAs = async (nickname: string) => {
 *   const conn = await Deno.connect({ port: server.addr.port });
 *   await conn.write(new TextEncoder().encode(`${nickname}\n`));
 *   const decoder = new TextDecoder();
 *   const buffer = new Uint8Array(1024);
 *   let seen = "";
 *   const waitFor = async (text: string) => {
 *     while (!seen.includes(text)) {
 *       const n = await conn.read(buffer);
 *       if (n === null) throw new Error(`Closed before "${text}"`);
 *       seen += decoder.decode(buffer.subarray(0, n));
 *     }
 *   };
 *   await waitFor(`* welcome, ${nickname}`);
 *   return { conn, waitFor };
 * };
 *
 * const alice = await joinAs("alice");
 * const bob = await joinAs("bob");
 * await alice.waitFor("* bob joined");
 * await bob.conn.write(new TextEncoder().encode("hi alice\n"));
 * await alice.waitFor("bob: hi alice\n");
 * assert.deepEqual(server.nicknames, ["alice", "bob"]);
 * alice.conn.close();
 * bob.conn.close();
 * ```
 */
export function serveChat(options: ServeChatOptions = {}): ChatServer {
  return new ChatServer(options);
}

/**
 * A running chat server, as {@linkcode serveChat} returns it.
 *
 * @example Shut down with `await using`
 * ```ts
 * import { ChatServer } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * {
 *   await using server = new ChatServer({ port: 0 });
 *   assert.deepEqual(server.nicknames, []);
 * }
 * ```
 */
export class ChatServer implements AsyncDisposable {
  #server: TcpServer;
  #options: ServeChatOptions;
  #idleTimeout: number;
  #maxLineBytes: number;
  #maxQueueBytes: number;
  #clients = new Set<ChatClient>();
  #room = new ChatRoom();
  #messagesRelayed = 0;
  #slowClientsDropped = 0;

  /** The address the server listens on (the real port when `port` was 0). */
  readonly addr: Deno.NetAddr;
  /**
   * Settles once the server has stopped and every client is disconnected:
   * resolves after `shutdown()` (or the signal), rejects if accepting failed
   * with an error other than the listener being closed.
   */
  readonly finished: Promise<void>;

  /**
   * Listens and starts serving; {@linkcode serveChat} is the usual way in.
   *
   * @param options As for {@linkcode serveChat}.
   * @throws {TypeError} When `port` is not an integer from 0 to 65535.
   * @throws {RangeError} When a limit is out of range.
   * @throws {Deno.errors.AddrInUse} When the port is taken.
   */
  constructor(options: ServeChatOptions = {}) {
    const {
      hostname = "127.0.0.1",
      port = 0,
      idleTimeout = 300_000,
      maxLineBytes = 4096,
      maxQueueBytes = 262_144,
      signal,
    } = options;
    assertPort(port);
    assertDuration(idleTimeout, "idleTimeout");
    for (
      const [name, value] of [["maxLineBytes", maxLineBytes], [
        "maxQueueBytes",
        maxQueueBytes,
      ]] as const
    ) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(
          `Cannot use ${name} "${value}": it must be a positive integer`,
        );
      }
    }
    this.#options = options;
    this.#idleTimeout = idleTimeout;
    this.#maxLineBytes = maxLineBytes;
    this.#maxQueueBytes = maxQueueBytes;
    this.#server = new TcpServer({
      hostname,
      port,
      signal,
      serve: (conn) => this.#serve(conn),
      closeConnections: () => this.#closeConnections(),
    });
    this.addr = this.#server.addr;
    this.finished = this.#server.finished;
    options.onListen?.(this.addr);
  }

  /** Nicknames of the clients in the room, in the order they joined. */
  get nicknames(): string[] {
    return this.#room.nicknames;
  }

  /** Clients connected, those still choosing a nickname included. */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Chat lines relayed to the room so far (each counted once). */
  get messagesRelayed(): number {
    return this.#messagesRelayed;
  }

  /** Clients dropped because their send queue overflowed. */
  get slowClientsDropped(): number {
    return this.#slowClientsDropped;
  }

  /**
   * Stops accepting, tells every client the server is shutting down,
   * disconnects them all and waits until every connection is closed (a
   * client that does not read is cut off after a second).
   *
   * @returns The `finished` promise.
   */
  shutdown(): Promise<void> {
    return this.#server.shutdown();
  }

  /** Shuts the server down, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  #closeConnections(): void {
    // leave() does nothing for a client that has already left.
    for (const client of this.#clients) {
      client.leave("shutdown", "* server shutting down");
    }
  }

  #serve(conn: Deno.TcpConn): Promise<void> {
    const client = new ChatClient(conn, {
      room: this.#room,
      idleTimeout: this.#idleTimeout,
      maxLineBytes: this.#maxLineBytes,
      maxQueueBytes: this.#maxQueueBytes,
      closeGrace: CLOSE_GRACE_MS,
      onRelay: () => this.#messagesRelayed++,
      onJoin: this.#options.onJoin,
      onLeave: (nickname, reason, remoteAddr) => {
        if (reason === "too-slow") this.#slowClientsDropped++;
        this.#options.onLeave?.(nickname, reason, remoteAddr);
      },
    });
    this.#clients.add(client);
    return client.run().finally(() => this.#clients.delete(client));
  }
}
