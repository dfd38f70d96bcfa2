/**
 * The README's table of where Python and the WHATWG URL standard disagree:
 * every row's Python column must be what `urlparse`/`urljoin` give here and
 * what python3 gives, and its WHATWG column what `parseUrl`/`resolveUrl`
 * give, so the table cannot drift from the code.
 */
import assert from "node:assert/strict";
import { parseUrl, resolveUrl, urljoin, urlparse } from "../../url/mod.ts";
import { runPython } from "../_helpers/url_python.ts";
import { pythonMissing } from "../_helpers/python.ts";

interface Row {
  field: string;
  input: string | [string, string];
  python: string;
  whatwg: string;
}

/** `"value"` in backticks as JSON, or `throws Name`. */
function cell(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith("`") ? trimmed.slice(1, -1) : trimmed;
}

async function readTable(): Promise<Row[]> {
  const readme = await Deno.readTextFile(
    new URL("../../README.md", import.meta.url),
  );
  const start = readme.indexOf("<!-- python-whatwg-table -->");
  const end = readme.indexOf("<!-- end python-whatwg-table -->");
  assert.ok(start !== -1 && end > start, "the README has the table markers");
  const rows: Row[] = [];
  for (const line of readme.slice(start, end).split("\n")) {
    if (!line.startsWith("|") || line.includes("---")) continue;
    const cells = line.split("|").slice(1, -1);
    const field = cell(cells[0]!);
    if (field === "field") continue;
    rows.push({
      field,
      input: JSON.parse(cell(cells[1]!)),
      python: cell(cells[2]!),
      whatwg: cell(cells[3]!),
    });
  }
  return rows;
}

function shown(fn: () => unknown): string {
  try {
    return JSON.stringify(fn());
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

function field(result: object, name: string): unknown {
  return (result as Record<string, unknown>)[name];
}

Deno.test("the README's Python/WHATWG table gives each side's answer, row by row", async () => {
  const rows = await readTable();
  assert.ok(rows.length >= 20, `only ${rows.length} rows`);
  for (const row of rows) {
    if (row.field === "join") {
      const [base, ref] = row.input as [string, string];
      assert.equal(
        shown(() => urljoin(base, ref)),
        row.python,
        `${base} ${ref}`,
      );
      assert.equal(
        shown(() => resolveUrl(base, ref)),
        row.whatwg,
        `${base} ${ref}`,
      );
    } else {
      const input = row.input as string;
      assert.equal(
        shown(() => field(urlparse(input), row.field)),
        row.python,
        input,
      );
      assert.equal(
        shown(() => field(parseUrl(input), row.field)),
        row.whatwg,
        input,
      );
    }
    assert.notEqual(row.python, row.whatwg, "a row where both agree");
  }
});

const missing = await pythonMissing("urllib.parse");
if (missing) {
  console.log(`Skipping the README table against python3: ${missing}`);
}

Deno.test({
  name: "the README's Python column is python3's answer",
  ignore: missing !== undefined,
  async fn() {
    const rows = await readTable();
    const answers = await runPython(
      String.raw`
import sys, json, urllib.parse as up
out = []
for field, value in json.loads(sys.stdin.read()):
    try:
        if field == "join":
            out.append(json.dumps(up.urljoin(*value), ensure_ascii=False, separators=(",", ":")))
        else:
            out.append(json.dumps(getattr(up.urlparse(value), field), ensure_ascii=False))
    except ValueError:
        out.append("throws RangeError")
print(json.dumps(out))
`,
      rows.map((row) => [row.field, row.input]),
    ) as string[];
    assert.deepEqual(answers, rows.map((row) => row.python));
  },
});
