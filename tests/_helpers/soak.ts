/**
 * Whether this run is a soak run: `WIREWORK_SOAK=1`, readable only when the
 * test was given `--allow-env` for it. Tests that generate inputs run a
 * small fixed count by default and a large one under soak.
 *
 * @module
 */

/** True when `WIREWORK_SOAK=1` is set and may be read. */
export const SOAK: boolean =
  Deno.permissions.querySync({ name: "env", variable: "WIREWORK_SOAK" })
      .state === "granted" && Deno.env.get("WIREWORK_SOAK") === "1";
