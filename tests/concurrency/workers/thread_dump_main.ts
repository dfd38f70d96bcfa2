// A process for tests/concurrency/thread_dump_test.ts: a worker parked on
// an Event that nobody sets, a thread dump on SIGQUIT, and "stop" on stdin
// to end it all (a bound of 30 s if nothing comes).
import {
  Event,
  installThreadDump,
  spawn,
  threadDump,
} from "../../../concurrency/mod.ts";

const event = new Event({ name: "never" });
const worker = spawn(new URL("./thread_dump_worker.ts", import.meta.url), {
  name: "parked-worker",
  args: ["event", event],
});
using _ = installThreadDump({ signal: "SIGQUIT" });
const deadline = setTimeout(() => Deno.exit(3), 30_000);
// Ready once the worker is parked.
while (!parked()) {
  await new Promise((resolve) => setTimeout(resolve, 5));
}
console.log("ready");
const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream())
  .getReader();
let input = "";
while (!input.includes("stop\n")) {
  const { value, done } = await reader.read();
  if (done) break;
  input += value;
}
reader.releaseLock();
event.set();
await worker.result;
clearTimeout(deadline);
console.log("stopped");

function parked(): boolean {
  return threadDump().threads.some((thread) =>
    thread.name === "parked-worker" && thread.state === "parked"
  );
}
