/**
 * What a redirect turns a request into, as `fetch` decides it (WHATWG Fetch,
 * "HTTP-redirect fetch"): 301 and 302 turn a POST into a GET, 303 turns
 * anything but HEAD into a GET, and 307 and 308 keep the method and body.
 * A GET made from a request with a body drops the body and the fields that
 * described it; a move to another origin drops the credentials.
 *
 * @module
 */

import type { HttpRequestInit } from "./http_request.ts";
import { HttpRedirectError } from "./http_redirect_error.ts";

/** What `redirect` may be. */
export type RedirectMode = "follow" | "manual" | "error";

/** Fields that describe a body, dropped with it. */
const BODY_FIELDS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
  "transfer-encoding",
]);

/** Fields that carry credentials, or name the origin, dropped across origins. */
const ORIGIN_FIELDS = new Set([
  "authorization",
  "cookie",
  "proxy-authorization",
  "host",
]);

/**
 * Whether a status asks the client to go elsewhere.
 *
 * @param status The status code.
 * @returns `true` for 301, 302, 303, 307 and 308.
 */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 ||
    status === 307 || status === 308;
}

/**
 * Checks a `redirect` mode and `maxRedirects`.
 *
 * @param mode The mode given, if any.
 * @param maxRedirects The limit given, if any.
 * @throws {TypeError} When the mode is not one of the three.
 * @throws {RangeError} When the limit is not an integer of 0 or more.
 */
export function checkRedirectOptions(
  mode: unknown,
  maxRedirects: unknown,
): void {
  if (
    mode !== undefined && mode !== "follow" && mode !== "manual" &&
    mode !== "error"
  ) {
    throw new TypeError(
      `Cannot use redirect ${
        JSON.stringify(mode)
      }: it must be "follow", "manual" or "error"`,
    );
  }
  if (
    maxRedirects !== undefined &&
    !(Number.isInteger(maxRedirects) && (maxRedirects as number) >= 0)
  ) {
    throw new RangeError(
      `Cannot use maxRedirects ${
        String(maxRedirects)
      }: it must be an integer of 0 or more`,
    );
  }
}

/**
 * Finds a field by its lower-case name.
 *
 * @param fields The fields as received.
 * @param lowerName The name, lower case.
 * @returns The first value, or `undefined`.
 */
export function findField(
  fields: [string, string][],
  lowerName: string,
): string | undefined {
  for (const [name, value] of fields) {
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) {
      return value;
    }
  }
  return undefined;
}

/** The request to send next, or why there is none. */
export type RedirectPlan =
  | { kind: "follow"; url: URL; init: HttpRequestInit }
  /** The body cannot be sent again: hand the redirect to the caller. */
  | { kind: "return" };

/**
 * Decides where a redirect leads and what is sent there.
 *
 * @param status The redirect's status.
 * @param location Its `Location`.
 * @param from The URL that redirected.
 * @param method The method sent to `from`.
 * @param init What was sent to `from`.
 * @param redirects How many redirects were followed before this one.
 * @param maxRedirects The most allowed.
 * @param replayable Whether the body can be sent again.
 * @returns The next request, or `return` when the redirect must be handed
 * back as it is.
 * @throws {HttpRedirectError} `TOO_MANY_REDIRECTS` or `BAD_LOCATION`.
 */
export function planRedirect(
  status: number,
  location: string,
  from: URL,
  method: string,
  init: HttpRequestInit,
  redirects: number,
  maxRedirects: number,
  replayable: boolean,
): RedirectPlan {
  const details = { status, url: from.href, location, redirects };
  if (redirects >= maxRedirects) {
    throw new HttpRedirectError(
      "TOO_MANY_REDIRECTS",
      `Cannot follow the redirect from "${from.href}" to "${location}": more than maxRedirects ${maxRedirects}`,
      details,
    );
  }
  let url: URL;
  try {
    url = new URL(location, from);
  } catch (error) {
    throw new HttpRedirectError(
      "BAD_LOCATION",
      `Cannot follow the redirect from "${from.href}" to "${location}": it is not a URL`,
      details,
      { cause: error },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HttpRedirectError(
      "BAD_LOCATION",
      `Cannot follow the redirect from "${from.href}" to "${location}": only http: and https: URLs are followed`,
      details,
    );
  }
  const toGet = ((status === 301 || status === 302) && method === "POST") ||
    (status === 303 && method !== "GET" && method !== "HEAD");
  const keepsBody = !toGet && init.body !== undefined;
  if (keepsBody && !replayable) return { kind: "return" };
  const crossOrigin = url.origin !== from.origin;
  let headers = init.headers;
  if ((toGet || crossOrigin) && headers !== undefined) {
    const kept = new Headers();
    for (const [name, value] of new Headers(headers)) {
      if (toGet && BODY_FIELDS.has(name)) continue;
      if (crossOrigin && ORIGIN_FIELDS.has(name)) continue;
      kept.append(name, value);
    }
    headers = kept;
  }
  const next: HttpRequestInit = { ...init, headers };
  if (toGet) {
    next.method = "GET";
    next.body = undefined;
  }
  return { kind: "follow", url, init: next };
}
