// Error classes of a user's program, imported by the test and by its worker:
// importing this module registers them, on each side.
import { registerErrorClass } from "../../../concurrency/mod.ts";

/** A registered class, with a field of its own. */
export class QuotaError extends Error {
  override name = "QuotaError";
  readonly limit: number;
  constructor(limit: number, options?: ErrorOptions) {
    super(`Over the quota of ${limit}`, options);
    this.limit = limit;
  }
}

/** A subclass nobody registered: it travels as its nearest registered class. */
export class DiskQuotaError extends QuotaError {
  override name = "DiskQuotaError";
}

/** Registered under a name of its own, as when a bundler renames classes. */
export class RenamedError extends Error {}

/**
 * A class nobody registered, with a field of its own: it arrives as an
 * `Error` carrying its name, message and fields.
 */
export class CustomError extends Error {
  readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = "CustomError";
    this.code = "E_CUSTOM";
  }
}

registerErrorClass(QuotaError);
registerErrorClass(RenamedError, { name: "wirework-test.RenamedError" });
