/**
 * `NetlocResult`: the `username`, `password`, `hostname` and `port` getters
 * that Python's `SplitResult` and `ParseResult` share.
 *
 * @module
 */

import { hostnameOf, portOf, userinfoOf } from "./_split.ts";

/**
 * What a parsed URL with a network location can say of it, as Python's
 * `_NetlocResultMixinBase` does: the base of {@linkcode SplitResult} and
 * {@linkcode ParseResult}. Each getter reads `netloc` when asked, so a result
 * holds only its parts.
 *
 * @example Usage
 * ```ts
 * import { NetlocResult, urlsplit } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const parts = urlsplit("https://ann:pw@[::1]:8443/a");
 * assert.ok(parts instanceof NetlocResult);
 * assert.deepEqual(
 *   [parts.username, parts.password, parts.hostname, parts.port],
 *   ["ann", "pw", "::1", 8443],
 * );
 * ```
 */
export abstract class NetlocResult {
  /** The network location as written (`user:pw@host:port`); `""` when none. */
  abstract readonly netloc: string;

  /** The user name before `@` in `netloc`, or `null` when there is no `@`. */
  get username(): string | null {
    return userinfoOf(this.netloc)[0];
  }

  /** The password after `:` in the user info, or `null` when none. */
  get password(): string | null {
    return userinfoOf(this.netloc)[1];
  }

  /** The host in lower case (an IPv6 zone id keeps its case), without brackets; `null` when empty. */
  get hostname(): string | null {
    return hostnameOf(this.netloc);
  }

  /**
   * The port as a number, or `null` when none is written.
   *
   * @throws {RangeError} When the port is not ASCII digits or is past 65535 (Python's ValueError).
   */
  get port(): number | null {
    return portOf(this.netloc);
  }
}
