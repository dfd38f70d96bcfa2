import assert from "node:assert/strict";
import { Stack } from "../../generics/stack.ts";
import { Random } from "../_helpers/generics_random.ts";

Deno.test("Stack agrees with an array model over 20000 random operations", () => {
  const random = new Random();
  const stack = new Stack<number>();
  const model: number[] = [];
  for (let step = 0; step < 20_000; step++) {
    const operation = random.int(0, 9);
    if (operation < 5) {
      const value = random.int(-1000, 1000);
      assert.equal(stack.push(value), model.push(value));
    } else if (operation < 7) {
      if (model.length === 0) {
        assert.throws(() => stack.pop(), RangeError);
      } else {
        assert.equal(stack.pop(), model.pop(), `step ${step}`);
      }
    } else if (operation === 7) {
      assert.equal(stack.tryPop(), model.pop(), `step ${step}`);
    } else if (operation === 8) {
      assert.equal(stack.tryPeek(), model.at(-1), `step ${step}`);
      if (model.length > 0) assert.equal(stack.peek(), model.at(-1));
    } else if (step % 50 === 0) {
      assert.deepEqual([...stack], model.toReversed(), `step ${step}`);
    }
    assert.equal(stack.size, model.length);
    assert.equal(stack.isEmpty(), model.length === 0);
  }
});

Deno.test("Stack.pop() and peek() throw a RangeError on an empty stack", () => {
  const stack = new Stack<string>();
  assert.throws(() => stack.pop(), {
    name: "RangeError",
    message: "Cannot pop from an empty stack",
  });
  assert.throws(() => stack.peek(), RangeError);
  assert.equal(stack.tryPop(), undefined);
  assert.equal(stack.tryPeek(), undefined);
});

Deno.test("Stack iterates from the top and Stack.from() puts the last element on top", () => {
  const stack = Stack.from(new Set(["bottom", "middle", "top"]));
  assert.deepEqual([...stack], ["top", "middle", "bottom"]);
  assert.equal(stack.size, 3, "iterating does not remove anything");
  assert.equal(stack.pop(), "top");
});

Deno.test("Stack.clear() empties the stack", () => {
  const stack = Stack.from([1, 2, 3]);
  stack.clear();
  assert.equal(stack.isEmpty(), true);
  assert.deepEqual([...stack], []);
});
