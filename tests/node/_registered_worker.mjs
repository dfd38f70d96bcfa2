// A node:worker_threads worker for register_worker.test.mjs: joins the
// runtime with the ticket registerWorker gave for it (its first message),
// takes the lock it is sent, says so, and then ends its thread holding it
// ("exit") or blocks in Atomics.wait until it is terminated ("block").
import { parentPort, workerData } from "node:worker_threads";
import { load } from "./_load.mjs";

const { enterThread, Event, Lock } = await load("concurrency");

const WAIT_MS = 30_000;
const { lock, holding, ending, exitCode } = workerData;

parentPort.once("message", (ticket) => {
  enterThread(ticket);
  Lock.from(lock).acquire({ timeout: WAIT_MS });
  Event.from(holding).set();
  if (ending === "exit") process.exit(exitCode);
  // Blocked outside concurrency/: only Node.js's terminate() ends this.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAIT_MS);
});
