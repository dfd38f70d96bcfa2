/**
 * Byte-moving helpers shared by the socket servers and clients of net/:
 * write-all loops, address formatting and the test for "the peer went away".
 *
 * @module
 */

/** Anything with a `write` that may write fewer bytes than it was given. */
export interface PartialWriter {
  write(bytes: Uint8Array): Promise<number>;
}

/**
 * Writes every byte, looping over partial writes, as Python's `sendall`.
 *
 * @param writer Where to write.
 * @param bytes What to write.
 */
export async function writeAll(
  writer: PartialWriter,
  bytes: Uint8Array,
): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await writer.write(bytes.subarray(written));
  }
}

/**
 * Tells whether an error only says the connection is gone (closed by us,
 * reset or abandoned by the peer), which servers treat as an ordinary end.
 *
 * @param error What a socket operation threw.
 * @returns `true` for the errors of a vanished connection.
 */
export function isDisconnectError(error: unknown): boolean {
  return error instanceof Deno.errors.BadResource ||
    error instanceof Deno.errors.Interrupted ||
    error instanceof Deno.errors.ConnectionReset ||
    error instanceof Deno.errors.ConnectionAborted ||
    error instanceof Deno.errors.BrokenPipe ||
    error instanceof Deno.errors.NotConnected ||
    error instanceof Deno.errors.UnexpectedEof;
}

/**
 * Formats a network address as `host:port`, bracketing IPv6 hosts.
 *
 * @param addr The address of a socket.
 * @returns `127.0.0.1:7007` or `[::1]:7007`; a Unix path as is.
 */
export function formatAddr(addr: Deno.Addr): string {
  if (addr.transport === "tcp" || addr.transport === "udp") {
    const host = addr.hostname.includes(":")
      ? `[${addr.hostname}]`
      : addr.hostname;
    return `${host}:${addr.port}`;
  }
  return "path" in addr ? addr.path : addr.transport;
}

/**
 * Formats a host and port given by a caller the way {@linkcode formatAddr}
 * formats a socket's address.
 *
 * @param hostname A host name or IP literal.
 * @param port A port number.
 * @returns `host:port`, IPv6 hosts bracketed.
 */
export function formatHostPort(hostname: string, port: number): string {
  return formatAddr({ transport: "tcp", hostname, port });
}

/**
 * Checks a port option, so a typo fails at the call rather than deep in the
 * runtime.
 *
 * @param port The value given.
 * @param name The option's name, for the message.
 * @throws {TypeError} When `port` is not an integer in 0..65535.
 */
export function assertPort(
  port: unknown,
  name = "port",
): asserts port is number {
  if (
    !Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535
  ) {
    throw new TypeError(
      `Cannot use ${name} "${
        String(port)
      }": it must be an integer from 0 to 65535`,
    );
  }
}

/**
 * Checks a duration option in milliseconds; `Infinity` means "no limit".
 *
 * @param value The value given.
 * @param name The option's name, for the message.
 * @throws {RangeError} When `value` is negative or not a number.
 */
export function assertDuration(value: number, name: string): void {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new RangeError(
      `Cannot use ${name} "${
        String(value)
      }": it must be a number of milliseconds, 0 or more`,
    );
  }
}

/**
 * Closes a socket or listener that may already be closed.
 *
 * @param resource What to close.
 */
export function closeQuietly(resource: { close(): void }): void {
  try {
    resource.close();
  } catch (error) {
    // Closing twice is expected here (idle timer, shutdown and the loop's
    // own finally race to close); anything else is a real fault.
    if (!(error instanceof Deno.errors.BadResource)) throw error;
  }
}

/**
 * Gives a Deno socket error a message that names the peer, keeping its
 * class (so `instanceof Deno.errors.ConnectionRefused` still holds) and the
 * original as `cause`.
 *
 * @param error What the socket operation threw.
 * @param context What was being done, e.g. `Cannot connect to 127.0.0.1:7`.
 * @returns A new error of the same Deno class, or `error` itself if it is
 * not one of `Deno.errors`.
 */
export function withContext(error: unknown, context: string): unknown {
  if (!(error instanceof Error)) return error;
  const ErrorClass = error.constructor as new (
    message: string,
    options: ErrorOptions,
  ) => Error;
  if (!Object.values(Deno.errors).includes(ErrorClass as never)) return error;
  return new ErrorClass(`${context}: ${lowerFirst(error.message)}`, {
    cause: error,
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Binds a UDP socket, explaining the missing flag when Deno was started
 * without `--unstable-net` (where `Deno.listenDatagram` does not exist).
 *
 * @param hostname The local address to bind.
 * @param port The local port; 0 picks a free one.
 * @returns The bound socket.
 * @throws {TypeError} Without `--unstable-net`.
 */
export function listenUdp(hostname: string, port: number): Deno.DatagramConn {
  if (typeof Deno.listenDatagram !== "function") {
    throw new TypeError(
      'Cannot open a UDP socket: Deno.listenDatagram needs the "--unstable-net" flag (or "unstable": ["net"] in deno.json)',
    );
  }
  return Deno.listenDatagram({ hostname, port, transport: "udp" });
}
