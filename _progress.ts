/**
 * A download progress line for the scripts that save a body to a file
 * (`net/http_get.ts` and `url/fetch.ts` with `--output`): bytes so far,
 * rate, and percent and time left when the total is known. On a terminal it
 * redraws one line in place (at most ten times a second); elsewhere it stays
 * quiet and prints one plain summary at the end, so logs are not filled
 * with carriage returns.
 *
 * @module
 */

/** How far a transfer has got. */
export interface ProgressState {
  /** Bytes so far. */
  received: number;
  /** The bytes expected, when known. */
  total: number | undefined;
  /** Milliseconds since the start. */
  elapsedMs: number;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
const BAR_WIDTH = 24;

/**
 * Formats a byte count with a binary unit: `512 B`, `1.5 KiB`, `12.0 MiB`.
 *
 * @param bytes The count.
 * @returns The text.
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * Formats a duration in whole seconds: `7s`, `2m05s`, `1h02m`.
 *
 * @param ms The duration.
 * @returns The text.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  }
  return `${Math.floor(minutes / 60)}h${
    String(minutes % 60).padStart(2, "0")
  }m`;
}

/**
 * Draws the progress line (without a line break): with a bar, percent and
 * time left when the total is known, else bytes, rate and time so far.
 *
 * @param state How far the transfer has got.
 * @returns The line.
 */
export function renderProgress(state: ProgressState): string {
  const { received, total, elapsedMs } = state;
  const rate = elapsedMs > 0 ? received / (elapsedMs / 1000) : 0;
  const speed = `${formatBytes(Math.round(rate))}/s`;
  if (total === undefined || total <= 0) {
    return `${formatBytes(received)}  ${speed}  ${formatDuration(elapsedMs)}`;
  }
  const fraction = Math.min(1, received / total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled);
  const left = rate > 0
    ? formatDuration(((total - received) / rate) * 1000)
    : "--";
  return `[${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${
    formatBytes(received)
  } of ${formatBytes(total)}  ${speed}  ETA ${left}`;
}

/** Where a {@linkcode Progress} writes, and how it tells time. */
export interface ProgressOptions {
  /** The bytes expected, when known. */
  total?: number;
  /** Writes text as it is (no line break added). */
  write(text: string): void;
  /** Whether to redraw a live line (stderr is a terminal). */
  live: boolean;
  /** The clock, in milliseconds. Default `performance.now`. */
  now?: () => number;
  /** The least time between two redraws. Default 100 ms. */
  intervalMs?: number;
  /**
   * When the transfer started, on the clock of `now`, for a report begun
   * once the total is known (after the response head). Default: now.
   */
  startedAt?: number;
}

/** Reports the progress of one transfer. */
export class Progress {
  #options: ProgressOptions;
  #now: () => number;
  #started: number;
  #lastDrawn = -Infinity;
  #received = 0;
  #width = 0;

  /**
   * Starts the clock.
   *
   * @param options Total, output and clock.
   */
  constructor(options: ProgressOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#started = options.startedAt ?? this.#now();
  }

  /**
   * Counts more bytes, and redraws the live line when it is due.
   *
   * @param count Bytes just received.
   */
  add(count: number): void {
    this.#received += count;
    if (!this.#options.live) return;
    const now = this.#now();
    if (now - this.#lastDrawn < (this.#options.intervalMs ?? 100)) return;
    this.#lastDrawn = now;
    this.#draw(now);
  }

  /**
   * Ends the report: the live line drawn one last time and closed, or one
   * plain summary line.
   *
   * @param summary What was done, for the plain line (`saved to out.bin`).
   */
  finish(summary: string): void {
    const now = this.#now();
    if (this.#options.live) {
      this.#draw(now);
      this.#options.write("\n");
      return;
    }
    const elapsed = now - this.#started;
    const rate = elapsed > 0 ? this.#received / (elapsed / 1000) : 0;
    this.#options.write(
      `${formatBytes(this.#received)} (${this.#received} bytes) ${summary} in ${
        (elapsed / 1000).toFixed(2)
      } s, ${formatBytes(Math.round(rate))}/s\n`,
    );
  }

  #draw(now: number): void {
    const line = renderProgress({
      received: this.#received,
      total: this.#options.total,
      elapsedMs: now - this.#started,
    });
    // Pad over the tail of a longer previous line.
    this.#options.write(`\r${line.padEnd(this.#width)}`);
    this.#width = line.length;
  }
}
