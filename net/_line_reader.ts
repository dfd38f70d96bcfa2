/**
 * Reads `\n`-terminated lines from a connection with a hard cap on line
 * length, found as soon as the cap is crossed rather than after a newline
 * that may never come: a client cannot make the server buffer without bound.
 *
 * @module
 */

/** Thrown by {@linkcode LineReader.readLine} for a line over the cap. */
export class LineTooLongError extends Error {
  /** The cap that was exceeded, in bytes. */
  readonly maxLineBytes: number;

  /**
   * @param maxLineBytes The cap that was exceeded.
   */
  constructor(maxLineBytes: number) {
    super(`Line is longer than ${maxLineBytes} bytes`);
    this.name = "LineTooLongError";
    this.maxLineBytes = maxLineBytes;
  }
}

/** Anything with a `read` as `Deno.Conn` has. */
export interface ByteReader {
  read(into: Uint8Array): Promise<number | null>;
}

const LF = 0x0a;
const CR = 0x0d;

/** Splits a byte stream into lines, each at most `maxLineBytes` long. */
export class LineReader {
  #reader: ByteReader;
  #maxLineBytes: number;
  #buffer: Uint8Array;
  #start = 0;
  #end = 0;
  #eof = false;
  #decoder = new TextDecoder();

  /**
   * @param reader Where the bytes come from.
   * @param maxLineBytes The longest line accepted, not counting `\r\n`.
   */
  constructor(reader: ByteReader, maxLineBytes: number) {
    this.#reader = reader;
    this.#maxLineBytes = maxLineBytes;
    // Room for the longest line plus "\r\n": a full buffer with no newline
    // in it is a line over the cap.
    this.#buffer = new Uint8Array(maxLineBytes + 2);
  }

  /**
   * Reads the next line, without its `\n` or `\r\n`, decoded as UTF-8 (bad
   * bytes become U+FFFD). A last line without a newline is returned at the
   * end of the stream.
   *
   * @returns The line, or `null` at the end of the stream.
   * @throws {LineTooLongError} When a line is longer than the cap.
   */
  async readLine(): Promise<string | null> {
    while (true) {
      const newline = this.#buffer.subarray(this.#start, this.#end).indexOf(LF);
      if (newline !== -1) {
        const lineEnd = this.#start + newline;
        const line = this.#take(this.#start, lineEnd);
        this.#start = lineEnd + 1;
        return line;
      }
      if (this.#eof) {
        if (this.#start === this.#end) return null;
        const line = this.#take(this.#start, this.#end);
        this.#start = this.#end;
        return line;
      }
      if (this.#start > 0) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
        this.#end -= this.#start;
        this.#start = 0;
      }
      if (this.#end === this.#buffer.length) {
        throw new LineTooLongError(this.#maxLineBytes);
      }
      const n = await this.#reader.read(this.#buffer.subarray(this.#end));
      if (n === null) this.#eof = true;
      else this.#end += n;
    }
  }

  #take(start: number, end: number): string {
    if (end > start && this.#buffer[end - 1] === CR) end--;
    if (end - start > this.#maxLineBytes) {
      throw new LineTooLongError(this.#maxLineBytes);
    }
    return this.#decoder.decode(this.#buffer.subarray(start, end));
  }
}
