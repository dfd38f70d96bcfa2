// A task module that throws while it loads, for tests/concurrency/worker_pool_test.ts.
throw new Error("cannot load on purpose");
