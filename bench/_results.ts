/**
 * One way for every side-by-side benchmark to say how it went: a verdict
 * line per comparison on stdout (`met` or `missed`, the figure and the
 * target), and the figures merged into `bench/results.json`, from which
 * `bench/README.md`'s summary is generated. No figure is typed by hand.
 *
 * A benchmark calls {@linkcode recordComparisons} once, at its end, with
 * every comparison it measured. Writing needs
 * `--allow-read=bench --allow-write=bench/results.json`; without them the
 * verdicts still print and the file is left alone (one line says so).
 *
 * @module
 */

/** One measured ratio against a peer, and the target it is held to. */
export interface Comparison {
  /** A stable id, dotted, module first: `http.keep_alive.floor.1`. */
  id: string;
  /** What was compared, as a reader of the summary table would say it. */
  title: string;
  /** The measured ratio, wirework over the peer (what the target is about). */
  ratio: number;
  /** The ratio to reach; `undefined` for a figure reported without a target. */
  target?: number;
  /**
   * How `ratio` and `target` read: `x` (a ratio, the default), or a time
   * unit (`ms`, `µs`) for a latency held to a bound rather than to a peer.
   */
  scale?: "x" | "ms" | "µs";
  /** Whether the ratio must be at least (the default) or at most the target. */
  direction?: "at-least" | "at-most";
  /** The peer the ratio is against, as the table names it: `fetch`, `python3`. */
  peer: string;
  /** The raw figures behind the ratio, by who made them: `{ wirework: 80123, fetch: 30567 }`. */
  figures?: Record<string, number>;
  /** The unit of `figures`: `requests/s`, `ns/op`. */
  unit?: string;
  /** Why a missed target was missed, or anything a reader needs to weigh the figure. */
  remark?: string;
}

/** A comparison as stored in `bench/results.json`. */
export interface StoredComparison extends Comparison {
  /** The module's bench task that measured it: `bench:http`. */
  task: string;
  /** `met`, `missed`, or `reported` when there is no target. */
  verdict: "met" | "missed" | "reported";
  /** When it was measured (ISO 8601). */
  measuredAt: string;
  /** The Deno version that ran it. */
  deno: string;
  /** The machine: cores, OS, and the load average when it was measured. */
  machine: { cores: number; os: string; loadAverage: number[] | null };
}

/** The shape of `bench/results.json`. */
export interface ResultsFile {
  /** Comparisons by id; each run replaces the ids it measured. */
  comparisons: Record<string, StoredComparison>;
}

/** Where the figures are kept. */
export const RESULTS_URL: URL = new URL("./results.json", import.meta.url);

/** Says whether a comparison met its target. */
export function verdictOf(comparison: Comparison): StoredComparison["verdict"] {
  if (comparison.target === undefined) return "reported";
  const met = comparison.direction === "at-most"
    ? comparison.ratio <= comparison.target
    : comparison.ratio >= comparison.target;
  return met ? "met" : "missed";
}

/** Formats a ratio as the tables show it: `1.23x`, or `5.5 ms` for a latency. */
export function formatRatio(
  ratio: number,
  scale: Comparison["scale"] = "x",
): string {
  if (scale !== "x") return `${ratio.toFixed(ratio >= 100 ? 0 : 1)} ${scale}`;
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(2)}x`;
}

/** The one line a comparison prints. */
export function verdictLine(comparison: Comparison): string {
  const verdict = verdictOf(comparison);
  const scale = comparison.scale;
  const figure = `${formatRatio(comparison.ratio, scale)} ${comparison.peer}`;
  if (verdict === "reported") {
    return `reported ${comparison.title}: ${figure}`;
  }
  const sign = comparison.direction === "at-most" ? "<=" : ">=";
  const target = `target ${sign} ${formatRatio(comparison.target!, scale)}`;
  let line = `${verdict.padEnd(8)} ${comparison.title}: ${figure} (${target})`;
  if (verdict === "missed") {
    const shortBy = Math.abs(comparison.ratio / comparison.target! - 1);
    line += `, off by ${(shortBy * 100).toFixed(0)}%`;
  }
  return line;
}

function loadAverage(): number[] | null {
  try {
    return Deno.loadavg();
  } catch {
    return null;
  }
}

/**
 * Prints a verdict line for each comparison and merges them into
 * `bench/results.json`.
 *
 * @param task The bench task that measured them (`bench:http`).
 * @param comparisons What was measured.
 * @returns The stored comparisons.
 */
export async function recordComparisons(
  task: string,
  comparisons: readonly Comparison[],
): Promise<StoredComparison[]> {
  const machine = {
    cores: navigator.hardwareConcurrency,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    loadAverage: loadAverage(),
  };
  const measuredAt = new Date().toISOString();
  const stored = comparisons.map((comparison): StoredComparison => ({
    ...comparison,
    task,
    verdict: verdictOf(comparison),
    measuredAt,
    deno: Deno.version.deno,
    machine,
  }));
  console.log("");
  for (const comparison of comparisons) console.log(verdictLine(comparison));
  try {
    const file = await readResults();
    for (const entry of stored) file.comparisons[entry.id] = entry;
    const sorted = Object.fromEntries(
      Object.entries(file.comparisons).sort(([a], [b]) => a.localeCompare(b)),
    );
    await Deno.writeTextFile(
      RESULTS_URL,
      JSON.stringify({ comparisons: sorted }, null, 2) + "\n",
    );
  } catch (error) {
    if (!(error instanceof Deno.errors.NotCapable)) throw error;
    console.log(
      "bench/results.json left unchanged: run with --allow-read=bench --allow-write=bench/results.json to record these figures",
    );
  }
  return stored;
}

/** Reads `bench/results.json`, or an empty record when there is none. */
export async function readResults(): Promise<ResultsFile> {
  try {
    return JSON.parse(await Deno.readTextFile(RESULTS_URL)) as ResultsFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { comparisons: {} };
    throw error;
  }
}
