/** Peers that misbehave on purpose, and small waits, for the net/ socket tests. */

/** Whether this machine can listen on the IPv6 loopback address `::1`. */
export const IPV6_LOOPBACK: boolean = (() => {
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
})();

if (!IPV6_LOOPBACK) {
  console.log("::1 is not available: the IPv6 loopback tests are skipped");
}

/** A port nothing listens on: bound on port 0, then closed. */
export function closedPort(hostname = "127.0.0.1"): number {
  const listener = Deno.listen({ hostname, port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/**
 * A TCP listener that accepts connections and never reads or writes, so a
 * client waiting for a reply waits until its own timeout.
 */
export class SilentServer implements AsyncDisposable {
  #listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  #conns: Deno.Conn[] = [];
  #accepting: Promise<void>;

  /** The port to connect to. */
  readonly port: number = this.#listener.addr.port;

  constructor() {
    this.#accepting = (async () => {
      try {
        for await (const conn of this.#listener) {
          this.#conns.push(conn);
        }
      } catch {
        // The listener was closed.
      }
    })();
  }

  /** Connections accepted so far. */
  get accepted(): number {
    return this.#conns.length;
  }

  /** Closes the listener and every accepted connection. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#listener.close();
    await this.#accepting;
    for (const conn of this.#conns) conn.close();
  }
}

/** Resolves to `promise`, or rejects after `ms` ms, clearing its timer. */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} did not happen within ${ms} ms`)),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads until the peer closes; resolves to everything read. */
export async function readToEnd(conn: Deno.Conn): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(65536);
  while (true) {
    const n = await conn.read(buffer);
    if (n === null) break;
    chunks.push(buffer.slice(0, n));
  }
  const all = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}
