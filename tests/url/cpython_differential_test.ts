/**
 * The differential test of the whole of `urllib.parse`: one python3 process
 * records the calls CPython's own test suites (`test.test_urlparse`,
 * `test.test_urllib`) make, computes their answers and those of generated
 * calls, and every one of them must give the same answer here (an exception
 * there, an error of the mapped class here). The generated calls are seeded;
 * `WIREWORK_SOAK=1` makes many more.
 */
import assert from "node:assert/strict";
import { type Answered, startCpython } from "../_helpers/url_cpython.ts";
import { callOurs, difference } from "../_helpers/url_calls.ts";
import { urlCalls } from "../_helpers/url_split_corpus.ts";
import { pythonMissing } from "../_helpers/python.ts";
import { SOAK } from "../_helpers/soak.ts";

const SEED = 0x0c0f_fee5;
const COUNT = SOAK ? 30_000 : 600;

const missing = await pythonMissing("urllib.parse");
if (missing) {
  console.log(`Skipping the CPython differential test: ${missing}`);
}

function firstDifferences(answered: Answered[], limit: number): string[] {
  const found: string[] = [];
  for (const [name, args, theirs] of answered) {
    const why = difference(theirs, callOurs([name, args]));
    if (why === undefined) continue;
    found.push(
      `${name}(${JSON.stringify(args)}): ${why}\n  python3:  ${
        JSON.stringify(theirs)
      }\n  wirework: ${JSON.stringify(callOurs([name, args]))}`,
    );
    if (found.length >= limit) break;
  }
  return found;
}

function byFunction(answered: Answered[]): Map<string, Answered[]> {
  const groups = new Map<string, Answered[]>();
  for (const entry of answered) {
    const group = groups.get(entry[0]) ?? [];
    group.push(entry);
    groups.set(entry[0], group);
  }
  return groups;
}

Deno.test({
  name:
    "every urllib.parse function gives python3's answers on CPython's own test vectors and on generated calls",
  ignore: missing !== undefined,
  async fn(t) {
    const calls = urlCalls(SEED, COUNT);
    const python = await startCpython(calls);
    const { vectors, vectorsMissing, generated } = await python.answer();
    assert.equal(generated.length, calls.length);
    if (vectorsMissing !== null) {
      console.log(`CPython's own vectors left out: ${vectorsMissing}`);
    } else {
      // The suites call every function; fewer than this means the
      // recording broke, not that CPython changed its mind.
      assert.ok(vectors.length > 1000, `only ${vectors.length} vectors`);
    }
    for (
      const [label, answered] of [
        ["CPython's vectors", vectors],
        [`generated calls (seed ${SEED})`, generated],
      ] as const
    ) {
      for (const [name, group] of byFunction(answered)) {
        await t.step(`${name}: ${group.length} ${label}`, () => {
          const found = firstDifferences(group, 5);
          assert.deepEqual(found, [], found.join("\n"));
        });
      }
    }
  },
});
