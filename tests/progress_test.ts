import assert from "node:assert/strict";
import {
  formatBytes,
  formatDuration,
  Progress,
  renderProgress,
} from "../_progress.ts";

Deno.test("formatBytes() and formatDuration() pick binary units and minutes", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(5 * 1024 * 1024 * 1024), "5.0 GiB");
  assert.equal(formatDuration(7_400), "7s");
  assert.equal(formatDuration(125_000), "2m05s");
  assert.equal(formatDuration(3_720_000), "1h02m");
});

Deno.test("renderProgress() shows a bar, percent, rate and ETA when the total is known", () => {
  const line = renderProgress({
    received: 1024 * 1024,
    total: 4 * 1024 * 1024,
    elapsedMs: 2000,
  });
  assert.equal(
    line,
    "[======                  ]  25%  1.0 MiB of 4.0 MiB  512.0 KiB/s  ETA 6s",
  );
});

Deno.test("renderProgress() shows bytes, rate and time when the total is unknown", () => {
  assert.equal(
    renderProgress({ received: 3072, total: undefined, elapsedMs: 1500 }),
    "3.0 KiB  2.0 KiB/s  2s",
  );
});

Deno.test("Progress redraws one live line at most once per interval, then ends it", () => {
  let clock = 0;
  let written = "";
  const progress = new Progress({
    total: 1000,
    live: true,
    now: () => clock,
    write: (text) => written += text,
  });
  for (let step = 0; step < 10; step++) {
    clock += 30;
    progress.add(100);
  }
  const draws = written.split("\r").length - 1;
  // 300 ms of updates every 30 ms, redrawn at most every 100 ms.
  assert.ok(draws >= 3 && draws <= 4, `drew ${draws} times`);
  progress.finish("saved");
  assert.match(written, /\r\[={24}\] 100% {2}1000 B of 1000 B .*\n$/);
  assert.ok(!written.includes("saved"));
});

Deno.test("Progress off a terminal stays quiet and prints one summary", () => {
  let clock = 0;
  let written = "";
  const progress = new Progress({
    live: false,
    now: () => clock,
    write: (text) => written += text,
  });
  progress.add(2048);
  clock = 500;
  progress.add(2048);
  assert.equal(written, "");
  progress.finish("saved to out.bin");
  assert.equal(
    written,
    "4.0 KiB (4096 bytes) saved to out.bin in 0.50 s, 8.0 KiB/s\n",
  );
});

Deno.test("Progress begun after the head counts its time from startedAt", () => {
  let clock = 1000;
  let written = "";
  const progress = new Progress({
    live: false,
    now: () => clock,
    startedAt: 0,
    write: (text) => written += text,
  });
  progress.add(4096);
  clock = 2000;
  progress.finish("saved to out.bin");
  assert.equal(
    written,
    "4.0 KiB (4096 bytes) saved to out.bin in 2.00 s, 2.0 KiB/s\n",
  );
});
