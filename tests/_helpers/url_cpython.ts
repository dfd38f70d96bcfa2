/**
 * CPython's own `urllib.parse` vectors, and its answers, in one python3
 * process: the script wraps the functions of `urllib.parse` with recorders,
 * runs the installed interpreter's `test.test_urlparse` and
 * `test.test_urllib` suites (their assertions do not matter here, only the
 * calls they make), then computes the answer of every recorded call and of
 * every generated call it reads from stdin, and prints them all as JSON.
 *
 * A call is `[function name, { argument: value }]` with Python's argument
 * names, every default filled in. Values travel as JSON, with bytes as
 * `{ b: hex }`, dicts as `{ dict: [[key, value], ...] }` (order kept) and
 * `quote_via` as `{ fn: "quote" }`.
 */

import { startPython } from "./url_python.ts";

/** One call of a `urllib.parse` function, by Python's argument names. */
export type Call = [name: string, args: Record<string, unknown>];

/** A call and python3's answer: a value in the shared shape, or `["!", name, message]`. */
export type Answered = [
  name: string,
  args: Record<string, unknown>,
  answer: unknown,
];

/** What the script prints. */
export interface CpythonAnswers {
  /** Calls recorded from CPython's own test suites, with their answers; empty when the suites are missing. */
  vectors: Answered[];
  /** Why there are no vectors, when there are none. */
  vectorsMissing: string | null;
  /** The generated calls, with their answers. */
  generated: Answered[];
}

const SCRIPT = String.raw`
import sys, json, io, unittest, inspect, urllib.parse as up

NAMES = ["urlsplit", "urlparse", "urlunsplit", "urlunparse", "urljoin",
         "urldefrag", "parse_qs", "parse_qsl", "quote", "quote_plus",
         "quote_from_bytes", "unquote", "unquote_plus", "unquote_to_bytes",
         "urlencode"]
URL_FAMILY = {"urlsplit", "urlparse", "urlunsplit", "urlunparse", "urljoin",
              "urldefrag"}
originals = {name: getattr(up, name) for name in NAMES}
QUOTERS = {"quote": originals["quote"], "quote_plus": originals["quote_plus"]}

def enc(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise TypeError("big int")
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise TypeError("not JSON")
        return value
    if isinstance(value, (bytes, bytearray)):
        return {"b": bytes(value).hex()}
    if isinstance(value, tuple):
        return {"tuple": [enc(item) for item in value]}
    if isinstance(value, list):
        return [enc(item) for item in value]
    if isinstance(value, dict):
        return {"dict": [[enc(k), enc(v)] for k, v in value.items()]}
    for name, fn in QUOTERS.items():
        if value is fn or value is getattr(up, name):
            return {"fn": name}
    raise TypeError("unencodable")

def dec(value):
    if isinstance(value, list):
        return [dec(item) for item in value]
    if isinstance(value, dict):
        if "b" in value:
            return bytes.fromhex(value["b"])
        if "dict" in value:
            return {dec(k): dec(v) for k, v in value["dict"]}
        if "fn" in value:
            return QUOTERS[value["fn"]]
        if "tuple" in value:
            return tuple(dec(item) for item in value["tuple"])
    return value

def is_str_or_bool(value):
    return isinstance(value, (str, bool, int)) and not isinstance(value, bytes)

def expressible(name, args):
    """Whether the JavaScript API can take this call at all."""
    if name in URL_FAMILY:
        for key, value in args.items():
            if key in ("components",):
                items = value.get("tuple") if isinstance(value, dict) else value
                if not (isinstance(items, list) and all(isinstance(x, str) for x in items)):
                    return False
            elif key == "allow_fragments":
                if not isinstance(value, (bool, int)):
                    return False
            elif not isinstance(value, str):
                return False
        return True
    if isinstance(args.get("safe"), dict):
        return False
    if isinstance(args.get("separator"), dict):
        return False
    if name == "urlencode":
        query = args["query"]
        # A list of lists is a TypeError in Python only because it wants
        # tuples; JavaScript has only arrays, so such calls are left out.
        return (isinstance(query, list) and all(
            isinstance(pair, dict) and "tuple" in pair for pair in query
        )) or (isinstance(query, dict) and "dict" in query)
    return True

def plain(value):
    """Tuples as lists, for answers: JavaScript has only arrays."""
    if isinstance(value, dict) and "tuple" in value:
        return [plain(item) for item in value["tuple"]]
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict) and "dict" in value:
        return {"dict": [[plain(k), plain(v)] for k, v in value["dict"]]}
    return value

def answer_shape(result):
    if isinstance(result, (up.SplitResult, up.ParseResult)):
        shape = {"parts": list(result), "geturl": result.geturl()}
        for attribute in ("username", "password", "hostname", "port"):
            try:
                shape[attribute] = getattr(result, attribute)
            except Exception as error:
                shape[attribute] = ["!", type(error).__name__, str(error)]
        return shape
    if isinstance(result, up.DefragResult):
        return {"parts": list(result), "geturl": result.geturl()}
    if isinstance(result, dict):
        return {"dict": [[plain(enc(k)), plain(enc(v))] for k, v in result.items()]}
    return plain(enc(result))

def run(call):
    name, args = call
    fn = originals[name]
    decoded = {key: dec(value) for key, value in args.items()}
    try:
        result = fn(**decoded)
    except Exception as error:
        return ["!", type(error).__name__, str(error)]
    try:
        return answer_shape(result)
    except TypeError:
        return ["!", "Unencodable", repr(result)]

recorded = []
seen = set()

def wrap(name):
    fn = originals[name]
    signature = inspect.signature(fn)
    def wrapper(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            call = [name, {k: enc(v) for k, v in bound.arguments.items()}]
            key = json.dumps(call, sort_keys=True)
            if key not in seen and expressible(*call):
                seen.add(key)
                recorded.append(call)
        except Exception:
            pass
        return fn(*args, **kwargs)
    return wrapper

vectors_missing = None
try:
    import test.test_urlparse, test.test_urllib
    for name in NAMES:
        setattr(up, name, wrap(name))
    loader = unittest.TestLoader()
    # test_urllib's other classes exercise urlopen and proxies, not parsing.
    suite = unittest.TestSuite([loader.loadTestsFromModule(test.test_urlparse)] + [
        loader.loadTestsFromTestCase(getattr(test.test_urllib, name))
        for name in ("QuotingTests", "UnquotingTests", "urlencode_Tests",
                     "Utility_Tests")
        if hasattr(test.test_urllib, name)
    ])
    unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
except ImportError as error:
    vectors_missing = "python3 has no test.test_urlparse / test.test_urllib: " + str(error)
finally:
    for name in NAMES:
        setattr(up, name, originals[name])
    up.clear_cache()

generated = json.loads(sys.stdin.buffer.read().decode("utf-8"))
out = {
    "vectors": [[name, args, run([name, args])] for name, args in recorded],
    "vectorsMissing": vectors_missing,
    "generated": [[name, args, run([name, args])] for name, args in generated],
}
sys.stdout.buffer.write(json.dumps(out).encode("utf-8"))
`;

/**
 * Starts python3 on the generated calls; `answer()` gives CPython's vectors
 * and every answer.
 */
export async function startCpython(
  generated: readonly Call[],
): Promise<{ answer(): Promise<CpythonAnswers> }> {
  const python = await startPython(SCRIPT, generated);
  return {
    answer: async () => (await python.answer()) as CpythonAnswers,
  };
}
