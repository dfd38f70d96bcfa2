// A program of its own (its runtime is its own), so filling the arena or the
// lock-order graph leaves the other tests alone. Prints one line per acquire
// that threw, then "done".
import { configure, Lock, LockOrderError } from "../../../concurrency/mod.ts";

const [fill, mode] = Deno.args as ["arena" | "edges", "warn" | "throw"];
const a = new Lock({ name: "a" });
const b = new Lock({ name: "b" });

function nested(outer: Lock, inner: Lock): string {
  outer.acquire();
  try {
    inner.acquire();
    inner.release();
    return "ok";
  } catch (error) {
    return error instanceof LockOrderError
      ? "LockOrderError"
      : `${(error as Error).name}: ${(error as Error).message}`;
  } finally {
    outer.release();
  }
}

if (fill === "arena") {
  // Leave no room for the graph, which is allocated when validation first runs.
  const kept: Lock[] = [];
  try {
    while (kept.length < 300_000) kept.push(new Lock());
    console.log("arena never full");
    Deno.exit(0);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  configure({ lockOrder: mode });
  for (let i = 0; i < 3; i++) console.log(nested(a, b));
  console.log(nested(b, a));
} else {
  configure({ lockOrder: mode });
  console.log(nested(a, b));
  // Fill the graph with orders until it stops recording them.
  const locks = Array.from({ length: 1600 }, () => new Lock());
  for (let i = 0; i + 1 < locks.length; i++) {
    const result = nested(locks[i]!, locks[i + 1]!);
    if (result !== "ok") console.log(result);
  }
  // A new order once the graph is full is not checked, never refused.
  console.log(nested(locks[1]!, locks[5]!));
  // An order recorded before the graph filled is still enforced.
  console.log(nested(b, a));
}
console.log("done");
