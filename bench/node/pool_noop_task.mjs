// The no-op task of bench/node/pool_piscina.mjs.
export default function noop() {}
