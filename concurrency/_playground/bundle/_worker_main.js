import {
  ThreadState,
  endThread,
  hasRuntime,
  installRuntime,
  nodeProcess,
  nodeWorkerThreads,
  revive,
  serializeError,
  toTransferable
} from "./chunk-G7G5ZRWQ.js";

// concurrency/_worker_scope.ts
function webScope() {
  const scope2 = globalThis;
  return {
    listen(handler) {
      scope2.onmessage = (event) => handler(event.data);
    },
    postMessage(message) {
      scope2.postMessage(message);
    },
    close() {
      scope2.close();
    },
    onUncaught(handler) {
      addEventListener("error", (event) => {
        if (handler(event.error)) event.preventDefault();
      });
      addEventListener("unhandledrejection", (event) => {
        if (handler(event.reason)) {
          event.preventDefault();
        }
      });
    }
  };
}
function nodeScope(threads, process) {
  const port = threads.parentPort;
  if (port === null) {
    throw new Error("A bootstrap of concurrency/ runs in a worker only");
  }
  return {
    listen(handler) {
      port.removeAllListeners("message");
      port.on("message", (data) => handler(data));
    },
    postMessage(message) {
      port.postMessage(message);
    },
    close() {
      process.exit(0);
    },
    onUncaught(handler) {
      const listener = (error) => {
        if (!handler(error)) queueMicrotask(() => process.exit(1));
      };
      process.on("uncaughtException", listener);
      process.on("unhandledRejection", listener);
    }
  };
}
function workerScope() {
  const process = nodeProcess;
  if (process === void 0) return webScope();
  const threads = nodeWorkerThreads();
  return threads instanceof Promise ? threads.then((loaded) => nodeScope(loaded, process)) : nodeScope(threads, process);
}

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
