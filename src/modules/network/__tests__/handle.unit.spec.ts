import { checkHandle } from "../utils/handle"

describe("handle rules", () => {
  it.each([
    ["jane-doe"],
    ["abc"],
    ["a1b2c3"],
    ["x".repeat(32)],
    ["team-42-north"],
  ])("accepts %s", (handle) => {
    expect(checkHandle(handle)).toEqual({ valid: true, handle })
  })

  it("lower-cases and trims, so uniqueness is case-insensitive", () => {
    expect(checkHandle("  Jane-Doe ")).toEqual({ valid: true, handle: "jane-doe" })
  })

  it.each([
    ["ab", "handle must be at least 3 characters long"],
    ["", "handle must be at least 3 characters long"],
    ["x".repeat(33), "handle must be at most 32 characters long"],
    ["jane_doe", "handle may contain only the letters a-z, digits 0-9 and '-'"],
    ["jane doe", "handle may contain only the letters a-z, digits 0-9 and '-'"],
    ["jané", "handle may contain only the letters a-z, digits 0-9 and '-'"],
    ["jane.doe", "handle may contain only the letters a-z, digits 0-9 and '-'"],
    ["-jane", "handle may not start or end with '-'"],
    ["jane-", "handle may not start or end with '-'"],
    ["jane--doe", "handle may not contain '--'"],
    ["admin", "handle 'admin' is reserved"],
    ["Checkout", "handle 'checkout' is reserved"],
    ["www", "handle 'www' is reserved"],
  ])("rejects %j: %s", (handle, reason) => {
    const result = checkHandle(handle)
    expect(result.valid).toBe(false)
    expect(result).toMatchObject({ reason })
  })

  it("rejects a non-string", () => {
    expect(checkHandle(42)).toMatchObject({ valid: false, reason: "handle must be a string" })
  })

  it("adds the shop's own reserved words from the plugin options", () => {
    expect(checkHandle("black-friday", ["Black-Friday"])).toMatchObject({
      valid: false,
      reason: "handle 'black-friday' is reserved",
    })
    expect(checkHandle("black-friday")).toEqual({ valid: true, handle: "black-friday" })
  })

})

describe("the default display name", () => {
  const { publicDisplayName } = require("../utils/display-name")

  it("shows the first name and the last name's initial, not the full legal name", () => {
    expect(publicDisplayName({ first_name: "Emma", last_name: "dubois" })).toBe("Emma D.")
    expect(publicDisplayName({ first_name: " Jürgen ", last_name: "Özdemir" })).toBe("Jürgen Ö.")
  })

  it("makes do with what the customer gave", () => {
    expect(publicDisplayName({ first_name: "Emma", last_name: null })).toBe("Emma")
    expect(publicDisplayName({ first_name: "", last_name: "Dubois" })).toBe("D.")
    expect(publicDisplayName({})).toBe("")
  })
})
