/**
 * Joins byte pieces into one array: a body read piece by piece.
 *
 * @module
 */

/**
 * Copies `pieces` end to end into one array of `length` bytes.
 *
 * @param pieces The pieces, in order.
 * @param length Their total length.
 * @returns A new array holding the joined bytes.
 */
export function concatBytes(pieces: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return bytes;
}
