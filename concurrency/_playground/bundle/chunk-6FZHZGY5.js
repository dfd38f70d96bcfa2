import {
  nodeProcess,
  nodeWorkerThreads
} from "./chunk-X45FABSL.js";

// concurrency/_worker_scope.ts
function webScope() {
  const scope = globalThis;
  return {
    listen(handler) {
      scope.onmessage = (event) => handler(event.data);
    },
    postMessage(message) {
      scope.postMessage(message);
    },
    close() {
      scope.close();
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

export {
  workerScope
};
