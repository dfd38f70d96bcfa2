import assert from "node:assert/strict";
import {
  HttpClient,
  type HttpClientOptions,
  HttpProtocolError,
  type HttpProtocolErrorCode,
} from "../../net/mod.ts";
import { serveRaw } from "../_helpers/net_http_servers.ts";

/** One misbehaving server per case: what it sends and the code it earns. */
interface MalformedCase {
  what: string;
  response: string;
  code: HttpProtocolErrorCode;
  close?: boolean;
  options?: HttpClientOptions;
  method?: string;
}

const OK_HEAD = "HTTP/1.1 200 OK\r\n";
const CHUNKED = `${OK_HEAD}Transfer-Encoding: chunked\r\n\r\n`;

const CASES: MalformedCase[] = [
  {
    what: "a status that is not a number",
    response: "HTTP/1.1 2OO OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a two-digit status",
    response: "HTTP/1.1 20 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a status of 4 digits",
    response: "HTTP/1.1 2000 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "HTTP/2.0 in the status line",
    response: "HTTP/2.0 200 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "no HTTP/ prefix",
    response: "ICY 200 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a lower-case version",
    response: "http/1.1 200 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "two spaces after the version",
    response: "HTTP/1.1  200 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a bare LF after the status line",
    response: "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a control character in the reason",
    response: "HTTP/1.1 200 O\x01K\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a leading bare LF",
    response: "\nHTTP/1.1 200 OK\r\n\r\n",
    code: "BAD_STATUS_LINE",
  },
  {
    what: "a space inside a header name",
    response: `${OK_HEAD}Bad Name: 1\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "whitespace before the colon",
    response: `${OK_HEAD}Content-Length : 0\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "a header line without a colon",
    response: `${OK_HEAD}NoColon\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "an empty header name",
    response: `${OK_HEAD}: value\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "NUL in a header value",
    response: `${OK_HEAD}X-A: a\x00b\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "a bare CR in a header value",
    response: `${OK_HEAD}X-A: a\rb\r\nContent-Length: 0\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "a bare LF ending a header line",
    response: `${OK_HEAD}X-A: b\nContent-Length: 0\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "folding before the first header",
    response: `${OK_HEAD} folded: 1\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "a head over maxHeaderBytes",
    response: `${OK_HEAD}X-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    code: "HEADER_OVERFLOW",
  },
  {
    what: "a head that never ends within maxHeaderBytes",
    response: `${OK_HEAD}X-Big: ${"a".repeat(2000)}`,
    code: "HEADER_OVERFLOW",
    options: { maxHeaderBytes: 1024 },
  },
  {
    what: "trailers over maxHeaderBytes",
    response: `${CHUNKED}0\r\nX-T: ${"t".repeat(2000)}\r\n\r\n`,
    code: "HEADER_OVERFLOW",
    options: { maxHeaderBytes: 1024 },
  },
  {
    what: "a Content-Length over maxBodyBytes",
    response: `${OK_HEAD}Content-Length: 100\r\n\r\n${"b".repeat(100)}`,
    code: "BODY_OVERFLOW",
    options: { maxBodyBytes: 10 },
  },
  {
    what: "chunks over maxBodyBytes",
    response: `${CHUNKED}8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n`,
    code: "BODY_OVERFLOW",
    options: { maxBodyBytes: 10 },
  },
  {
    what: "a close-delimited body over maxBodyBytes",
    response: `${OK_HEAD}\r\n${"c".repeat(100)}`,
    code: "BODY_OVERFLOW",
    close: true,
    options: { maxBodyBytes: 10 },
  },
  {
    what: "a chunk size that is not hex",
    response: `${CHUNKED}zz\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "an empty chunk size",
    response: `${CHUNKED}\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a space after the chunk size",
    response: `${CHUNKED}3 \r\nabc\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a chunk without its CRLF",
    response: `${CHUNKED}3\r\nabcX\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a bare LF after the chunk size",
    response: `${CHUNKED}3\nabc\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a control character in a chunk extension",
    response: `${CHUNKED}3;a=\x01\r\nabc\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a chunk size beyond 2^53",
    response: `${CHUNKED}fffffffffffffffff\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a chunk-size line over 16 KiB",
    response: `${CHUNKED}1;${"e".repeat(17_000)}`,
    code: "BAD_CHUNK",
  },
  {
    what: "a malformed trailer",
    response: `${CHUNKED}0\r\nBad Trailer: 1\r\n\r\n`,
    code: "BAD_HEADER",
  },
  {
    what: "a Content-Length that is not a number",
    response: `${OK_HEAD}Content-Length: abc\r\n\r\n`,
    code: "BAD_CONTENT_LENGTH",
  },
  {
    what: "a negative Content-Length",
    response: `${OK_HEAD}Content-Length: -1\r\n\r\n`,
    code: "BAD_CONTENT_LENGTH",
  },
  {
    what: "a Content-Length with a sign",
    response: `${OK_HEAD}Content-Length: +5\r\n\r\nhello`,
    code: "BAD_CONTENT_LENGTH",
  },
  {
    what: "a Content-Length beyond 2^53",
    response: `${OK_HEAD}Content-Length: 99999999999999999999\r\n\r\n`,
    code: "BAD_CONTENT_LENGTH",
  },
  {
    what: "Transfer-Encoding with Content-Length",
    response:
      `${OK_HEAD}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    code: "CONFLICTING_LENGTH",
  },
  {
    what: "two different Content-Lengths",
    response: `${OK_HEAD}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`,
    code: "CONFLICTING_LENGTH",
  },
  {
    what: "a Content-Length list that differs",
    response: `${OK_HEAD}Content-Length: 5, 6\r\n\r\nhello!`,
    code: "CONFLICTING_LENGTH",
  },
  {
    what: "an empty element in Transfer-Encoding",
    response: `${OK_HEAD}Transfer-Encoding: chunked,\r\n\r\n0\r\n\r\n`,
    code: "BAD_TRANSFER_ENCODING",
  },
  {
    what: "a malformed transfer coding",
    response: `${OK_HEAD}Transfer-Encoding: chunked abc\r\n\r\n0\r\n\r\n`,
    code: "BAD_TRANSFER_ENCODING",
  },
  {
    what: "a chunk extension without a name",
    response: `${CHUNKED}2;=x\r\nok\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "a chunk extension value that is not a token",
    response: `${CHUNKED}2;a=b c\r\nok\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "an unterminated quoted chunk extension",
    response: `${CHUNKED}2;a="b\r\nok\r\n0\r\n\r\n`,
    code: "BAD_CHUNK",
  },
  {
    what: "chunked applied twice",
    response: `${OK_HEAD}Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n`,
    code: "BAD_TRANSFER_ENCODING",
  },
  {
    what: "Transfer-Encoding in HTTP/1.0",
    response: "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    code: "BAD_TRANSFER_ENCODING",
  },
  {
    what: "more than maxInterimResponses 1xx",
    response: "HTTP/1.1 100 Continue\r\n\r\n".repeat(11) +
      `${OK_HEAD}Content-Length: 0\r\n\r\n`,
    code: "TOO_MANY_INTERIM",
  },
  {
    what: "an unasked 101",
    response: "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
    code: "UNEXPECTED_UPGRADE",
  },
  {
    what: "a close before any byte",
    response: "",
    code: "NO_RESPONSE",
    close: true,
  },
  {
    what: "a close in the middle of the head",
    response: `${OK_HEAD}Content-Le`,
    code: "INCOMPLETE_HEAD",
    close: true,
  },
  {
    what: "a close before Content-Length bytes",
    response: `${OK_HEAD}Content-Length: 10\r\n\r\nabc`,
    code: "INCOMPLETE_BODY",
    close: true,
  },
  {
    what: "a close in the middle of a chunk",
    response: `${CHUNKED}a\r\nabc`,
    code: "INCOMPLETE_BODY",
    close: true,
  },
  {
    what: "a close before the last chunk",
    response: `${CHUNKED}3\r\nabc\r\n`,
    code: "INCOMPLETE_BODY",
    close: true,
  },
  {
    what: "a close in the trailers",
    response: `${CHUNKED}0\r\nX-T: 1\r\n`,
    code: "INCOMPLETE_BODY",
    close: true,
  },
];

for (const malformed of CASES) {
  Deno.test(`HttpClient rejects ${malformed.what} with ${malformed.code}`, async () => {
    await using server = serveRaw(() => ({
      write: malformed.response,
      close: malformed.close,
    }));
    await using client = new HttpClient(malformed.options);
    const error = await client.request(server.origin, {
      method: malformed.method,
    })
      .then(() => undefined, (error: unknown) => error);
    assert.ok(
      error instanceof HttpProtocolError,
      `expected an HttpProtocolError, got ${error}`,
    );
    assert.equal(error.code, malformed.code, error.message);
    assert.equal(error.name, "HttpProtocolError");
    assert.equal(client.openConnections(), 0, "the connection was closed");
  });
}

Deno.test("HttpClient.stream() errors the body stream with the code of a malformed chunk", async () => {
  await using server = serveRaw(() => ({
    write: `${CHUNKED}3\r\nabc\r\nzz\r\n`,
  }));
  await using client = new HttpClient();
  const response = await client.stream(server.origin);
  await assert.rejects(
    response.bytes(),
    (error) => error instanceof HttpProtocolError && error.code === "BAD_CHUNK",
  );
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpProtocolError messages quote the offending bytes", async () => {
  await using server = serveRaw(() => ({ write: "HTTP/1.1 2OO OK\r\n\r\n" }));
  await using client = new HttpClient();
  await assert.rejects(client.request(server.origin), {
    name: "HttpProtocolError",
    message:
      'Cannot parse status line "HTTP/1.1 2OO OK": the status is not 100 to 999',
  });
});
