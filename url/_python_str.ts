/**
 * Python's `str()` of the values `urlencode` writes: `None`, `True`,
 * `False`, integers, floats as Python prints them (`1.5`, `1e-05`, `inf`),
 * and lists, tuples and dicts through `repr()` (`['a', 1]`).
 *
 * @module
 */

/** Python's `repr()` of a float that is not an integer value (or not finite). */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  // Python writes the shortest round-trip digits, in positional notation
  // when the decimal exponent is from -4 to 15, else as d.ddde±XX.
  const [mantissa, exponentText] = value.toExponential().split("e") as [
    string,
    string,
  ];
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    const text = String(value);
    return text.includes(".") || text.includes("e") ? text : `${text}.0`;
  }
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/**
 * Python's `str()` of a number: safe integers as `int`, others as `float`
 * (a bigint is the way to write a larger `int`).
 */
function numberStr(value: number): string {
  if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
  return floatRepr(value);
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr()` of a string: quotes chosen as Python chooses them. */
function stringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === "\\") out += "\\" + char;
    else if (char === "\t") out += "\\t";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) {
      out += "\\x" + code.toString(16).padStart(2, "0");
    } else if (code > 0x7f && code !== 0x20 && NOT_PRINTABLE.test(char)) {
      out += code <= 0xff
        ? "\\x" + code.toString(16).padStart(2, "0")
        : code <= 0xffff
        ? "\\u" + code.toString(16).padStart(4, "0")
        : "\\U" + code.toString(16).padStart(8, "0");
    } else out += char;
  }
  return out + quote;
}

/** Python's `repr()` of bytes: `b'...'`. */
function bytesRepr(value: Uint8Array): string {
  let text = "";
  for (const byte of value) text += String.fromCharCode(byte);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = "b" + quote;
  for (const byte of value) {
    const char = String.fromCharCode(byte);
    if (char === quote || char === "\\") out += "\\" + char;
    else if (byte === 9) out += "\\t";
    else if (byte === 10) out += "\\n";
    else if (byte === 13) out += "\\r";
    else if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x" + byte.toString(16).padStart(2, "0");
    } else out += char;
  }
  return out + quote;
}

/**
 * Python's `repr()` of a value as `urlencode` meets it.
 *
 * @throws {TypeError} For `undefined`, functions and symbols, which have no Python counterpart.
 */
export function pythonRepr(value: unknown): string {
  if (typeof value === "string") return stringRepr(value);
  if (value instanceof Uint8Array) return bytesRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) =>
      `${pythonRepr(key)}: ${pythonRepr(item)}`
    );
    return `{${entries.join(", ")}}`;
  }
  if (value instanceof Set) {
    return value.size === 0
      ? "set()"
      : `{${[...value].map(pythonRepr).join(", ")}}`;
  }
  if (
    typeof value === "object" && value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value).map(([key, item]) =>
      `${stringRepr(key)}: ${pythonRepr(item)}`
    );
    return `{${entries.join(", ")}}`;
  }
  return pythonStr(value);
}

/**
 * Python's `str()` of a value as `urlencode` meets it: `null` is `None`,
 * booleans `True`/`False`, numbers `int` or `float` as Python prints them,
 * lists and records their `repr()`.
 *
 * @throws {TypeError} For `undefined`, functions and symbols.
 */
export function pythonStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return numberStr(value);
  if (typeof value === "bigint") return value.toString();
  if (
    value instanceof Uint8Array || Array.isArray(value) ||
    value instanceof Map || value instanceof Set ||
    (typeof value === "object" &&
      Object.getPrototypeOf(value) === Object.prototype)
  ) {
    return pythonRepr(value);
  }
  throw new TypeError(
    `Cannot write ${
      String(value)
    } as Python's str() would: expected a string, number, bigint, boolean, null, Uint8Array, array or record`,
  );
}
