import { GroupCommit } from "../group-commit"

/** Batches the test finishes by hand, remembering how each was run (together or alone). */
function manualWork() {
  const runs: { how: "batch" | "one"; keys: string[]; finish: () => void; fail: (error: Error) => void }[] = []
  const start = (how: "batch" | "one", keys: string[]) =>
    new Promise<void>((resolve, reject) => runs.push({ how, keys, finish: resolve, fail: reject }))
  return { runs, run: (keys: string[]) => start("batch", keys), runOne: (key: string) => start("one", [key]) }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))
const outcome = (p: Promise<void>) => p.then(() => "done", (e: Error) => e.message)

describe("GroupCommit", () => {
  it("runs a key as a batch of one at once when nothing runs, and the keys that arrive meanwhile together after it", async () => {
    const { runs, run, runOne } = manualWork()
    const group = new GroupCommit(run, runOne)
    const first = group.add("a")
    await tick()
    expect(runs.map((r) => [r.how, r.keys])).toEqual([["batch", ["a"]]])

    const later = ["b", "c", "d"].map((k) => group.add(k))
    await tick()
    expect(runs).toHaveLength(1)
    expect(group.waiting).toBe(3)
    runs[0].finish()
    await first
    await tick()
    expect(runs.map((r) => [r.how, r.keys])).toEqual([
      ["batch", ["a"]],
      ["batch", ["b", "c", "d"]],
    ])
    runs[1].finish()
    await expect(Promise.all(later.map(outcome))).resolves.toEqual(["done", "done", "done"])
    expect(group.waiting).toBe(0)
  })

  it("cuts what waits into batches of at most maxBatch keys, one batch at a time", async () => {
    const { runs, run, runOne } = manualWork()
    const group = new GroupCommit(run, runOne, 2)
    group.add("a")
    await tick()
    const rest = ["b", "c", "d", "e", "f"].map((k) => group.add(k))
    for (let i = 0; i < 3; i++) {
      runs[i].finish()
      await tick()
      expect(runs).toHaveLength(i + 2) // the next batch starts only when this one ends
    }
    expect(runs.map((r) => [r.how, r.keys])).toEqual([
      ["batch", ["a"]],
      ["batch", ["b", "c"]],
      ["batch", ["d", "e"]],
      ["batch", ["f"]],
    ])
    runs[3].finish()
    await expect(Promise.all(rest.map(outcome))).resolves.toEqual(["done", "done", "done", "done", "done"])
  })

  it("runs each key of a failed batch alone, and each caller gets its own key's outcome", async () => {
    const { runs, run, runOne } = manualWork()
    const group = new GroupCommit(run, runOne)
    const first = group.add("a")
    await tick()
    const later = ["b", "c"].map((k) => group.add(k))
    runs[0].finish()
    await first
    await tick()
    runs[1].fail(new Error("the batch failed"))
    await tick()
    expect(runs.slice(2).map((r) => [r.how, r.keys])).toEqual([["one", ["b"]]]) // one by one
    runs[2].finish()
    await tick()
    runs[3].fail(new Error("c is broken"))
    await expect(Promise.all(later.map(outcome))).resolves.toEqual(["done", "c is broken"])
    expect(runs.map((r) => r.keys)).toEqual([["a"], ["b", "c"], ["b"], ["c"]])
  })

  it("runs a failed batch of one key alone, rejects that caller only with its own outcome, and goes on with what waits", async () => {
    const { runs, run, runOne } = manualWork()
    const group = new GroupCommit(run, runOne)
    const first = group.add("a")
    await tick()
    const second = group.add("b")
    runs[0].fail(new Error("the batch of a failed"))
    await tick()
    expect(runs.map((r) => [r.how, r.keys])).toEqual([
      ["batch", ["a"]],
      ["one", ["a"]],
    ])
    runs[1].fail(new Error("a is broken"))
    await expect(outcome(first)).resolves.toBe("a is broken")
    await tick()
    expect(runs.map((r) => [r.how, r.keys])[2]).toEqual(["batch", ["b"]])
    runs[2].finish()
    await expect(outcome(second)).resolves.toBe("done")
  })

  it("refuses a batch size below 1", () => {
    expect(() => new GroupCommit(async () => {}, async () => {}, 0)).toThrow("A group commit needs a batch of at least 1, not 0")
  })
})
