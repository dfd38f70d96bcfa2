import assert from "node:assert/strict";
import {
  readResults,
  type StoredComparison,
  verdictLine,
  verdictOf,
} from "../../bench/_results.ts";
import {
  renderSvg,
  renderTable,
  spliceSummary,
  standing,
  SUMMARY_END,
  SUMMARY_START,
} from "../../bench/report.ts";

const BENCH = new URL("../../bench/", import.meta.url);

function stored(fields: Partial<StoredComparison>): StoredComparison {
  return {
    id: "x.y",
    title: "A vs B",
    ratio: 1,
    peer: "B",
    task: "bench:x",
    verdict: "reported",
    measuredAt: "2026-01-01T00:00:00.000Z",
    deno: "2.9.6",
    machine: { cores: 2, os: "linux x86_64", loadAverage: [1, 1, 1] },
    ...fields,
  };
}

Deno.test("bench/README.md's summary table and bench/summary.svg are what bench/results.json renders to", async () => {
  const results = await readResults();
  const readme = await Deno.readTextFile(new URL("README.md", BENCH));
  const regenerated = spliceSummary(readme, renderTable(results));
  const start = readme.indexOf(SUMMARY_START);
  const end = readme.indexOf(SUMMARY_END);
  const squeeze = (text: string) => text.replace(/\s+/g, " ");
  assert.equal(
    squeeze(readme.slice(start, end)),
    squeeze(regenerated.slice(start, regenerated.indexOf(SUMMARY_END))),
    "run deno task bench:report",
  );
  const svg = await Deno.readTextFile(new URL("summary.svg", BENCH));
  assert.equal(svg, renderSvg(results), "run deno task bench:report");
  for (const entry of Object.values(results.comparisons)) {
    assert.equal(entry.verdict, verdictOf(entry), entry.id);
  }
});

Deno.test("a comparison's verdict follows its direction, and a missed one says by how much", () => {
  assert.equal(
    verdictOf({ id: "a", title: "t", peer: "p", ratio: 4 }),
    "reported",
  );
  assert.equal(
    verdictOf({ id: "a", title: "t", peer: "p", ratio: 4, target: 5 }),
    "missed",
  );
  assert.equal(
    verdictOf({
      id: "a",
      title: "t",
      peer: "p",
      ratio: 4,
      target: 5,
      direction: "at-most",
    }),
    "met",
  );
  assert.equal(
    verdictLine({ id: "a", title: "Q", peer: "p", ratio: 4, target: 5 }),
    "missed   Q: 4.00x p (target >= 5.00x), off by 20%",
  );
  assert.equal(
    verdictLine({
      id: "a",
      title: "L",
      peer: "median",
      ratio: 5.5,
      target: 20,
      scale: "ms",
      direction: "at-most",
    }),
    "met      L: 5.5 ms median (target <= 20.0 ms)",
  );
});

Deno.test("the chart puts every comparison on one axis where the target is 1 and more is better", () => {
  assert.equal(standing(stored({ ratio: 10, target: 5 })), 2);
  assert.equal(
    standing(stored({ ratio: 10, target: 5, direction: "at-most" })),
    0.5,
  );
  const svg = renderSvg({
    comparisons: {
      "x.y": stored({
        title: "A very long title ".repeat(8),
        ratio: 3,
        target: 5,
        verdict: "missed",
      }),
    },
  });
  assert.match(svg, /viewBox="0 0 \d+ \d+"/);
  assert.match(svg, /fill="#c62828"/);
  assert.match(svg, /…<\/text>/);
  assert.match(svg, /<title>x\.y: A very long title/);
});

Deno.test("the summary is spliced between its markers only, and missing markers are an error", () => {
  const readme =
    `# B\n\nprose\n\n${SUMMARY_START}\nold\n${SUMMARY_END}\n\nmore prose\n`;
  const next = spliceSummary(readme, "new table");
  assert.ok(next.startsWith("# B\n\nprose\n\n"));
  assert.ok(next.endsWith(`${SUMMARY_END}\n\nmore prose\n`));
  assert.match(next, /new table/);
  assert.doesNotMatch(next, /old/);
  assert.throws(() => spliceSummary("# B\n", "t"), RangeError);
});
