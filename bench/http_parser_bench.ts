/**
 * The HTTP/1.1 client's hot paths, alone: parsing a typical response head
 * and deciding its framing, parsing chunk-size lines, and building a request
 * head. The end-to-end comparison with `fetch` is
 * `bench/http_keep_alive_gets.ts`.
 *
 * @module
 */

import {
  decideFraming,
  findHeadEnd,
  parseChunkSize,
  parseHead,
} from "../net/_http1_parser.ts";
import { parseTarget, prepareRequest } from "../net/_http1_request_head.ts";

const encoder = new TextEncoder();
const head = encoder.encode(
  "HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=UTF-8\r\n" +
    "vary: Accept-Encoding\r\ncontent-length: 32\r\n" +
    "date: Tue, 24 Nov 2026 18:43:14 GMT\r\n\r\n",
);
const chunkLine = encoder.encode("1f40;name=value\r\n");
const target = parseTarget("http://127.0.0.1:8000/path?query=1");

Deno.bench("parse a 5-field response head and decide its framing", () => {
  const end = findHeadEnd(head, 0, head.length);
  decideFraming(parseHead(head, 0, end), "GET");
});

Deno.bench("parse a chunk-size line with an extension", () => {
  parseChunkSize(chunkLine, 0, chunkLine.length - 2);
});

Deno.bench("build a GET request head with two headers", () => {
  prepareRequest(target, {
    headers: { accept: "application/json", "x-request-id": "abc123" },
  });
});
