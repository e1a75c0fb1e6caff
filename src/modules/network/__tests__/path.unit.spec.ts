import {
  childPath,
  depthOfPath,
  idsInPath,
  isInSubtree,
  rebasePath,
  rootPath,
  subtreeRange,
  uplineIdsFromPath,
} from "../utils/path"

describe("materialized ancestry paths", () => {
  const a = rootPath("dist_a")
  const b = childPath(a, "dist_b")
  const c = childPath(b, "dist_c")

  it("builds a path from the top down, each id followed by '/'", () => {
    expect(a).toBe("dist_a/")
    expect(b).toBe("dist_a/dist_b/")
    expect(c).toBe("dist_a/dist_b/dist_c/")
  })

  it("reads depth, ids and the upline (nearest sponsor first) off a path", () => {
    expect(depthOfPath(a)).toBe(0)
    expect(depthOfPath(c)).toBe(2)
    expect(idsInPath(c)).toEqual(["dist_a", "dist_b", "dist_c"])
    expect(uplineIdsFromPath(c)).toEqual(["dist_b", "dist_a"])
    expect(uplineIdsFromPath(a)).toEqual([])
  })

  it("knows who is in a subtree, and that a sibling with a longer id is not", () => {
    expect(isInSubtree(c, b)).toBe(true)
    expect(isInSubtree(b, c)).toBe(false)
    expect(isInSubtree("dist_a/dist_bb/", b)).toBe(false)
  })

  it("gives the byte range of a subtree: everything that starts with the prefix, nothing else", () => {
    const range = subtreeRange(b)
    expect(range).toEqual({ from: "dist_a/dist_b/", to: "dist_a/dist_b0" })
    const inRange = (p: string) => p >= range.from && p < range.to
    expect(inRange(b)).toBe(true)
    expect(inRange(c)).toBe(true)
    expect(inRange("dist_a/dist_b/dist_z/dist_y/")).toBe(true)
    expect(inRange("dist_a/dist_bb/")).toBe(false)
    expect(inRange("dist_a/dist_b")).toBe(false)
    expect(inRange(a)).toBe(false)
  })

  it("rebases a moved subtree onto its new sponsor", () => {
    const newParent = rootPath("dist_x")
    const movedRoot = childPath(newParent, "dist_b")
    expect(rebasePath(c, b, movedRoot)).toBe("dist_x/dist_b/dist_c/")
    expect(rebasePath(b, b, movedRoot)).toBe("dist_x/dist_b/")
    expect(() => rebasePath(a, b, movedRoot)).toThrow("path dist_a/ is not inside dist_a/dist_b/")
  })
})
