import fc from "fast-check"
import { Semaphore } from "../semaphore"

describe("Semaphore", () => {
  it("never lets more than its limit run at once, runs everything, in arrival order, and survives failures", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ ticks: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() }), { maxLength: 30 }),
        async (limit, jobs) => {
          const semaphore = new Semaphore(limit)
          let running = 0
          let most = 0
          const started: number[] = []
          const outcomes = await Promise.allSettled(
            jobs.map((job, i) =>
              semaphore.run(async () => {
                started.push(i)
                most = Math.max(most, ++running)
                for (let t = 0; t < job.ticks; t++) await Promise.resolve()
                running--
                if (job.fails) throw new Error(`job ${i}`)
                return i
              })
            )
          )
          expect(most).toBeLessThanOrEqual(limit)
          expect(started).toEqual(jobs.map((_, i) => i))
          expect(outcomes.map((o) => o.status)).toEqual(jobs.map((job) => (job.fails ? "rejected" : "fulfilled")))
          expect(semaphore.holders).toBe(0)
        }
      )
    )
  })

  it("refuses a limit below 1", () => {
    expect(() => new Semaphore(0)).toThrow("A semaphore needs a limit of at least 1, not 0")
  })
})
