// A whole program for the daemon test, run as a child process: it starts a
// daemon worker parked for ever (and, with "spin", one spinning in its own
// code), prints "main done" and returns. The process must exit by itself.
import { spawn } from "../../../concurrency/mod.ts";

const worker = spawn(new URL("./interrupt_worker.ts", import.meta.url), {
  args: [
    Deno.args[0] === "spin" ? "spin-forever" : "sleep",
    null,
    new Int32Array(new SharedArrayBuffer(8)),
  ],
  daemon: true,
});
console.log(`daemon ${worker.daemon}`);
await new Promise((resolve) => setTimeout(resolve, 100));
console.log("main done");
