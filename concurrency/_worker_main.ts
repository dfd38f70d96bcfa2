// This module is browser compatible.

/**
 * The bootstrap of every worker that `spawn` starts: it receives the start
 * message (runtime, thread id, name, module URL, args), installs the runtime
 * under the thread id the parent claimed, revives every primitive handle in
 * the args, imports the module, calls its default export with the args, and
 * posts back the result or the error. Then it marks its own thread ended
 * (so its end is seen even when the thread that spawned it has gone) and
 * closes the worker.
 *
 * @module
 */

import { hasRuntime, installRuntime, ThreadState } from "./_runtime.ts";
import { endThread } from "./_park.ts";
import { revive, serializeError, toTransferable } from "./_transfer.ts";
import type { StartMessage, WorkerReply } from "./_messages.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<StartMessage>) => void) | null;
  postMessage(message: WorkerReply): void;
  close(): void;
}

const scope = globalThis as unknown as WorkerScope;

async function run(start: StartMessage): Promise<WorkerReply> {
  try {
    installRuntime(start.runtime, start.threadId);
    const args = revive(start.args) as unknown[];
    const module = await import(start.moduleUrl);
    if (typeof module.default !== "function") {
      throw new TypeError(
        `Cannot run module "${start.moduleUrl}": its default export is not a function`,
      );
    }
    const value = await module.default(...args);
    return { type: "result", ok: true, value: toTransferable(value) };
  } catch (error) {
    return { type: "result", ok: false, error: serializeError(error) };
  }
}

scope.onmessage = async (event) => {
  scope.onmessage = null;
  const reply = await run(event.data);
  if (hasRuntime()) {
    endThread(
      event.data.threadId,
      reply.ok ? ThreadState.FINISHED : ThreadState.DIED,
    );
  }
  try {
    scope.postMessage(reply);
  } catch (error) {
    scope.postMessage({
      type: "result",
      ok: false,
      error: serializeError(
        new TypeError(
          `Cannot send the result of worker "${event.data.name}" back: it cannot be cloned`,
          {
            cause: error,
          },
        ),
      ),
    });
  }
  scope.close();
};
