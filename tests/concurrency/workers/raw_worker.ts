// A worker started with `new Worker` (not spawn) for
// tests/concurrency/termination_faults_test.ts: it enters the runtime with
// the ticket registerWorker gave, takes the lock, says "held", then ends as
// the message asks: "close", "throw", or "stay" (until terminated).
import {
  enterThread,
  Lock,
  type LockHandle,
} from "../../../concurrency/mod.ts";
import type { ThreadHandle } from "../../../concurrency/mod.ts";

interface Start {
  ticket: ThreadHandle;
  lock: LockHandle;
  end: "close" | "throw" | "stay";
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<Start>) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
};

scope.onmessage = (event) => {
  const { ticket, lock, end } = event.data;
  enterThread(ticket);
  Lock.from(lock).acquire();
  scope.postMessage("held");
  if (end === "close") scope.close();
  if (end === "throw") throw new Error("raw worker died holding the lock");
};
