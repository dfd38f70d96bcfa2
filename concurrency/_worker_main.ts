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

/** Posts the first reply only: the result, or an error nobody caught. */
let replied = false;

/**
 * An error thrown where no caller catches it (a timer's callback, a promise
 * nobody awaits) ends the worker: report it as the result's error, with its
 * class, fields and stack, instead of letting it reach the parent as an
 * `ErrorEvent` that carries its text only.
 */
function failUncaught(event: Event, error: unknown): void {
  if (replied) return;
  event.preventDefault();
  replied = true;
  scope.postMessage({
    type: "result",
    ok: false,
    error: serializeError(error),
  });
  scope.close();
}

addEventListener(
  "error",
  (event) => failUncaught(event, (event as ErrorEvent).error),
);
addEventListener(
  "unhandledrejection",
  (event) => failUncaught(event, (event as PromiseRejectionEvent).reason),
);

scope.onmessage = async (event) => {
  scope.onmessage = null;
  const reply = await run(event.data);
  if (replied) return;
  replied = true;
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
