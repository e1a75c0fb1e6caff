import fc from "fast-check"
import { monotonicIdFactory, pooledCryptoRandom } from "../ids"

describe("monotonicIdFactory", () => {
  it("makes prefixed ULIDs that sort in the order they were made, within one millisecond too", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 300 }), (steps) => {
        const nextId = monotonicIdFactory("dist")
        let time = Date.UTC(2020, 0, 1)
        const ids = steps.map((step) => nextId((time += step)))
        for (const id of ids) expect(id).toMatch(/^dist_[0-9A-HJKMNP-TV-Z]{26}$/)
        expect([...ids].sort()).toEqual(ids)
        expect(new Set(ids).size).toBe(ids.length)
      })
    )
  })

  it("draws numbers in [0, 1) across pool refills", () => {
    const random = pooledCryptoRandom(16)
    const drawn = Array.from({ length: 100 }, random)
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(drawn).size).toBeGreaterThan(20)
  })
})
