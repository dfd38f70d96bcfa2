/**
 * wirework's HTTP client against llhttp, through Node's `node:http` client:
 * the same response bytes, served on loopback to both, must get the same
 * verdict (accept or reject) and, when accepted, the same status and body.
 * Where wirework differs on purpose, `KNOWN_DIFFERENCES` says why; the
 * README's table of differences lists the same rows.
 */
import assert from "node:assert/strict";
import {
  type DifferentialCase,
  type Disagreement,
  generateCase,
  nodeMissing,
  runDifferential,
  TRUNCATION_BASES,
  truncations,
} from "../_helpers/net_http_differential.ts";
import { mulberry32 } from "../_helpers/random.ts";
import { SOAK } from "../_helpers/soak.ts";

const GENERATED = SOAK ? 30_000 : 1_200;
const SEED = 0x5eed_1;
const PARALLEL = 24;

const NODE_MISSING = await nodeMissing();
if (NODE_MISSING !== undefined) {
  console.log(`http_differential_test: skipped, ${NODE_MISSING}`);
}

/** The head sections of a raw response (interim ones too), roughly. */
function heads(raw: string): string[] {
  return raw.split(/\r?\n\r?\n/).filter((part) => /^HTTP\//.test(part));
}

/**
 * Where wirework deliberately differs from llhttp: which way, and a test on
 * the raw bytes that recognises the case. Each row is in the README.
 */
const KNOWN_DIFFERENCES: {
  why: string;
  wirework: "accept" | "reject";
  applies(raw: string): boolean;
}[] = [
  {
    why:
      "obs-fold in headers or trailers: RFC 9112 §5.2 has a user agent replace it with SP",
    wirework: "accept",
    applies: (raw) => /\r?\n[ \t]/.test(raw),
  },
  {
    why: "repeated identical Content-Length: RFC 9110 §8.6 allows them",
    wirework: "accept",
    applies: (raw) =>
      heads(raw).some((head) => {
        const values = [...head.matchAll(/\ncontent-length:([^\r\n]*)/gi)]
          .flatMap((match) => match[1]!.split(","))
          .map((value) => value.trim());
        return values.length > 1 && new Set(values).size === 1;
      }),
  },
  {
    why: "a control character in the reason phrase: RFC 9112 §4",
    wirework: "reject",
    applies: (raw) =>
      heads(raw).some((head) =>
        [...head.split("\r\n")[0]!].some((char) => {
          const code = char.charCodeAt(0);
          return (code < 0x20 && code !== 0x09) || code === 0x7f;
        })
      ),
  },
  {
    why: "a status below 100: RFC 9110 §15",
    wirework: "reject",
    applies: (raw) => /(^|\n)HTTP\/\d\.\d 0\d\d/.test(raw),
  },
  {
    why:
      "a version other than HTTP/1.0 or 1.1 (HTTP/0.9, HTTP/2.0, RTSP/1.1): RFC 9112 §2.3",
    wirework: "reject",
    applies: (raw) =>
      !/^(\r\n)*HTTP\/1\.[01] /.test(raw) ||
      heads(raw).some((head) => !/^HTTP\/1\.[01] /.test(head)),
  },
  {
    why:
      "Transfer-Encoding in an HTTP/1.0 response: RFC 9112 §6.1, faulty framing",
    wirework: "reject",
    applies: (raw) =>
      heads(raw).some((head) =>
        head.startsWith("HTTP/1.0") && /\ntransfer-encoding:/i.test(head)
      ),
  },
  {
    why:
      "an empty element in Transfer-Encoding (chunked,): RFC 9110 §5.6.1 skips it, llhttp does not; refused as a smuggling vector",
    wirework: "reject",
    applies: (raw) =>
      heads(raw).some((head) =>
        [...head.matchAll(/\ntransfer-encoding:([^\r\n]*)/gi)].some((match) =>
          match[1]!.split(",").some((coding) => coding.trim() === "")
        )
      ),
  },
  {
    why: "chunked applied twice: RFC 9112 §7.1, a smuggling vector",
    wirework: "reject",
    applies: (raw) =>
      heads(raw).some((head) =>
        [...head.matchAll(/\ntransfer-encoding:([^\r\n]*)/gi)]
          .flatMap((match) => match[1]!.split(","))
          .filter((coding) => coding.trim().toLowerCase() === "chunked")
          .length > 1
      ),
  },
  {
    why:
      "whitespace around ; and = in chunk extensions: RFC 9112 §7.1.1 has BWS there",
    wirework: "accept",
    applies: (raw) =>
      raw.split("\r\n").some((line) =>
        /^[0-9a-fA-F]+([ \t]*;[ \t]*[-!#$%&'*+.^_`|~0-9A-Za-z]+([ \t]*=[ \t]*("([^"\\]|\\.)*"|[-!#$%&'*+.^_`|~0-9A-Za-z]*))?)*[ \t]*$/
          .test(line) && /[ \t]/.test(line)
      ),
  },
  {
    why:
      "a 101 nobody asked for: RFC 9110 §15.2.2 (node:http returns it as the response)",
    wirework: "reject",
    applies: (raw) => /(^|\n)HTTP\/1\.[01] 101/.test(raw),
  },
];

function excused(disagreement: Disagreement): boolean {
  const ours = disagreement.wirework.verdict;
  if (ours === disagreement.node.verdict) return false;
  return KNOWN_DIFFERENCES.some((difference) =>
    difference.wirework === ours && difference.applies(disagreement.case.raw)
  );
}

function report(disagreements: Disagreement[]): string {
  const kinds = new Map<string, number>();
  for (const { case: served, wirework, node } of disagreements) {
    const kind = `${
      served.tags.join("+")
    }: wirework ${wirework.verdict}s, reference ${node.verdict}s`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const summary = [...kinds].map(([kind, count]) => `${count} x ${kind}`);
  return summary.join("\n") + "\n" +
    disagreements.slice(0, 10).map((disagreement) =>
      JSON.stringify({
        id: disagreement.case.id,
        tags: disagreement.case.tags,
        mode: disagreement.mode,
        method: disagreement.case.method,
        raw: disagreement.case.raw.slice(0, 400),
        wirework: disagreement.wirework,
        node: disagreement.node,
      })
    ).join("\n");
}

function assertAgreement(disagreements: Disagreement[], total: number): void {
  const unexplained = disagreements.filter((one) => !excused(one));
  assert.equal(
    unexplained.length,
    0,
    `${unexplained.length} of ${total} served cases disagree with the reference and are not in KNOWN_DIFFERENCES:\n${
      report(unexplained)
    }`,
  );
}

Deno.test({
  name:
    "HttpClient agrees with node:http (llhttp) on generated responses, served whole and byte by byte",
  ignore: NODE_MISSING !== undefined,
  async fn() {
    const random = mulberry32(SEED);
    const cases: DifferentialCase[] = Array.from(
      { length: GENERATED },
      (_, index) => generateCase(random, `gen-${index}`),
    );
    const run = await runDifferential(cases, ["whole", "bytes"], PARALLEL);
    assertAgreement(run.disagreements, cases.length * 2);
    // The mutations must reach both verdicts, or agreeing proves little.
    assert.ok(run.accepted > cases.length / 2, `${run.accepted} accepted`);
    assert.ok(run.rejected > cases.length / 2, `${run.rejected} rejected`);
  },
});

Deno.test({
  name:
    "HttpClient agrees with node:http on every truncation of valid responses",
  ignore: NODE_MISSING !== undefined,
  async fn() {
    const cases = TRUNCATION_BASES.flatMap(truncations);
    const run = await runDifferential(cases, ["whole"], PARALLEL);
    assertAgreement(run.disagreements, cases.length);
    assert.ok(run.accepted > 0 && run.rejected > 0);
  },
});

interface CorpusCase {
  id: string;
  raw: string;
  method: string;
  expect:
    | { verdict: "accept"; status: number; body: string }
    | { verdict: "reject"; ref: string };
}

const CORPUS_URL = new URL(
  "../../../shared/corpora/http_responses_llhttp.json",
  import.meta.url,
);
let corpus: CorpusCase[] | undefined;
try {
  corpus = JSON.parse(await Deno.readTextFile(CORPUS_URL)).cases;
} catch (error) {
  if (
    !(error instanceof Deno.errors.NotFound ||
      error instanceof Deno.errors.NotCapable)
  ) {
    throw error;
  }
  console.log(
    `http_differential_test: llhttp's corpus is skipped, ${CORPUS_URL.pathname} cannot be read (${
      (error as Error).name
    })`,
  );
}

Deno.test({
  name:
    "HttpClient gives llhttp's recorded verdicts on llhttp's own response cases, served whole and byte by byte",
  ignore: corpus === undefined,
  async fn() {
    const expected = new Map<DifferentialCase, CorpusCase["expect"]>();
    const cases: DifferentialCase[] = corpus!.map((entry) => {
      const served = {
        id: entry.id,
        raw: entry.raw,
        method: entry.method,
        tags: ["llhttp corpus"],
      };
      expected.set(served, entry.expect);
      return served;
    });
    const run = await runDifferential(
      cases,
      ["whole", "bytes"],
      PARALLEL,
      (served) => {
        const expect = expected.get(served)!;
        return expect.verdict === "accept"
          ? expect
          : { verdict: "reject", error: expect.ref };
      },
    );
    assertAgreement(run.disagreements, cases.length * 2);
    assert.equal(run.accepted + run.rejected, cases.length * 2);
  },
});
