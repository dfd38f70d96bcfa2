/**
 * The postMessage peer of bench/concurrency_compare.ts: a plain Web Worker
 * that either sends `count` 64-byte messages on a MessagePort, or receives
 * them and reports how long the first to the last took, in ms.
 *
 * @module
 */

interface Start {
  role: "producer" | "consumer";
  port: MessagePort;
  count: number;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<Start>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { role, port, count } = event.data;
  if (role === "producer") {
    port.onmessage = () => {
      const message = new Uint8Array(64).fill(7);
      for (let i = 0; i < count; i++) port.postMessage(message);
    };
    return;
  }
  let received = 0;
  let started = 0;
  port.onmessage = (message: MessageEvent<Uint8Array>) => {
    if (message.data.length !== 64) {
      throw new Error("Received a message that is not 64 bytes");
    }
    if (received === 0) started = performance.now();
    if (++received === count) {
      scope.postMessage(performance.now() - started);
      port.close();
    }
  };
  port.postMessage("go");
};
