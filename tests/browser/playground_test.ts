/**
 * concurrency/ in a real browser: the playground page in headless Chromium
 * (Debian's, driven by playwright-core). Run with `deno task test:browser`;
 * skipped with a printed reason when Chromium or the permissions are absent.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "npm:playwright-core@1.65.1";
import { startPlayground } from "../../concurrency/_playground/server.ts";
import type {
  Outcome,
  PlaygroundApi,
} from "../../concurrency/_playground/page.ts";
import { browserSkipReason, launchChromium } from "./_chromium.ts";
import { within } from "../_helpers/concurrency_workers.ts";

/**
 * Where the screenshot of the deadlocked graph goes: the README's copy when
 * `WIREWORK_UPDATE_SCREENSHOT=1`, otherwise a temporary file, so an ordinary
 * run leaves the work tree clean.
 */
const UPDATE_SCREENSHOT = Deno.env.get("WIREWORK_UPDATE_SCREENSHOT") === "1";
const README_SCREENSHOT = new URL(
  "../../concurrency/playground.png",
  import.meta.url,
);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const skip = browserSkipReason();
if (skip !== undefined) console.log(`Skipping the browser tests: ${skip}`);

type PageGlobals = typeof globalThis & { playground: PlaygroundApi };

/** Clicks a scenario's button and waits for its report to be done; returns the report. */
async function runScenario(page: Page, id: string): Promise<string> {
  await page.click(`#${id}`);
  const report = page.locator(
    `#report[data-scenario="${id}"][data-state="done"]`,
  );
  await report.waitFor({ timeout: 30_000 });
  return await report.textContent() ?? "";
}

async function outcomesOf(page: Page, worker: string): Promise<Outcome[]> {
  const all = await page.evaluate(() =>
    (globalThis as PageGlobals).playground.outcomes
  );
  return all.filter((outcome) => outcome.worker === worker);
}

Deno.test({
  name: "the concurrency playground in headless Chromium",
  ignore: skip !== undefined,
  async fn(t) {
    await using playground = await startPlayground();
    await using chromium = await launchChromium();
    const { page } = chromium;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(playground.url);
    await page.locator("#deadlock").waitFor();

    await t.step(
      "the page is served with the isolation headers and is cross-origin isolated",
      async () => {
        const headers = response?.headers() ?? {};
        assert.equal(headers["cross-origin-opener-policy"], "same-origin");
        assert.equal(headers["cross-origin-embedder-policy"], "require-corp");
        assert.equal(
          await page.evaluate(() => globalThis.crossOriginIsolated),
          true,
        );
        assert.equal(
          await page.evaluate(() => typeof SharedArrayBuffer),
          "function",
        );
      },
    );

    await t.step(
      "4 workers x 100,000 increments under Lock end at exactly 400,000",
      async () => {
        // page.evaluate has no timeout of its own.
        const result = await within(
          page.evaluate(() =>
            (globalThis as PageGlobals).playground.runCounter(4, 100_000, true)
          ),
        );
        assert.equal(result.expected, 400_000);
        assert.equal(result.count, 400_000);
      },
    );

    await t.step(
      "the deadlock button yields the detector's report naming both locks and both workers",
      async () => {
        const report = await runScenario(page, "deadlock");
        assert.match(report, /DeadlockError/);
        for (
          const name of ["worker 'A'", "worker 'B'", "'lock 1'", "'lock 2'"]
        ) {
          assert.ok(report.includes(name), `report names ${name}: ${report}`);
        }
        const ended = [
          ...await outcomesOf(page, "A"),
          ...await outcomesOf(page, "B"),
        ];
        // Exactly one of the two is the victim; the other gets both locks.
        assert.deepEqual(
          ended.map((outcome) => outcome.errorName ?? "ok").sort(),
          ["DeadlockError", "ok"],
        );
      },
    );

    await t.step(
      "the graph shows an edge from a worker parked on an Event to the Event",
      async () => {
        await within(
          page.evaluate(() => (globalThis as PageGlobals).playground.runPark()),
        );
        const edge = page.locator(
          'svg#graph path[data-edge="waits"][data-thread-name="sleeper"]',
        );
        await edge.waitFor();
        assert.equal(await edge.getAttribute("data-primitive"), "go");
        assert.equal(await edge.getAttribute("data-wait"), "event");
        await within(
          page.evaluate(() => (globalThis as PageGlobals).playground.reset()),
        );
      },
    );

    await t.step(
      "the graph shows a dashed edge for every kind of wait: a Semaphore, an Event, a SharedQueue, a Barrier and a join",
      async () => {
        const report = await runScenario(page, "waits");
        assert.match(report, /detectDeadlocks\(\): a possible stall: /);
        assert.match(report, /main \(join 'sleeper'\)/);
        const waits = page.locator('svg#graph path[data-edge="waits"]');
        await waits.nth(3).waitFor();
        const seen = new Map<string, string>();
        for (let i = 0; i < await waits.count(); i++) {
          const edge = waits.nth(i);
          seen.set(
            await edge.getAttribute("data-thread-name") ?? "",
            `${await edge.getAttribute("data-wait")} ${await edge
              .getAttribute("data-primitive")}`,
          );
        }
        assert.deepEqual(Object.fromEntries(seen), {
          taker: "semaphore permits",
          sleeper: "event go",
          getter: "queue-get jobs",
          arriver: "barrier meet",
        });
        const join = page.locator('svg#graph path[data-edge="joins"]');
        await join.waitFor();
        assert.equal(await join.getAttribute("data-thread-name"), "main");
        assert.equal(await join.getAttribute("data-joins-name"), "sleeper");
        // Every wait is drawn dashed.
        const dashes = await page.evaluate(() =>
          [...document.querySelectorAll(
            'svg#graph path[data-edge="waits"], svg#graph path[data-edge="joins"]',
          )].map((path) => getComputedStyle(path).strokeDasharray)
        );
        assert.equal(dashes.length, 5);
        for (const dash of dashes) assert.notEqual(dash, "none");
        await within(
          page.evaluate(() => (globalThis as PageGlobals).playground.reset()),
        );
      },
    );

    await t.step(
      "interrupting a worker parked on an Event ends it with InterruptedError",
      async () => {
        await page.click("#park");
        // Interrupt only once the graph shows it parked on the Event.
        await page.locator(
          'svg#graph path[data-edge="waits"][data-thread-name="sleeper"][data-wait="event"]',
        ).waitFor();
        const before = (await outcomesOf(page, "sleeper")).length;
        const report = await runScenario(page, "interrupt");
        assert.match(report, /sleeper: InterruptedError/);
        const outcome = (await outcomesOf(page, "sleeper"))[before];
        assert.equal(outcome?.errorName, "InterruptedError");
        assert.equal(outcome?.interrupted, true);
      },
    );

    await t.step(
      "stopping a worker parked on an Event ends it as interrupted",
      async () => {
        await page.click("#park");
        await page.locator(
          'svg#graph path[data-edge="waits"][data-thread-name="sleeper"]',
        ).waitFor();
        const report = await runScenario(page, "stop");
        assert.match(
          report,
          /^stop\(\) → interrupted; sleeper: InterruptedError/,
        );
      },
    );

    await t.step(
      "lock-order validation turns an inversion into LockOrderError",
      async () => {
        const report = await runScenario(page, "lock-order");
        assert.match(report, /C: took 'lock 2' while holding 'lock 1'/);
        assert.match(report, /D: LockOrderError: Lock order inversion/);
      },
    );

    await t.step(
      "both fixes of the deadlock let both workers finish",
      async () => {
        for (const fix of ["ordered", "back-off"]) {
          const report = await runScenario(page, fix);
          assert.match(report, /A: took 'lock 1' then 'lock 2'/);
          assert.match(report, /B: took/);
          assert.doesNotMatch(report, /Error/);
        }
      },
    );

    await t.step(
      "a blocking wait on the page's main thread throws a TypeError naming the async method",
      async () => {
        const error = await page.evaluate(() =>
          (globalThis as PageGlobals).playground.tryBlockingWait()
        );
        assert.equal(error.name, "TypeError");
        assert.match(error.message, /waitAsync\(\)/);
      },
    );

    await t.step(
      "with the detector off the cycle stays, lights up red and is captured as a screenshot",
      async () => {
        const report = await runScenario(page, "deadlock-watch");
        assert.match(report, /detectDeadlocks\(\) found a cycle/);
        assert.match(
          report,
          /worker 'A' holds 'lock 1' and waits for 'lock 2'/,
        );
        // Two "waits" and two "holds" edges form the cycle.
        await page.locator("svg#graph path.cycle").nth(3).waitFor();
        assert.equal(await page.locator("svg#graph path.cycle").count(), 4);
        const path = UPDATE_SCREENSHOT
          ? README_SCREENSHOT.pathname
          : await Deno.makeTempFile({ suffix: ".png" });
        try {
          await page.screenshot({ path });
          const png = await Deno.readFile(path);
          assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
        } finally {
          if (!UPDATE_SCREENSHOT) await Deno.remove(path);
        }
        await within(
          page.evaluate(() => (globalThis as PageGlobals).playground.reset()),
        );
      },
    );

    await t.step(
      "setting the event ends the parked worker and refreshes the report",
      async () => {
        await page.click("#park");
        await page.locator(
          'svg#graph path[data-edge="waits"][data-thread-name="sleeper"]',
        ).waitFor();
        const report = await runScenario(page, "set-event");
        assert.match(report, /^set\(\) → sleeper: /);
        assert.doesNotMatch(report, /Error/);
      },
    );

    await t.step(
      "slow motion holds the cycle on screen until the detector breaks it",
      async () => {
        await page.check("#slow-motion");
        try {
          await page.click("#deadlock");
          // The cycle is drawn while the run is still going...
          await page.locator("svg#graph path.cycle").nth(3).waitFor({
            timeout: 30_000,
          });
          assert.equal(
            await page.locator('#report[data-scenario="deadlock"]')
              .getAttribute(
                "data-state",
              ),
            "running",
          );
          // ...and then the detector ends it with a DeadlockError.
          const report = await page.locator(
            '#report[data-scenario="deadlock"][data-state="done"]',
          );
          await report.waitFor({ timeout: 30_000 });
          assert.match(await report.textContent() ?? "", /DeadlockError/);
        } finally {
          await page.uncheck("#slow-motion");
        }
      },
    );

    await t.step(
      "at 1280 and 420 px wide the graph fits the window and no label overflows its shape",
      async () => {
        await runScenario(page, "deadlock-watch");
        await page.locator("svg#graph path.cycle").nth(3).waitFor();
        for (const width of [1280, 420]) {
          await page.setViewportSize({ width, height: 900 });
          // Let the 100 ms redraw run at the new size.
          await page.waitForTimeout(250);
          const overflows = await page.evaluate(() => {
            const found: string[] = [];
            const svg = document.querySelector("svg#graph")!;
            for (const group of svg.querySelectorAll("g[data-thread]")) {
              const circle = group.querySelector("circle")!;
              const r = Number(circle.getAttribute("r"));
              const cx = Number(circle.getAttribute("cx"));
              const [name, detail] = group.querySelectorAll("text");
              const box = (name as SVGTextElement).getBBox();
              if (box.x < cx - r || box.x + box.width > cx + r) {
                found.push(`thread ${name!.textContent}`);
              }
              if ((detail as SVGTextElement).getBBox().x < 0) {
                found.push(`thread detail ${detail!.textContent}`);
              }
            }
            for (const group of svg.querySelectorAll("g[data-primitive]")) {
              const rect = group.querySelector("rect")!.getBBox();
              for (const text of group.querySelectorAll("text")) {
                const box = (text as SVGTextElement).getBBox();
                if (box.x < rect.x || box.x + box.width > rect.x + rect.width) {
                  found.push(`primitive ${text.textContent}`);
                }
              }
              if (group.querySelector("title") === null) {
                found.push(`primitive without a tooltip`);
              }
            }
            return found;
          });
          assert.deepEqual(overflows, [], `at ${width} px`);
          const graphWidth = await page.evaluate(() =>
            document.querySelector("svg#graph")!.getBoundingClientRect().width
          );
          assert.ok(graphWidth <= width, `graph ${graphWidth} px at ${width}`);
          const path = await Deno.makeTempFile({ suffix: `-${width}.png` });
          try {
            await page.screenshot({ path, fullPage: true });
            const png = await Deno.readFile(path);
            assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
          } finally {
            await Deno.remove(path);
          }
        }
        await within(
          page.evaluate(() => (globalThis as PageGlobals).playground.reset()),
        );
      },
    );

    assert.deepEqual(errors, []);
  },
});
