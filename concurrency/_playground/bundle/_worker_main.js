import {
  ThreadState,
  endThread,
  hasRuntime,
  installRuntime,
  revive,
  serializeError,
  toTransferable
} from "./chunk-V42DCJFV.js";

// concurrency/_worker_main.ts
var scope = globalThis;
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
function failUncaught(event, error) {
  if (replied) return;
  event.preventDefault();
  replied = true;
  scope.postMessage({
    type: "result",
    ok: false,
    error: serializeError(error)
  });
  scope.close();
}
addEventListener("error", (event) => failUncaught(event, event.error));
addEventListener("unhandledrejection", (event) => failUncaught(event, event.reason));
scope.onmessage = async (event) => {
  scope.onmessage = null;
  const reply = await run(event.data);
  if (replied) return;
  replied = true;
  if (hasRuntime()) {
    endThread(event.data.threadId, reply.ok ? ThreadState.FINISHED : ThreadState.DIED);
  }
  try {
    scope.postMessage(reply);
  } catch (error) {
    scope.postMessage({
      type: "result",
      ok: false,
      error: serializeError(new TypeError(`Cannot send the result of worker "${event.data.name}" back: it cannot be cloned`, {
        cause: error
      }))
    });
  }
  scope.close();
};
