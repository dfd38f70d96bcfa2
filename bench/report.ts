#!/usr/bin/env -S deno run --allow-read=bench --allow-write=bench/README.md,bench/summary.svg
/**
 * Renders the benchmark summary from `bench/results.json` alone: the table
 * between the summary markers of `bench/README.md`, and `bench/summary.svg`,
 * a chart of each comparison's standing against its target. Nothing else in
 * the README is touched, and no figure comes from anywhere but the file the
 * comparisons wrote through `bench/_results.ts`.
 *
 * Run: `deno task bench:report` (or `--check` to fail when either output is
 * out of date instead of writing it).
 *
 * @module
 */

import {
  formatRatio,
  readResults,
  type ResultsFile,
  type StoredComparison,
} from "./_results.ts";

/** The comment lines the generated table sits between. */
export const SUMMARY_START = "<!-- summary:start (deno task bench:report) -->";
/** See {@linkcode SUMMARY_START}. */
export const SUMMARY_END = "<!-- summary:end -->";

const README_URL = new URL("./README.md", import.meta.url);
const SVG_URL = new URL("./summary.svg", import.meta.url);

/** Wraps prose at 80 columns, as `deno fmt` does. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > 80) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function formatFigure(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString("en-US");
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function targetText(entry: StoredComparison): string {
  if (entry.target === undefined) return "reported";
  const sign = entry.direction === "at-most" ? "≤" : "≥";
  return `${sign} ${formatRatio(entry.target, entry.scale)}`;
}

function figuresText(entry: StoredComparison): string {
  if (!entry.figures) return "";
  const parts = Object.entries(entry.figures).map(([who, value]) =>
    `${who} ${formatFigure(value)}`
  );
  return `${parts.join(", ")}${entry.unit ? ` ${entry.unit}` : ""}`;
}

function whenText(entry: StoredComparison): string {
  const load = entry.machine.loadAverage?.[0];
  return `${entry.measuredAt.slice(0, 16).replace("T", " ")} UTC, load ${
    load === undefined ? "?" : load.toFixed(1)
  }`;
}

/** The entries in the order both outputs show them: by id. */
function ordered(results: ResultsFile): StoredComparison[] {
  return Object.values(results.comparisons).sort((a, b) =>
    a.id.localeCompare(b.id)
  );
}

/** Renders the Markdown summary table (without the markers). */
export function renderTable(results: ResultsFile): string {
  const entries = ordered(results);
  if (entries.length === 0) {
    return "No comparison recorded yet: run `deno task bench`.";
  }
  const lines = [
    "| comparison | task | figure | target | verdict | figures behind it | measured |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  const notes: string[] = [];
  for (const entry of entries) {
    const figure = `**${formatRatio(entry.ratio, entry.scale)}** ${entry.peer}`;
    const verdict = entry.verdict === "reported" ? "—" : entry.verdict;
    const title = entry.remark
      ? `${entry.title} (note ${notes.push(entry.remark)})`
      : entry.title;
    lines.push(
      `| ${
        [
          title,
          `\`${entry.task}\``,
          figure,
          targetText(entry),
          verdict,
          figuresText(entry),
          whenText(entry),
        ].map(escapeCell).join(" | ")
      } |`,
    );
  }
  const versions = [...new Set(entries.map((entry) => entry.deno))].join(", ");
  const machines = [
    ...new Set(
      entries.map((entry) =>
        `${entry.machine.cores} cores, ${entry.machine.os}`
      ),
    ),
  ].join("; ");
  lines.push("");
  notes.forEach((note, index) =>
    lines.push(
      // Continuation lines line up under the note's text, as deno fmt has it.
      ...wrap(`${index + 1}. ${note}.`, " ".repeat(`${index + 1}. `.length)),
    )
  );
  lines.push(
    "",
    ...wrap(
      `Deno ${versions}; ${machines}. Generated from \`bench/results.json\`.`,
      "",
    ),
  );
  return alignTable(lines.join("\n"));
}

/**
 * Where a comparison stands against its target, as one number where 1 is
 * the target and more is better: ratio ÷ target for "at least" targets,
 * target ÷ ratio for "at most" ones. A figure with no target stands against
 * parity (1x) the same way.
 */
export function standing(entry: StoredComparison): number {
  const target = entry.target ?? 1;
  return entry.direction === "at-most"
    ? target / entry.ratio
    : entry.ratio / target;
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Renders the chart: one bar per comparison on a log axis, the target at 1. */
export function renderSvg(results: ResultsFile): string {
  const entries = ordered(results);
  const width = 960;
  const labelWidth = 430;
  const valueWidth = 190;
  const plotLeft = labelWidth + 10;
  const plotWidth = width - plotLeft - valueWidth;
  const rowHeight = 24;
  const top = 48;
  const height = top + Math.max(1, entries.length) * rowHeight + 40;
  const logs = entries.map((entry) => Math.log10(standing(entry)));
  const low = Math.floor(Math.min(-1, ...logs));
  const high = Math.ceil(Math.max(1, ...logs));
  const x = (log: number): number =>
    plotLeft + ((log - low) / (high - low)) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" font-family="sans-serif" font-size="12">`,
    `<title>wirework benchmarks: each comparison against its target</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Each comparison against its target (log scale; right of the line is better)</text>`,
    `<text x="10" y="38" fill="#555">green: met, red: missed, grey: reported against parity (no target)</text>`,
  ];
  for (let decade = low; decade <= high; decade++) {
    const at = x(decade).toFixed(1);
    parts.push(
      `<line x1="${at}" y1="${top - 4}" x2="${at}" y2="${
        height - 32
      }" stroke="#e5e5e5"/>`,
      `<text x="${at}" y="${height - 18}" text-anchor="middle" fill="#555">${
        decade === 0
          ? "target"
          : `${decade > 0 ? "" : "1/"}${10 ** Math.abs(decade)}x`
      }</text>`,
    );
  }
  entries.forEach((entry, row) => {
    const y = top + row * rowHeight;
    const color = entry.verdict === "met"
      ? "#2e7d32"
      : entry.verdict === "missed"
      ? "#c62828"
      : "#9e9e9e";
    const from = x(0);
    const to = x(logs[row]!);
    const label = `${entry.title}`;
    parts.push(
      `<g><title>${escapeXml(`${entry.id}: ${label}`)}</title>`,
      `<text x="10" y="${y + 15}">${escapeXml(truncate(label, 62))}</text>`,
      `<rect x="${Math.min(from, to).toFixed(1)}" y="${y + 4}" width="${
        Math.max(1, Math.abs(to - from)).toFixed(1)
      }" height="${rowHeight - 8}" fill="${color}"/>`,
      `<text x="${plotLeft + plotWidth + 8}" y="${y + 15}">${
        escapeXml(
          `${formatRatio(entry.ratio, entry.scale)} (${targetText(entry)})`,
        )
      }</text></g>`,
    );
  });
  const line = x(0).toFixed(1);
  parts.push(
    `<line x1="${line}" y1="${top - 4}" x2="${line}" y2="${
      height - 32
    }" stroke="#000" stroke-width="2"/>`,
    "</svg>",
    "",
  );
  return parts.join("\n");
}

/** Replaces what lies between the summary markers of `readme` with `table`. */
export function spliceSummary(readme: string, table: string): string {
  const start = readme.indexOf(SUMMARY_START);
  const end = readme.indexOf(SUMMARY_END);
  if (start === -1 || end < start) {
    throw new RangeError(
      `Cannot find the summary markers "${SUMMARY_START}" and "${SUMMARY_END}" in bench/README.md`,
    );
  }
  return `${readme.slice(0, start + SUMMARY_START.length)}\n\n${table}\n\n${
    readme.slice(end)
  }`;
}

/**
 * Writes the table and the chart, or with `--check` says whether they are
 * up to date (exit 1 when not).
 *
 * @param args Command-line arguments.
 */
export async function main(args: string[]): Promise<void> {
  const check = args.includes("--check");
  const results = await readResults();
  const readme = await Deno.readTextFile(README_URL);
  const table = renderTable(results);
  const nextReadme = spliceSummary(readme, table);
  const nextSvg = renderSvg(results);
  if (check) {
    let svg = "";
    try {
      svg = await Deno.readTextFile(SVG_URL);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    const stale = [
      nextReadme === readme ? "" : "bench/README.md",
      nextSvg === svg ? "" : "bench/summary.svg",
    ].filter(Boolean);
    if (stale.length > 0) {
      console.error(
        `${stale.join(" and ")} out of date: run deno task bench:report`,
      );
      Deno.exitCode = 1;
    }
    return;
  }
  await Deno.writeTextFile(README_URL, nextReadme);
  await Deno.writeTextFile(SVG_URL, nextSvg);
  console.log(
    `bench/README.md and bench/summary.svg: ${
      Object.keys(results.comparisons).length
    } comparisons`,
  );
}

/** Pads the table's columns as `deno fmt` would, so the README stays formatted. */
function alignTable(table: string): string {
  const rows = table.split("\n");
  const tableRows = rows.filter((line) => line.startsWith("|"));
  const cells = tableRows.map((line) => line.slice(2, -2).split(/(?<!\\) \| /));
  const widths = cells[0]?.map((_, column) =>
    Math.max(
      3,
      ...cells.map((row, index) =>
        index === 1 ? 3 : displayWidth(row[column] ?? "")
      ),
    )
  ) ?? [];
  const padded = cells.map((row, index) =>
    `| ${
      row.map((cell, column) =>
        index === 1
          ? "-".repeat(widths[column]!)
          : cell + " ".repeat(widths[column]! - displayWidth(cell))
      ).join(" | ")
    } |`
  );
  let next = 0;
  return rows.map((line) => line.startsWith("|") ? padded[next++]! : line)
    .join("\n");
}

function displayWidth(text: string): number {
  return [...text].length;
}

if (import.meta.main) await main(Deno.args);
