import assert from "node:assert/strict";
import {
  describeFailure,
  integerFlag,
  permissionFlag,
  runScriptForStatus,
  ScriptError,
  timeoutFlag,
  UsageError,
} from "../_cli.ts";

/** Runs `fn` with console.log and console.error captured. */
async function captured<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; out: string; err: string }> {
  const { log, error } = console;
  let out = "";
  let err = "";
  console.log = (...parts: unknown[]) => void (out += parts.join(" ") + "\n");
  console.error = (...parts: unknown[]) => void (err += parts.join(" ") + "\n");
  try {
    return { result: await fn(), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

const spec = {
  name: "tool.ts",
  usage: "Usage: tool.ts [--count N]",
  options: { count: { type: "string" } },
} as const;

Deno.test("--timeout 0 means no time limit, and a missing --timeout keeps the default", () => {
  assert.equal(timeoutFlag("0", 5000), undefined);
  assert.equal(timeoutFlag(undefined, 5000), 5000);
  assert.equal(timeoutFlag("250", 5000), 250);
  assert.throws(() => timeoutFlag("-1", 5000), UsageError);
  assert.throws(() => timeoutFlag("soon", 5000), UsageError);
});

Deno.test("integerFlag() refuses text and values out of range, quoting them", () => {
  assert.equal(integerFlag("12", "--workers", 4, 1, 64), 12);
  assert.throws(
    () => integerFlag("100000", "--workers", 4, 1, 64),
    /Cannot use --workers "100000": it must be an integer from 1 to 64/,
  );
  assert.throws(() => integerFlag("1.5", "--workers", 4), UsageError);
});

Deno.test("a NotCapable error names the flag that grants what is missing", () => {
  const error = new Deno.errors.NotCapable(
    'Requires net access to "0.0.0.0:7007", run again with the --allow-net flag',
  );
  assert.equal(permissionFlag(error), "--allow-net=0.0.0.0:7007");
  assert.equal(
    describeFailure(error),
    'Requires net access to "0.0.0.0:7007": run again with --allow-net=0.0.0.0:7007',
  );
  const anyPort = new Deno.errors.NotCapable(
    'Requires net access to "127.0.0.1:0", run again with the --allow-net flag',
  );
  assert.equal(permissionFlag(anyPort), "--allow-net=127.0.0.1");
});

Deno.test("expected failures read as one line; a plain TypeError is a bug and keeps its stack", () => {
  assert.equal(
    describeFailure(new Deno.errors.ConnectionRefused("Connection refused")),
    "ConnectionRefused: Connection refused",
  );
  assert.equal(
    describeFailure(new DOMException("Took too long", "TimeoutError")),
    "TimeoutError: Took too long",
  );
  assert.equal(describeFailure(new ScriptError("no reply")), "no reply");
  assert.equal(describeFailure(new TypeError("x is undefined")), undefined);
});

Deno.test("runScriptForStatus() maps help, version, usage errors and failures to exit codes", async () => {
  const body = () => 0;
  assert.equal(
    (await captured(() => runScriptForStatus(["-h"], spec, body))).result,
    0,
  );
  const version = await captured(() =>
    runScriptForStatus(["--version"], spec, body)
  );
  assert.match(version.out, /^wirework \d+\.\d+\.\d+\n$/);
  const bad = await captured(() => runScriptForStatus(["--bogus"], spec, body));
  assert.equal(bad.result, 2);
  assert.equal(bad.err, 'tool.ts: Unknown option "--bogus" (see --help)\n');
  const extra = await captured(() => runScriptForStatus(["x"], spec, body));
  assert.equal(extra.result, 2);
  const failed = await captured(() =>
    runScriptForStatus([], spec, () => {
      throw new ScriptError("the server went away");
    })
  );
  assert.equal(failed.result, 1);
  assert.equal(failed.err, "tool.ts: the server went away\n");
  await assert.rejects(
    captured(() =>
      runScriptForStatus([], spec, () => {
        throw new TypeError("a bug");
      })
    ),
    TypeError,
  );
  const status = await captured(() =>
    runScriptForStatus(["--count", "3"], spec, (values) => Number(values.count))
  );
  assert.equal(status.result, 3);
});

Deno.test("a flag value that starts with a dash is one usage line saying how to pass it", async () => {
  const { result, err } = await captured(() =>
    runScriptForStatus(["--count", "-5"], spec, () => 0)
  );
  assert.equal(result, 2);
  assert.equal(
    err,
    'tool.ts: Option "--count" needs a value (write --count=VALUE for one that starts with a dash) (see --help)\n',
  );
});
