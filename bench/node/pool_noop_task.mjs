// The no-op task of bench/node/pool_piscina.mjs and pool_wirework.mjs.
export default function noop() {}
