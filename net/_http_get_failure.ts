/**
 * How `http_get.ts` words what the client throws: one line naming the
 * cause (refused, a host that does not resolve, timed out, a malformed
 * response with its code), or the error unchanged when it is a missing
 * permission (the shared convention names the flag to add) or a bug.
 *
 * @module
 */

import { ScriptError } from "../_cli.ts";

// Deno.connect reports a failed lookup as a plain Error.
const DNS_FAILURE =
  /failed to lookup address|name or service not known|no such host|nodename nor servname|temporary failure in name resolution/i;

/**
 * Turns what the client threw into one line naming the cause, or returns
 * the error unchanged when it is not one the script expects (a bug).
 */
export function explainHttpFailure(error: unknown, url: string): unknown {
  if (!(error instanceof Error)) return error;
  const cannot = `Cannot fetch "${url}"`;
  if (error instanceof Deno.errors.ConnectionRefused) {
    return new ScriptError(
      `${cannot}: connection refused (nothing listens at ${new URL(url).host})`,
      { cause: error },
    );
  }
  if (error instanceof DOMException && error.name === "TimeoutError") {
    const after = error.message.match(/ after \d+ ms/)?.[0] ?? "";
    return new ScriptError(`${cannot}: timed out${after}`, { cause: error });
  }
  if (DNS_FAILURE.test(error.message)) {
    return new ScriptError(
      `${cannot}: the host name ${new URL(url).hostname} did not resolve`,
      { cause: error },
    );
  }
  if (
    Object.values(Deno.errors).some((kind) => error instanceof kind) &&
    !(error instanceof Deno.errors.NotCapable)
  ) {
    // Reset, unreachable, a bad certificate: the transport's own words.
    return new ScriptError(`${cannot}: ${error.name}: ${error.message}`, {
      cause: error,
    });
  }
  const code = "code" in error && typeof error.code === "string"
    ? ` ${error.code}`
    : "";
  if (
    error.name === "HttpProtocolError" || error.name === "HttpRedirectError" ||
    error.name === "HttpProxyError"
  ) {
    return new ScriptError(
      `${cannot}: ${error.name}${code}: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  // The client's own argument errors ("Cannot send header ...") are about
  // what the command line asked for; other TypeErrors are bugs.
  if (error instanceof TypeError && error.message.startsWith("Cannot ")) {
    return new ScriptError(error.message, { cause: error });
  }
  return error;
}
