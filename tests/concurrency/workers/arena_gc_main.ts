// Run by tests/concurrency/arena_test.ts with --expose-gc: creates Locks and
// drops them without dispose(), letting the garbage collector and the
// finalizers free them; prints the arena's pages before and after as JSON.
import { arenaUsage } from "../../../concurrency/_arena.ts";
import { Lock } from "../../../concurrency/mod.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("Run with --v8-flags=--expose-gc");
  Deno.exit(2);
}

const cycles = Number(Deno.args[0] ?? 200_000);
// A few hundred collections in all, whatever the count.
const batch = Math.max(10_000, Math.ceil(cycles / 200));
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

async function collect(): Promise<void> {
  // Finalizers run in tasks after a collection: give them a few turns.
  for (let i = 0; i < 3; i++) {
    gc!();
    await turn();
  }
}

for (let i = 0; i < batch; i++) new Lock();
await collect();
const pagesAtStart = arenaUsage().next;
for (let done = 0; done < cycles; done += batch) {
  for (let i = 0; i < batch; i++) new Lock().acquire({ blocking: false });
  await collect();
}
console.log(JSON.stringify({ pagesAtStart, pagesAtEnd: arenaUsage().next }));
