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
import { type WorkerScope, workerScope } from "./_worker_scope.ts";

type Scope = WorkerScope<StartMessage, WorkerReply>;

/** The reply of a worker that ended with `error`. */
function failure(error: unknown): WorkerReply {
  return { type: "result", ok: false, error: serializeError(error) };
}

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
    return failure(error);
  }
}

/** Posts the first reply only: the result, or an error nobody caught. */
let replied = false;

function main(scope: Scope): void {
  /**
   * An error thrown where no caller catches it (a timer's callback, a
   * promise nobody awaits) ends the worker: report it as the result's error,
   * with its class, fields and stack, instead of letting it reach the parent
   * as an `ErrorEvent` that carries its text only.
   */
  scope.onUncaught((error) => {
    if (replied) return false;
    replied = true;
    scope.postMessage(failure(error));
    scope.close();
    return true;
  });

  scope.listen(async (start) => {
    scope.listen(() => {});
    const reply = await run(start);
    if (replied) return;
    replied = true;
    if (hasRuntime()) {
      endThread(
        start.threadId,
        reply.ok ? ThreadState.FINISHED : ThreadState.DIED,
      );
    }
    try {
      scope.postMessage(reply);
    } catch (error) {
      scope.postMessage(failure(
        new TypeError(
          `Cannot send the result of worker "${start.name}" back: it cannot be cloned`,
          { cause: error },
        ),
      ));
    }
    scope.close();
  });
}

// On Node.js before 20.16, node:worker_threads comes by import(): its port
// holds messages until it is listened to.
const scope = workerScope<StartMessage, WorkerReply>();
if (scope instanceof Promise) scope.then(main);
else main(scope);
