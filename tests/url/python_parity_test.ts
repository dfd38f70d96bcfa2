/**
 * The differential test: 10,000 generated inputs through our functions and
 * through python3's urllib.parse in one child process; every answer must be
 * identical, and every Python exception must be a thrown error here
 * (UnicodeEncodeError and UnicodeDecodeError as URIError, "Max number of
 * fields exceeded" as RangeError, "bad query field" as TypeError).
 */
import assert from "node:assert/strict";
import {
  parseQs,
  parseQsl,
  type ParseQsOptions,
  quote,
  quoteFromBytes,
  quotePlus,
  unquote,
  unquotePlus,
  unquoteToBytes,
  urlencode,
} from "../../url/mod.ts";
import { type UrlCase, urlCorpus } from "../_helpers/url_corpus.ts";
import { isPythonError, startPython } from "../_helpers/url_python.ts";
import { pythonMissing } from "../_helpers/python.ts";

const SEED = 0x5eed_0005;
const COUNT = 10_000;

const PYTHON = String.raw`
import sys, json, urllib.parse as up
cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))

def call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except Exception as error:
        return ["!", type(error).__name__, str(error)]

COMBOS = [(keep, strict, errors, sep)
          for keep in (False, True) for strict in (False, True)
          for errors in ("replace", "strict") for sep in ("&", ";")]

out = []
for index, case in enumerate(cases):
    text, limit, safe = case["text"], case["maxNumFields"], case["safe"]
    qsl = [call(up.parse_qsl, text, keep, strict, errors=errors,
                max_num_fields=limit, separator=sep)
           for keep, strict, errors, sep in COMBOS]
    keep, strict, errors, sep = COMBOS[index % len(COMBOS)]
    qs = call(up.parse_qs, text, keep, strict, errors=errors,
              max_num_fields=limit, separator=sep)
    quoted = [call(up.quote, text), call(up.quote, text, safe),
              call(up.quote_plus, text), call(up.quote_plus, text, safe)]
    unquoted = [call(up.unquote, text), call(up.unquote, text, errors="strict"),
                call(up.unquote, text, errors="ignore"),
                call(up.unquote_plus, text),
                call(up.unquote_plus, text, errors="strict")]
    pairs = [(k, v) for k, v in case["pairs"]]
    scalar_pairs = [(k, v) for k, v in pairs if isinstance(v, str)]
    encoded = [call(up.urlencode, scalar_pairs),
               call(up.urlencode, pairs, doseq=True),
               call(up.urlencode, pairs, doseq=True, safe=safe,
                    quote_via=up.quote)]
    raw = bytes(case["bytes"])
    as_bytes = call(up.unquote_to_bytes, text)
    if isinstance(as_bytes, bytes):
        as_bytes = as_bytes.hex()
    byte_answers = [call(up.quote_from_bytes, raw, safe), as_bytes,
                    call(up.quote, raw, safe), call(up.unquote, raw)]
    out.append([qsl, qs, quoted, unquoted, encoded, byte_answers])
print(json.dumps(out))
`;

const COMBOS: ParseQsOptions[] = [];
for (const keepBlankValues of [false, true]) {
  for (const strictParsing of [false, true]) {
    for (const errors of ["replace", "strict"] as const) {
      for (const separator of ["&", ";"]) {
        COMBOS.push({ keepBlankValues, strictParsing, errors, separator });
      }
    }
  }
}

function call(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return ["!", (error as Error).name, (error as Error).message];
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Our answers, in exactly the shape the Python script prints. */
function ours(testCase: UrlCase, index: number): unknown[] {
  const { text, safe, pairs } = testCase;
  const maxNumFields = testCase.maxNumFields ?? undefined;
  const qsl = COMBOS.map((combo) =>
    call(() => parseQsl(text, { ...combo, maxNumFields }))
  );
  const qs = call(() =>
    parseQs(text, { ...COMBOS[index % COMBOS.length], maxNumFields })
  );
  const quoted = [
    call(() => quote(text)),
    call(() => quote(text, safe)),
    call(() => quotePlus(text)),
    call(() => quotePlus(text, safe)),
  ];
  const unquoted = [
    call(() => unquote(text)),
    call(() => unquote(text, { errors: "strict" })),
    call(() => unquote(text, { errors: "ignore" })),
    call(() => unquotePlus(text)),
    call(() => unquotePlus(text, { errors: "strict" })),
  ];
  const scalarPairs = pairs.filter(([, v]) => typeof v === "string");
  const encoded = [
    call(() => urlencode(scalarPairs)),
    call(() => urlencode(pairs, { doseq: true })),
    call(() => urlencode(pairs, { doseq: true, safe, quoteVia: quote })),
  ];
  const raw = new Uint8Array(testCase.bytes);
  const asBytes = call(() => unquoteToBytes(text));
  const byteAnswers = [
    call(() => quoteFromBytes(raw, safe)),
    asBytes instanceof Uint8Array ? hex(asBytes) : asBytes,
    call(() => quote(raw, safe)),
    call(() => unquote(raw)),
  ];
  return [qsl, qs, quoted, unquoted, encoded, byteAnswers];
}

/** Which of our error classes each Python exception must come out as. */
function expectedErrorName(pythonName: string, message: string): string {
  if (pythonName === "UnicodeEncodeError") return "URIError";
  if (pythonName === "UnicodeDecodeError") return "URIError";
  if (pythonName === "ValueError" && message.startsWith("Max number")) {
    return "RangeError";
  }
  if (pythonName === "ValueError" && message.startsWith("bad query field")) {
    return "TypeError";
  }
  return `an error mapped from Python's ${pythonName}: ${message}`;
}

/** Compares one answer; returns why it differs, or undefined. */
function differs(theirs: unknown, mine: unknown): string | undefined {
  if (isPythonError(theirs)) {
    const expected = expectedErrorName(theirs[1], theirs[2]);
    if (isPythonError(mine) && mine[1] === expected) return undefined;
    return `python3 raised ${theirs[1]} (${theirs[2]}), expected ${expected}`;
  }
  try {
    assert.deepStrictEqual(
      JSON.parse(JSON.stringify(mine)),
      theirs,
    );
    return undefined;
  } catch {
    return "the answers differ";
  }
}

const LABELS = [
  "parseQsl",
  "parseQs",
  "quote",
  "unquote",
  "urlencode",
  "bytes",
];

const missing = await pythonMissing("urllib.parse");
if (missing) console.log(`Skipping the python3 differential test: ${missing}`);

Deno.test({
  name:
    "parseQs, parseQsl, urlencode, quote, quotePlus, unquote, unquotePlus give python3's answers on 10,000 generated inputs",
  ignore: missing !== undefined,
  async fn(t) {
    const corpus = urlCorpus(SEED, COUNT);
    // python3 computes while we do: start it, then work, then collect.
    const python = await startPython(PYTHON, corpus);
    const mineAll = corpus.map((testCase, index) => ours(testCase, index));
    const answers = await python.answer() as unknown[][];
    assert.equal(answers.length, corpus.length);
    for (const [group, label] of LABELS.entries()) {
      await t.step(`${label} agrees with python3`, () => {
        for (let index = 0; index < corpus.length; index++) {
          const theirs = answers[index]![group] as unknown[];
          const mine = mineAll[index]![group] as unknown[];
          const list = Array.isArray(theirs) && !isPythonError(theirs)
            ? theirs
            : [theirs];
          const mineList = Array.isArray(theirs) && !isPythonError(theirs)
            ? mine
            : [mine];
          for (let k = 0; k < list.length; k++) {
            const why = differs(list[k], mineList[k]);
            if (why !== undefined) {
              assert.fail(
                `${label} #${k} differs on case ${index} (seed ${SEED}): ${why}\n` +
                  `input: ${JSON.stringify(corpus[index])}\n` +
                  `python3: ${JSON.stringify(list[k])}\n` +
                  `wirework: ${JSON.stringify(mineList[k])}`,
              );
            }
          }
        }
      });
    }
  },
});
