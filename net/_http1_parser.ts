/**
 * The strict HTTP/1.1 response parser of the raw client, as synchronous
 * functions over a byte buffer: find the end of the head, parse the status
 * line and the field lines, decide the body's framing, parse chunk-size
 * lines. It follows RFC 9112 as strictly as Node's llhttp parser: CRLF line
 * ends only, token header names with no whitespace before the colon, no
 * control characters in values, one framing only. The async reading around
 * it lives in `_http1_body.ts` and `_http1_exchange.ts`.
 *
 * @module
 */

import { HttpProtocolError } from "./http_protocol_error.ts";

const CR = 13;
const LF = 10;
const SP = 32;
const HTAB = 9;
const COLON = 58;
const SEMICOLON = 59;
const EQUALS = 61;
const QUOTE = 34;
const BACKSLASH = 92;

/** 1 for the bytes RFC 9110 allows in a token (header names, methods). */
const TOKEN = new Uint8Array(256);
for (const char of "!#$%&'*+-.^_`|~") TOKEN[char.charCodeAt(0)] = 1;
for (let byte = 0x30; byte <= 0x39; byte++) TOKEN[byte] = 1;
for (let byte = 0x41; byte <= 0x5a; byte++) TOKEN[byte] = 1;
for (let byte = 0x61; byte <= 0x7a; byte++) TOKEN[byte] = 1;

/** 1 for the bytes a field value may hold: HTAB, SP, VCHAR, obs-text. */
const FIELD_VALUE = new Uint8Array(256);
FIELD_VALUE[HTAB] = 1;
for (let byte = 0x20; byte <= 0x7e; byte++) FIELD_VALUE[byte] = 1;
for (let byte = 0x80; byte <= 0xff; byte++) FIELD_VALUE[byte] = 1;

/** A transfer coding: a token with parameters (RFC 9112 §7). */
const TRANSFER_CODING =
  /^[-!#$%&'*+.^_`|~0-9a-z]+(?:[ \t]*;[ \t]*[-!#$%&'*+.^_`|~0-9a-z]+=(?:[-!#$%&'*+.^_`|~0-9a-z]+|"(?:[^"\\]|\\.)*"))*$/;

/** The status line and header fields of a response. */
export interface ResponseHead {
  /** `"1.1"` or `"1.0"`. */
  httpVersion: string;
  /** The status code, 100 to 999. */
  status: number;
  /** The reason phrase, possibly empty. */
  statusText: string;
  /** Names (as received) and values, in the order received. */
  fields: [string, string][];
}

/** How the body of a response ends. */
export interface BodyFraming {
  /** `none`: no body; `length`: `Content-Length`; `chunked`; `close`: EOF. */
  kind: "none" | "length" | "chunked" | "close";
  /** The `Content-Length` when `kind` is `length`. */
  length: number;
  /** Whether the connection may carry another request afterwards. */
  keepAlive: boolean;
  /** The server's `Keep-Alive: timeout=N`, in ms, if it sent one. */
  keepAliveTimeout: number | undefined;
}

/** Strings up to this long are decoded byte by byte. */
const SHORT_LATIN1 = 8;

/** Decodes runs of ASCII bytes, which UTF-8 maps one to one. */
const ascii = new TextDecoder();

/** The most arguments `String.fromCharCode.apply` is given at once. */
const LATIN1_CHUNK = 4096;

/**
 * Decodes bytes one to one into UTF-16 code units (ISO-8859-1), as `Headers`
 * expects of a ByteString. (`TextDecoder("latin1")` would not do: it is
 * windows-1252, which maps 0x80-0x9F elsewhere.) Long runs are decoded in
 * slices, so the argument count stays far below any engine's limit.
 *
 * @param buffer The bytes.
 * @param start Where to start.
 * @param end Where to stop (exclusive).
 * @returns The string.
 */
export function latin1(buffer: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_LATIN1) {
    // A reason phrase ("OK"): a loop costs less than a view and an apply.
    let text = "";
    for (let at = start; at < end; at++) {
      text += String.fromCharCode(buffer[at]!);
    }
    return text;
  }
  if (end - start <= LATIN1_CHUNK) {
    // A head is usually all ASCII, which UTF-8 decodes the same way, and
    // the native decoder costs about half of an apply over a view.
    let at = start;
    while (at < end && buffer[at]! < 0x80) at++;
    if (at === end) return ascii.decode(buffer.subarray(start, end));
    return String.fromCharCode.apply(
      null,
      buffer.subarray(start, end) as unknown as number[],
    );
  }
  let text = "";
  for (let at = start; at < end; at += LATIN1_CHUNK) {
    text += String.fromCharCode.apply(
      null,
      buffer.subarray(
        at,
        Math.min(end, at + LATIN1_CHUNK),
      ) as unknown as number[],
    );
  }
  return text;
}

/**
 * Quotes raw bytes for an error message, control characters escaped,
 * shortened past 100 bytes.
 *
 * @param buffer The bytes.
 * @param start Where to start.
 * @param end Where to stop (exclusive).
 * @returns The bytes as a JSON string literal.
 */
export function quote(buffer: Uint8Array, start: number, end: number): string {
  const shown = JSON.stringify(
    latin1(buffer, start, Math.min(end, start + 100)),
  );
  return end - start > 100 ? `${shown.slice(0, -1)}…"` : shown;
}

/** How far {@linkcode indexOfLf} scans by hand before calling `indexOf`. */
const SHORT_SCAN = 64;

/**
 * Finds the first LF in `buffer[from, end)`. Never looks past `end`: the
 * bytes there are stale, and scanning them cost half the client's speed.
 * Most lines are short: those are scanned by hand, which allocates nothing;
 * a longer one is searched with `indexOf` on a view.
 *
 * @param buffer The bytes.
 * @param from Where to start.
 * @param end Where the received bytes stop.
 * @returns The index of the LF, or -1.
 */
export function indexOfLf(
  buffer: Uint8Array,
  from: number,
  end: number,
): number {
  const shortEnd = end - from > SHORT_SCAN ? from + SHORT_SCAN : end;
  for (let at = from; at < shortEnd; at++) {
    if (buffer[at] === LF) return at;
  }
  if (shortEnd === end) return -1;
  const found = buffer.subarray(shortEnd, end).indexOf(LF);
  return found === -1 ? -1 : shortEnd + found;
}

/**
 * Finds the empty line that ends a head in `buffer[from, end)`.
 *
 * @param buffer The bytes.
 * @param from The start of a line (the head's start, or a resume point).
 * @param end Where the received bytes stop.
 * @returns The index just past the empty line, or `-1 - resume` where
 * `resume` is the start of the first incomplete line, to scan from next time.
 */
export function findHeadEnd(
  buffer: Uint8Array,
  from: number,
  end: number,
): number {
  let lineStart = from;
  while (true) {
    const lf = indexOfLf(buffer, lineStart, end);
    if (lf === -1) return -1 - lineStart;
    if (
      lf === lineStart || (lf === lineStart + 1 && buffer[lineStart] === CR)
    ) {
      return lf + 1;
    }
    lineStart = lf + 1;
  }
}

/**
 * Parses a complete head: the status line and the field lines up to and
 * including the empty line.
 *
 * @param buffer The bytes.
 * @param start Where the head starts.
 * @param headEnd Just past the empty line, from {@linkcode findHeadEnd}.
 * @returns The head.
 * @throws {HttpProtocolError} `BAD_STATUS_LINE` or `BAD_HEADER`.
 */
export function parseHead(
  buffer: Uint8Array,
  start: number,
  headEnd: number,
): ResponseHead {
  const lf = buffer.indexOf(LF, start);
  const lineEnd = lf - 1;
  if (lineEnd < start || buffer[lineEnd] !== CR) {
    throw badStatusLine(buffer, start, lf, "it does not end with CRLF");
  }
  const head = parseStatusLine(buffer, start, lineEnd);
  parseFieldLines(buffer, lf + 1, headEnd, head.fields, "header");
  return head;
}

function badStatusLine(
  buffer: Uint8Array,
  start: number,
  end: number,
  why: string,
): HttpProtocolError {
  return new HttpProtocolError(
    "BAD_STATUS_LINE",
    `Cannot parse status line ${quote(buffer, start, end)}: ${why}`,
  );
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function parseStatusLine(
  buffer: Uint8Array,
  start: number,
  end: number,
): ResponseHead {
  // "HTTP/1.1 200 OK": 12 bytes at least, reason optional.
  if (
    end - start < 12 || buffer[start] !== 0x48 || buffer[start + 1] !== 0x54 ||
    buffer[start + 2] !== 0x54 || buffer[start + 3] !== 0x50 ||
    buffer[start + 4] !== 0x2f
  ) {
    throw badStatusLine(buffer, start, end, "it does not start with HTTP/");
  }
  const major = buffer[start + 5]!;
  const minor = buffer[start + 7]!;
  if (!isDigit(major) || buffer[start + 6] !== 0x2e || !isDigit(minor)) {
    throw badStatusLine(buffer, start, end, "the version is malformed");
  }
  if (major !== 0x31 || (minor !== 0x30 && minor !== 0x31)) {
    throw badStatusLine(buffer, start, end, "the version is not 1.0 or 1.1");
  }
  if (buffer[start + 8] !== SP) {
    throw badStatusLine(buffer, start, end, "no space after the version");
  }
  const d0 = buffer[start + 9]!;
  const d1 = buffer[start + 10]!;
  const d2 = buffer[start + 11]!;
  if (!isDigit(d0) || !isDigit(d1) || !isDigit(d2) || d0 === 0x30) {
    throw badStatusLine(buffer, start, end, "the status is not 100 to 999");
  }
  let statusText = "";
  if (end > start + 12) {
    if (buffer[start + 12] !== SP) {
      throw badStatusLine(buffer, start, end, "the status is not 3 digits");
    }
    for (let at = start + 13; at < end; at++) {
      if (FIELD_VALUE[buffer[at]!] === 0) {
        throw badStatusLine(
          buffer,
          start,
          end,
          "the reason phrase holds a control character",
        );
      }
    }
    statusText = latin1(buffer, start + 13, end);
  }
  return {
    httpVersion: minor === 0x31 ? "1.1" : "1.0",
    status: (d0 - 0x30) * 100 + (d1 - 0x30) * 10 + (d2 - 0x30),
    statusText,
    fields: [],
  };
}

/**
 * Parses field lines (headers or trailers) up to and including the empty
 * line, appending names (as received) and values to `fields`. Obsolete line
 * folding is replaced by a space, as RFC 9112 §5.2 asks of user agents.
 *
 * @param buffer The bytes.
 * @param start The start of the first field line.
 * @param end Just past the empty line.
 * @param fields Where the names and values go.
 * @param what `"header"` or `"trailer"`, for messages.
 * @throws {HttpProtocolError} `BAD_HEADER`.
 */
export function parseFieldLines(
  buffer: Uint8Array,
  start: number,
  end: number,
  fields: [string, string][],
  what: string,
): void {
  // One string for the whole section; names and values are slices of it.
  const text = latin1(buffer, start, end);
  let lineStart = start;
  while (lineStart < end) {
    const lf = buffer.indexOf(LF, lineStart);
    const lineEnd = lf - 1;
    if (lineEnd < lineStart || buffer[lineEnd] !== CR) {
      throw badHeader(buffer, lineStart, lf, what, "it does not end with CRLF");
    }
    if (lineEnd === lineStart) return;
    const first = buffer[lineStart]!;
    if (first === SP || first === HTAB) {
      if (fields.length === 0) {
        throw badHeader(
          buffer,
          lineStart,
          lineEnd,
          what,
          "whitespace before the first field",
        );
      }
      const folded = parseFieldValue(
        buffer,
        lineStart,
        lineEnd,
        what,
        text,
        start,
      );
      const last = fields[fields.length - 1]!;
      if (folded !== "") {
        last[1] = last[1] === "" ? folded : `${last[1]} ${folded}`;
      }
    } else {
      let colon = lineStart;
      while (colon < lineEnd && TOKEN[buffer[colon]!] === 1) colon++;
      if (colon === lineEnd || buffer[colon] !== COLON) {
        throw badHeader(
          buffer,
          lineStart,
          lineEnd,
          what,
          "the name is not a token followed by a colon",
        );
      }
      if (colon === lineStart) {
        throw badHeader(buffer, lineStart, lineEnd, what, "the name is empty");
      }
      fields.push([
        text.slice(lineStart - start, colon - start),
        parseFieldValue(buffer, colon + 1, lineEnd, what, text, start),
      ]);
    }
    lineStart = lf + 1;
  }
}

function parseFieldValue(
  buffer: Uint8Array,
  start: number,
  end: number,
  what: string,
  text: string,
  textStart: number,
): string {
  let first = start;
  while (first < end && (buffer[first] === SP || buffer[first] === HTAB)) {
    first++;
  }
  let last = first;
  for (let at = first; at < end; at++) {
    const byte = buffer[at]!;
    if (FIELD_VALUE[byte] === 0) {
      throw badHeader(
        buffer,
        start,
        end,
        what,
        `the value holds the control character ${
          JSON.stringify(String.fromCharCode(byte))
        }`,
      );
    }
    if (byte !== SP && byte !== HTAB) last = at + 1;
  }
  return text.slice(first - textStart, last - textStart);
}

function badHeader(
  buffer: Uint8Array,
  start: number,
  end: number,
  what: string,
  why: string,
): HttpProtocolError {
  return new HttpProtocolError(
    "BAD_HEADER",
    `Cannot parse ${what} line ${quote(buffer, start, end)}: ${why}`,
  );
}

/**
 * Decides how the body of a response ends (RFC 9112 §6.3), and whether the
 * connection can be reused after it.
 *
 * @param head The parsed head.
 * @param method The request method (a `HEAD` response has no body).
 * @returns The framing.
 * @throws {HttpProtocolError} `BAD_CONTENT_LENGTH`, `CONFLICTING_LENGTH` or
 * `BAD_TRANSFER_ENCODING`.
 */
export function decideFraming(head: ResponseHead, method: string): BodyFraming {
  const { fields, status } = head;
  let length = -1;
  let transferEncoding: string | undefined;
  let sawClose = false;
  let sawKeepAlive = false;
  let keepAliveTimeout: number | undefined;
  for (const [rawName, value] of fields) {
    // Only names of these lengths matter here; skip the rest unlowered.
    const size = rawName.length;
    if (size !== 14 && size !== 17 && size !== 10) continue;
    const name = rawName.toLowerCase();
    if (name === "content-length") {
      length = mergeContentLength(length, value);
    } else if (name === "transfer-encoding") {
      transferEncoding = transferEncoding === undefined
        ? value
        : `${transferEncoding}, ${value}`;
    } else if (name === "connection") {
      for (const option of value.split(",")) {
        const token = option.trim().toLowerCase();
        if (token === "close") sawClose = true;
        else if (token === "keep-alive") sawKeepAlive = true;
      }
    } else if (name === "keep-alive") {
      const match = /(?:^|[,;\s])timeout\s*=\s*(\d+)/i.exec(value);
      if (match !== null) keepAliveTimeout = Number(match[1]) * 1000;
    }
  }
  // Connection: close wins; an HTTP/1.0 server must opt in to keep-alive.
  const keepAlive = !sawClose &&
    (head.httpVersion === "1.1" || sawKeepAlive);
  const framing: BodyFraming = {
    kind: "none",
    length: 0,
    keepAlive,
    keepAliveTimeout,
  };
  if (transferEncoding !== undefined) {
    if (head.httpVersion === "1.0") {
      throw new HttpProtocolError(
        "BAD_TRANSFER_ENCODING",
        `Cannot frame the body: an HTTP/1.0 response has Transfer-Encoding "${transferEncoding}"`,
      );
    }
    if (length !== -1) {
      throw new HttpProtocolError(
        "CONFLICTING_LENGTH",
        `Cannot frame the body: Transfer-Encoding "${transferEncoding}" comes with Content-Length ${length}`,
      );
    }
  }
  if (
    method === "HEAD" || status < 200 || status === 204 || status === 304
  ) {
    return framing;
  }
  if (transferEncoding !== undefined) {
    const codings = transferEncoding.split(",").map((coding) =>
      coding.trim().toLowerCase()
    );
    // An empty element ("chunked,") is refused: RFC 9110 §5.6.1 would skip
    // it, llhttp reads "chunked," as not chunked, and where two parsers
    // frame a body differently, responses can be smuggled.
    const malformed = codings.find((coding) => !TRANSFER_CODING.test(coding));
    if (malformed !== undefined) {
      throw new HttpProtocolError(
        "BAD_TRANSFER_ENCODING",
        `Cannot frame the body: Transfer-Encoding "${transferEncoding}" holds the malformed coding "${malformed}"`,
      );
    }
    const chunkedCount = codings.filter((coding) => coding === "chunked")
      .length;
    if (chunkedCount > 1) {
      throw new HttpProtocolError(
        "BAD_TRANSFER_ENCODING",
        `Cannot frame the body: Transfer-Encoding "${transferEncoding}" applies chunked twice`,
      );
    }
    if (codings.at(-1) === "chunked") {
      framing.kind = "chunked";
    } else {
      // RFC 9112 §6.3 (4): without chunked last, the body ends at close.
      framing.kind = "close";
      framing.keepAlive = false;
    }
    return framing;
  }
  if (length !== -1) {
    framing.kind = "length";
    framing.length = length;
    return framing;
  }
  framing.kind = "close";
  framing.keepAlive = false;
  return framing;
}

/**
 * The value of a `Content-Length` of 1 to 15 digits and nothing else, the
 * common case, without splitting; -1 for anything else.
 */
function plainDigits(value: string): number {
  const size = value.length;
  if (size === 0 || size > 15) return -1;
  let number = 0;
  for (let at = 0; at < size; at++) {
    const digit = value.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function mergeContentLength(previous: number, value: string): number {
  const plain = plainDigits(value);
  if (plain !== -1 && (previous === -1 || previous === plain)) return plain;
  let length = previous;
  // "Content-Length: 5, 5" is allowed (RFC 9110 §8.6); differing values not.
  for (const part of value.split(",")) {
    const digits = part.trim();
    if (!/^\d+$/.test(digits)) {
      throw new HttpProtocolError(
        "BAD_CONTENT_LENGTH",
        `Cannot parse Content-Length "${value}": it is not a decimal number`,
      );
    }
    const parsed = Number(digits);
    if (!Number.isSafeInteger(parsed)) {
      throw new HttpProtocolError(
        "BAD_CONTENT_LENGTH",
        `Cannot parse Content-Length "${value}": it is too large`,
      );
    }
    if (length !== -1 && parsed !== length) {
      throw new HttpProtocolError(
        "CONFLICTING_LENGTH",
        `Cannot frame the body: Content-Length ${length} and ${parsed} differ`,
      );
    }
    length = parsed;
  }
  return length;
}

/**
 * Parses a chunk-size line without its CRLF: hex digits, then chunk
 * extensions, which are checked against their grammar and skipped.
 *
 * @param buffer The bytes.
 * @param start The start of the line.
 * @param end The CR that ends it.
 * @returns The chunk size.
 * @throws {HttpProtocolError} `BAD_CHUNK`.
 */
export function parseChunkSize(
  buffer: Uint8Array,
  start: number,
  end: number,
): number {
  let size = 0;
  let at = start;
  for (; at < end; at++) {
    const byte = buffer[at]!;
    let digit: number;
    if (byte >= 0x30 && byte <= 0x39) digit = byte - 0x30;
    else if (byte >= 0x61 && byte <= 0x66) digit = byte - 0x57;
    else if (byte >= 0x41 && byte <= 0x46) digit = byte - 0x37;
    else break;
    size = size * 16 + digit;
    if (size > Number.MAX_SAFE_INTEGER) {
      throw badChunk(buffer, start, end, "the size is too large");
    }
  }
  if (at === start) throw badChunk(buffer, start, end, "no hex size");
  if (at < end) checkChunkExtensions(buffer, start, at, end);
  return size;
}

function skipWhitespace(buffer: Uint8Array, at: number, end: number): number {
  while (at < end && (buffer[at] === SP || buffer[at] === HTAB)) at++;
  return at;
}

function skipToken(buffer: Uint8Array, at: number, end: number): number {
  while (at < end && TOKEN[buffer[at]!] === 1) at++;
  return at;
}

/**
 * Checks chunk extensions against RFC 9112 §7.1.1:
 * `*( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`. They
 * are skipped, but a lax reading of them is where parsers disagree about
 * where a chunk starts, so anything else is refused. (llhttp refuses the
 * optional whitespace too; the RFC has recipients accept it.)
 *
 * @param buffer The bytes.
 * @param lineStart The start of the size line, for messages.
 * @param from Just past the hex size.
 * @param end The CR that ends the line.
 * @throws {HttpProtocolError} `BAD_CHUNK`.
 */
function checkChunkExtensions(
  buffer: Uint8Array,
  lineStart: number,
  from: number,
  end: number,
): void {
  let at = from;
  do {
    at = skipWhitespace(buffer, at, end);
    // buffer[end] is the CR, never a semicolon.
    if (buffer[at] !== SEMICOLON) {
      throw badChunk(buffer, lineStart, end, "junk after the size");
    }
    at = skipWhitespace(buffer, at + 1, end);
    const nameEnd = skipToken(buffer, at, end);
    if (nameEnd === at) {
      throw badChunk(buffer, lineStart, end, "an extension without a name");
    }
    at = skipWhitespace(buffer, nameEnd, end);
    if (at < end && buffer[at] === EQUALS) {
      at = skipWhitespace(buffer, at + 1, end);
      // An empty value is let through, as llhttp does: it cannot move
      // where the line ends.
      const valueEnd = at < end && buffer[at] === QUOTE
        ? skipQuotedString(buffer, lineStart, at, end)
        : skipToken(buffer, at, end);
      at = skipWhitespace(buffer, valueEnd, end);
    }
  } while (at < end);
}

function skipQuotedString(
  buffer: Uint8Array,
  lineStart: number,
  quote: number,
  end: number,
): number {
  for (let at = quote + 1; at < end; at++) {
    const byte = buffer[at]!;
    if (byte === QUOTE) return at + 1;
    if (byte === BACKSLASH) at++;
    if (at >= end || FIELD_VALUE[buffer[at]!] === 0) break;
  }
  throw badChunk(
    buffer,
    lineStart,
    end,
    "a malformed quoted string in an extension",
  );
}

/**
 * The error for a malformed chunk line or chunk end.
 *
 * @param buffer The bytes.
 * @param start Start of the offending bytes.
 * @param end End of the offending bytes.
 * @param why What is wrong.
 * @returns The error.
 */
export function badChunk(
  buffer: Uint8Array,
  start: number,
  end: number,
  why: string,
): HttpProtocolError {
  return new HttpProtocolError(
    "BAD_CHUNK",
    `Cannot parse chunk ${quote(buffer, start, end)}: ${why}`,
  );
}
