/**
 * Maps what `fetch` throws to a {@linkcode URLErrorCode}. Deno's fetch
 * throws a `TypeError("fetch failed")` whose `cause` carries hyper's and
 * rustls' message ("tcp connect error: Connection refused (os error 111)",
 * "dns error: failed to lookup address information", "received corrupt
 * message of type InvalidContentType"); Node's fetch throws the same
 * `TypeError` with a `cause` that carries a `code` ("ECONNREFUSED",
 * "ENOTFOUND"); aborts are `DOMException`s.
 *
 * @module
 */

import type { URLErrorCode } from "./url_error.ts";

/** Every message on the error and its chain of causes, joined. */
function messages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      // Node's fetch names the failure in `code` ("ECONNREFUSED"), and
      // wraps a host's several refused addresses in an AggregateError.
      const code = (current as { code?: unknown }).code;
      if (typeof code === "string") parts.push(code);
      if (current instanceof AggregateError) {
        parts.push(...current.errors.map((inner) => messages(inner)));
      }
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" | ");
}

const REFUSED = /connection refused|ECONNREFUSED/i;
const DNS =
  /dns error|failed to lookup address|name or service not known|no such host|nodename nor servname|ENOTFOUND|temporary failure in name resolution/i;
const TLS =
  /certificate|\btls\b|\bssl\b|handshake|received corrupt message|peer sent|alert received|InvalidContentType/i;

/**
 * Whether `error` is Deno refusing a permission (`Deno.errors.NotCapable`,
 * `Deno.errors.PermissionDenied`), told by name so that the check runs on
 * runtimes without a `Deno` global.
 */
export function isPermissionRefusal(error: unknown): boolean {
  return error instanceof Error &&
    (error.name === "NotCapable" || error.name === "PermissionDenied");
}

/** The reason for a transport failure (not an abort). */
export function transportReason(error: unknown): URLErrorCode {
  const text = messages(error);
  if (REFUSED.test(text)) return "refused";
  if (DNS.test(text)) return "dns";
  if (TLS.test(text)) return "tls";
  return "network";
}

/** The words each reason is told with in a message. */
export const REASON_TEXT: Readonly<Record<URLErrorCode, string>> = {
  refused: "connection refused",
  dns: "the host name did not resolve",
  timeout: "timed out",
  tls: "the TLS handshake failed",
  aborted: "aborted",
  "too-large": "the body is too large",
  network: "network error",
  http: "HTTP error",
};
