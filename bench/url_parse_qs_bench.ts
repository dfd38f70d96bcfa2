/**
 * parseQs against the same record built from URLSearchParams, and quote /
 * unquote against encodeURIComponent / decodeURIComponent, on the same
 * corpus. `bench/url_compare.ts` prints the same comparisons as ratios, with
 * Python's parse_qs timed in the same run.
 */
import { parseQs, quote, unquote } from "../url/mod.ts";
import {
  queryCorpus,
  recordFromSearchParams,
  textCorpus,
} from "./url_corpus.ts";

const queries = queryCorpus();
const texts = textCorpus();
const quoted = texts.map((text) => quote(text));

Deno.bench("parseQs", { group: "parse a query into a record" }, () => {
  for (const qs of queries) parseQs(qs);
});
Deno.bench("URLSearchParams into a record", {
  group: "parse a query into a record",
  baseline: true,
}, () => {
  for (const qs of queries) recordFromSearchParams(qs);
});

Deno.bench("quote", { group: "percent-encode" }, () => {
  for (const text of texts) quote(text);
});
Deno.bench(
  "encodeURIComponent",
  { group: "percent-encode", baseline: true },
  () => {
    for (const text of texts) encodeURIComponent(text);
  },
);

Deno.bench("unquote", { group: "percent-decode" }, () => {
  for (const text of quoted) unquote(text);
});
Deno.bench(
  "decodeURIComponent",
  { group: "percent-decode", baseline: true },
  () => {
    for (const text of quoted) decodeURIComponent(text);
  },
);
