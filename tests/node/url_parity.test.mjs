// url/ on Node.js: a sample of the Python parity cases (query strings,
// quoting, splitting, joining) against python3's urllib.parse, and fetchUrl's
// typed errors on Node's fetch.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { test } from "node:test";
import { load } from "./_load.mjs";

const {
  fetchUrl,
  parseQs,
  parseQsl,
  quote,
  quotePlus,
  unquote,
  unquotePlus,
  URLError,
  urljoin,
  urlsplit,
} = await load("url");
const { mulberry32 } = await load("random");

const SEED = 0x5eed_0019;
const COUNT = 400;
// Characters that matter to urllib.parse, plus letters, non-ASCII and an
// astral character (a surrogate pair in JavaScript).
const ALPHABET = [
  ..."abcXYZ019-._~ %+&;=?#/:@[]!$'()*,",
  "%2",
  "%41",
  "%e2%82%ac",
  "%zz",
  "é",
  "€",
  "😀",
  "http://",
  "//h.example",
];
const BASES = [
  "http://a/b/c/d;p?q",
  "https://h.example/dir/file?x=1#f",
  "file:///tmp/a",
];

function generate(random) {
  const cases = [];
  for (let index = 0; index < COUNT; index++) {
    let text = "";
    const length = Math.floor(random() * 12);
    for (let char = 0; char < length; char++) {
      text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    }
    cases.push({ text, base: BASES[index % BASES.length] });
  }
  return cases;
}

const PYTHON = String.raw`
import sys, json, urllib.parse as up
cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))

def call(function, *args, **kwargs):
    try:
        result = function(*args, **kwargs)
        return list(result) if isinstance(result, tuple) else result
    except Exception as error:
        return ["!", type(error).__name__]

out = []
for case in cases:
    text, base = case["text"], case["base"]
    out.append({
        "parseQsl": call(up.parse_qsl, text),
        "parseQslBlank": call(up.parse_qsl, text, keep_blank_values=True),
        "parseQs": call(up.parse_qs, text, keep_blank_values=True),
        "quote": call(up.quote, text),
        "quoteNoSafe": call(up.quote, text, safe=""),
        "quotePlus": call(up.quote_plus, text),
        "unquote": call(up.unquote, text),
        "unquotePlus": call(up.unquote_plus, text),
        "urlsplit": call(up.urlsplit, text),
        "urljoin": call(up.urljoin, base, text),
    })
sys.stdout.write(json.dumps(out))
`;

function python(cases) {
  const run = spawnSync("python3", ["-c", PYTHON], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) return { missing: `python3 cannot be started: ${run.error}` };
  assert.equal(run.status, 0, run.stderr);
  return { answers: JSON.parse(run.stdout) };
}

/** Our answer, shaped as python3's: a thrown error becomes ["!", name]. */
function ours(call) {
  try {
    const result = call();
    return JSON.parse(JSON.stringify(result));
  } catch (error) {
    return ["!", error?.name ?? String(error)];
  }
}

const CALLS = {
  parseQsl: ({ text }) => parseQsl(text),
  parseQslBlank: ({ text }) => parseQsl(text, { keepBlankValues: true }),
  parseQs: ({ text }) => parseQs(text, { keepBlankValues: true }),
  quote: ({ text }) => quote(text),
  quoteNoSafe: ({ text }) => quote(text, ""),
  quotePlus: ({ text }) => quotePlus(text),
  unquote: ({ text }) => unquote(text),
  unquotePlus: ({ text }) => unquotePlus(text),
  urlsplit: ({ text }) => [...urlsplit(text)],
  urljoin: ({ base, text }) => urljoin(base, text),
};

test("url/ on Node.js answers as python3's urllib.parse over seeded inputs", (t) => {
  const cases = generate(mulberry32(SEED));
  const { missing, answers } = python(cases);
  if (missing) {
    t.skip(missing);
    return;
  }
  let compared = 0;
  cases.forEach((input, index) => {
    const expected = answers[index];
    for (const [name, call] of Object.entries(CALLS)) {
      const got = ours(() => call(input));
      const want = expected[name];
      if (Array.isArray(want) && want[0] === "!") {
        // Python raised: we must throw too (the class names differ by design).
        assert.equal(got[0], "!", `${name}(${JSON.stringify(input)})`);
      } else {
        assert.deepEqual(got, want, `${name}(${JSON.stringify(input)})`);
      }
      compared++;
    }
  });
  assert.equal(compared, COUNT * Object.keys(CALLS).length);
});

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("fetchUrl() on Node.js reports a refused connection as a URLError with code refused", async () => {
  const port = await closedPort();
  await assert.rejects(
    fetchUrl(`http://127.0.0.1:${port}/`, { timeout: 10_000 }),
    (error) => {
      assert.ok(error instanceof URLError, String(error));
      assert.equal(error.code, "refused");
      return true;
    },
  );
});

test("fetchUrl() on Node.js reads a body from a node:http server", async () => {
  const { createServer: createHttpServer } = await import("node:http");
  const server = createHttpServer((request, response) => {
    response.setHeader("content-type", "text/plain");
    response.end(`you asked for ${request.url}`);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address();
    const result = await fetchUrl(`http://127.0.0.1:${port}/a?b=1`, {
      timeout: 10_000,
    });
    assert.equal(result.status, 200);
    assert.equal(result.text(), "you asked for /a?b=1");
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
