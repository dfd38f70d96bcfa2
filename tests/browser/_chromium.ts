/**
 * Starts Debian's Chromium headless through playwright-core (a test-only
 * dependency, pinned in tests/browser/deno.lock), for the browser tests here.
 *
 * @module
 */

import type { BrowserContext, Page } from "npm:playwright-core@1.65.1";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * The flags the browser runs with: no sandbox (CI runs as root), no GPU, and
 * none of the background traffic with which Chromium otherwise floods a
 * machine that has no network.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The command that grants what the browser tests need. */
export const BROWSER_TEST_COMMAND = "deno task test:browser";

/**
 * Says why the browser tests cannot run here, or returns undefined when
 * they can: Chromium must be installed, the run must allow starting it, and
 * `Deno.bundle` (unstable) must be on.
 */
export function browserSkipReason(): string | undefined {
  const run = Deno.permissions.querySync({
    name: "run",
    command: CHROMIUM_PATH,
  });
  const read = Deno.permissions.querySync({
    name: "read",
    path: CHROMIUM_PATH,
  });
  if (run.state !== "granted" || read.state !== "granted") {
    return `the browser tests need --allow-run=${CHROMIUM_PATH} and more: run them with ${BROWSER_TEST_COMMAND}`;
  }
  if (typeof Deno.bundle !== "function") {
    return `the browser tests bundle the page with Deno.bundle: run them with --unstable-bundle (${BROWSER_TEST_COMMAND})`;
  }
  try {
    Deno.statSync(CHROMIUM_PATH);
  } catch {
    return `${CHROMIUM_PATH} is absent: install Debian's chromium package (apt-get install -y chromium), as .ci/run does`;
  }
  return undefined;
}

/** A headless Chromium with one page, closed (and its profile removed) on dispose. */
export interface ChromiumSession extends AsyncDisposable {
  /** The browser's context. */
  readonly context: BrowserContext;
  /** Its page. */
  readonly page: Page;
}

/**
 * Launches headless Chromium with a fresh, empty profile.
 *
 * @returns The browser and its page; dispose them (`await using`) to close the browser.
 */
export async function launchChromium(): Promise<ChromiumSession> {
  // playwright-core's is-wsl probe reads /proc/sys/fs/binfmt_misc/WSLInterop
  // when it is loaded, which Deno grants only under --allow-all; its own test
  // switch skips the probe (it only matters for opening desktop apps).
  Deno.env.set("__IS_WSL_TEST__", "1");
  const { chromium } = await import("npm:playwright-core@1.65.1");
  const profile = await Deno.makeTempDir({ prefix: "wirework-chromium-" });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: 30_000,
    });
  } catch (error) {
    await Deno.remove(profile, { recursive: true });
    throw error;
  }
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  return {
    context,
    page,
    async [Symbol.asyncDispose]() {
      try {
        await context.close();
      } finally {
        await Deno.remove(profile, { recursive: true });
      }
    },
  };
}
