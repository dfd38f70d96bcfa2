// This module is browser compatible.

/**
 * The messages between `spawn` and `_worker_main.ts`, which a `WorkerPool`'s
 * messages (`_pool_channel.ts`) extend.
 *
 * @module
 */

import type { SerializedError } from "./_transfer.ts";

/** The message that starts a worker; `_worker_main.ts` receives it. */
export interface StartMessage {
  type: "start";
  runtime: SharedArrayBuffer;
  threadId: number;
  name: string;
  moduleUrl: string;
  args: unknown[];
}

/** What a worker posts back when its default export has settled. */
export type WorkerReply =
  | { type: "result"; ok: true; value: unknown }
  | { type: "result"; ok: false; error: SerializedError };
