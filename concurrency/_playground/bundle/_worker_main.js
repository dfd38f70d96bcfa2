import {
  workerScope
} from "./chunk-6FZHZGY5.js";
import {
  ThreadState,
  endThread,
  hasRuntime,
  installRuntime,
  revive,
  serializeError,
  toTransferable
} from "./chunk-X45FABSL.js";

// concurrency/_worker_main.ts
async function run(start) {
  try {
    installRuntime(start.runtime, start.threadId);
    const args = revive(start.args);
    const module = await import(start.moduleUrl);
    if (typeof module.default !== "function") {
      throw new TypeError(`Cannot run module "${start.moduleUrl}": its default export is not a function`);
    }
    const value = await module.default(...args);
    return {
      type: "result",
      ok: true,
      value: toTransferable(value)
    };
  } catch (error) {
    return {
      type: "result",
      ok: false,
      error: serializeError(error)
    };
  }
}
var replied = false;
function main(scope2) {
  scope2.onUncaught((error) => {
    if (replied) return false;
    replied = true;
    scope2.postMessage({
      type: "result",
      ok: false,
      error: serializeError(error)
    });
    scope2.close();
    return true;
  });
  scope2.listen(async (start) => {
    scope2.listen(() => {
    });
    const reply = await run(start);
    if (replied) return;
    replied = true;
    if (hasRuntime()) {
      endThread(start.threadId, reply.ok ? ThreadState.FINISHED : ThreadState.DIED);
    }
    try {
      scope2.postMessage(reply);
    } catch (error) {
      scope2.postMessage({
        type: "result",
        ok: false,
        error: serializeError(new TypeError(`Cannot send the result of worker "${start.name}" back: it cannot be cloned`, {
          cause: error
        }))
      });
    }
    scope2.close();
  });
}
var scope = workerScope();
if (scope instanceof Promise) scope.then(main);
else main(scope);
