import {
  sleep
} from "../chunk-37OBLCXK.js";
import "../chunk-G7G5ZRWQ.js";

// concurrency/_playground/worker.ts
function count(counter, lock, times, start) {
  start.wait({
    timeout: 3e4
  });
  for (let i = 0; i < times; i++) {
    if (lock === null) {
      counter[0] = counter[0] + 1;
      continue;
    }
    lock.acquire();
    try {
      counter[0] = counter[0] + 1;
    } finally {
      lock.release();
    }
  }
  return times;
}
function crossed(first, second, both) {
  using _first = first.hold();
  both.wait({
    timeout: 3e4
  });
  using _second = second.hold();
  return `took '${first.name}' then '${second.name}'`;
}
function ordered(first, second, both) {
  both.wait({
    timeout: 3e4
  });
  using _first = first.hold();
  using _second = second.hold();
  return `took '${first.name}' then '${second.name}'`;
}
function backOff(first, second, both) {
  for (let tries = 1; ; tries++) {
    first.acquire();
    try {
      if (tries === 1) both.wait({
        timeout: 3e4
      });
      if (second.acquire({
        timeout: 50
      })) {
        second.release();
        return `took '${first.name}' then '${second.name}' after ${tries} ${tries === 1 ? "try" : "tries"}`;
      }
    } finally {
      first.release();
    }
    sleep(first.id < second.id ? 10 : 60);
  }
}
function nested(outer, inner) {
  using _outer = outer.hold();
  using _inner = inner.hold();
  return `took '${inner.name}' while holding '${outer.name}'`;
}
function run(...scenario) {
  switch (scenario[0]) {
    case "count":
      return count(scenario[1], scenario[2], scenario[3], scenario[4]);
    case "deadlock":
      return crossed(scenario[1], scenario[2], scenario[3]);
    case "ordered":
      return ordered(scenario[1], scenario[2], scenario[3]);
    case "back-off":
      return backOff(scenario[1], scenario[2], scenario[3]);
    case "park":
      scenario[1].wait();
      return "the event was set";
    case "acquire-permit":
      scenario[1].acquire();
      return "took a permit";
    case "get":
      return `got '${scenario[1].get()}'`;
    case "arrive":
      scenario[1].wait();
      return "the barrier opened";
    case "nested":
      return nested(scenario[1], scenario[2]);
  }
}
export {
  run as default
};
