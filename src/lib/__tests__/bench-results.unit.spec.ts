import fc from "fast-check"
// the benches' shared figures (CommonJS, used by the .mjs and the TypeScript benches)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pairedBootstrap, quantile } = require("../../../scripts/lib/results.cjs")

/** Orders per second over rounds of equal size: the total rate, as the checkout bench computes it. */
const total = (rates: number[]) => rates.length / rates.reduce((s, perS) => s + 1 / perS, 0)
const ratioOfTotals = (a: number[], b: number[]) => total(a) / total(b)

describe("pairedBootstrap", () => {
  it("gives exactly the ratio when every rotation has it", () => {
    const host = [2, 1, 4, 2.5, 1.25]
    const plugin = host.map((x) => x * 0.9)
    const [low, high] = pairedBootstrap(plugin, host, ratioOfTotals)
    expect(low).toBeCloseTo(0.9, 12)
    expect(high).toBeCloseTo(0.9, 12)
  })

  it("gives the same interval for the same figures, wider as the rotations disagree more", () => {
    const host = [1.7, 1.8, 1.6, 1.9, 1.75, 1.65, 1.8, 1.7]
    const near = host.map((x, k) => x * (k % 2 ? 0.97 : 0.95))
    const far = host.map((x, k) => x * (k % 2 ? 1.1 : 0.82))
    const once = pairedBootstrap(near, host, ratioOfTotals)
    expect(pairedBootstrap(near, host, ratioOfTotals)).toEqual(once)
    expect(once[0]).toBeGreaterThanOrEqual(0.95)
    expect(once[1]).toBeLessThanOrEqual(0.97)
    const wide = pairedBootstrap(far, host, ratioOfTotals)
    expect(wide[1] - wide[0]).toBeGreaterThan(once[1] - once[0])
  })

  it("stays within the rotations' own ratios, low below high", () => {
    const rate = fc.double({ min: 0.1, max: 10, noNaN: true })
    fc.assert(
      fc.property(fc.array(fc.tuple(rate, rate), { minLength: 1, maxLength: 12 }), (pairs) => {
        const a = pairs.map(([x]) => x)
        const b = pairs.map(([, y]) => y)
        const own = pairs.map(([x, y]) => x / y)
        const [low, high] = pairedBootstrap(a, b, ratioOfTotals, { draws: 200 })
        const eps = 1e-9
        return low <= high + eps && low >= Math.min(...own) - eps && high <= Math.max(...own) + eps
      })
    )
  })

  it("refuses lists of different lengths", () => {
    expect(() => pairedBootstrap([1], [1, 2], ratioOfTotals)).toThrow("pairedBootstrap needs two lists of the same non-zero length")
  })
})

describe("quantile", () => {
  it("interpolates between neighbours", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5)
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75)
    expect(quantile([4, 1, 3, 2], 1)).toBe(4)
  })
})
