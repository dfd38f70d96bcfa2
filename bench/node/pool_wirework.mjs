// wirework's WorkerPool on Node.js, the same measurement as
// pool_piscina.mjs on the same runtime: no-op tasks/s (by burst size) and
// submit→result latency for a pool of 2, printed as one JSON line. The first
// argument is concurrency/ built for Node.js (bench/pool_compare.ts builds
// it into bench/.out/).
const [
  moduleUrl,
  tasks = "20000",
  samples = "2000",
  rounds = "3",
  bursts = "20000,256",
] = process.argv.slice(2);
const { WorkerPool } = await import(moduleUrl);
const pool = new WorkerPool(new URL("./pool_noop_task.mjs", import.meta.url), {
  size: 2,
});

// Warm up: both threads started and the task module loaded.
await Promise.all(Array.from({ length: 64 }, () => pool.submit([])));

// Throughput for each burst size: `tasks` tasks submitted `burst` at a
// time, each burst awaited before the next; the best of `rounds`.
const throughput = {};
for (const burst of bursts.split(",").map(Number)) {
  let best = 0;
  for (let round = 0; round < Number(rounds); round++) {
    const start = performance.now();
    for (let done = 0; done < Number(tasks); done += burst) {
      const pending = [];
      for (let i = 0; i < burst; i++) pending.push(pool.submit([]));
      await Promise.all(pending);
    }
    best = Math.max(best, Number(tasks) / ((performance.now() - start) / 1000));
  }
  throughput[burst] = best;
}

const latencies = [];
for (let i = 0; i < Number(samples); i++) {
  const start = performance.now();
  await pool.submit([]);
  latencies.push((performance.now() - start) * 1000);
}
latencies.sort((a, b) => a - b);
const at = (q) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(
  JSON.stringify({ throughput, p50: at(0.5), p99: at(0.99) }),
);
await pool.shutdown();
