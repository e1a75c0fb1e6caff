import { belowWindowParams, downlinePageParams, downlineWindow, windowCountParams } from "../utils/downline"

// anna (top) -> ben -> cleo; dora at the top of another tree
const anna = { depth: 0, path: "anna/" }
const ben = { depth: 1, path: "anna/ben/" }
const cleo = { depth: 2, path: "anna/ben/cleo/" }
const dora = { depth: 0, path: "dora/" }

describe("downlineWindow: the levels and paths of one downline page", () => {
  it("starts on the level below the root and ends at the depth limit or the deepest level of the network", () => {
    expect(downlineWindow(anna, 31)).toEqual({ first_depth: 1, last_depth: 31, first_lower: "anna/", upper: "anna0" })
    expect(downlineWindow(anna, 31, 3)).toMatchObject({ first_depth: 1, last_depth: 3 })
    expect(downlineWindow(ben, 31, 100)).toMatchObject({ first_depth: 2, last_depth: 31, upper: "anna/ben0" })
  })

  it("continues after the cursor on the cursor's level", () => {
    expect(downlineWindow(anna, 31, 100, cleo)).toEqual({ first_depth: 2, last_depth: 31, first_lower: "anna/ben/cleo/", upper: "anna0" })
  })

  it("refuses a cursor that is the root itself or outside the root's team", () => {
    expect(downlineWindow(ben, 31, undefined, ben)).toBeNull()
    expect(downlineWindow(ben, 31, undefined, dora)).toBeNull()
    expect(downlineWindow(ben, 31, undefined, anna)).toBeNull()
  })

  it("gives each query its parameters in the query's order", () => {
    const w = downlineWindow(anna, 31, 3, ben)!
    expect(downlinePageParams(anna, w, 50, 10)).toEqual([0, 1, 3, "anna/ben/", "anna/", "anna0", 60, 50, 10])
    expect(belowWindowParams(anna, w)).toEqual([4, "anna/", "anna0"])
    expect(windowCountParams(anna, w)).toEqual([1, 3, "anna/", "anna0"])
  })
})
