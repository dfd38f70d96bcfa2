import {
  installRuntime,
  revive,
  serializeError,
  toTransferable
} from "./chunk-LEKJJD2S.js";

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
scope.onmessage = async (event) => {
  scope.onmessage = null;
  const reply = await run(event.data);
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
