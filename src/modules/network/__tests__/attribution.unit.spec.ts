import { decideAttribution, effectiveTouch } from "../utils/attribution"

const jane = { id: "dist_jane", status: "active" as const }
const ben = { id: "dist_ben", status: "active" as const }
const gone = { id: "dist_gone", status: "terminated" as const }
const resting = { id: "dist_resting", status: "inactive" as const }

describe("order attribution rules", () => {
  it("credits the referring distributor of a retail order and binds the customer for life", () => {
    expect(
      decideAttribution({ buyer: null, referral: { distributor: jane, handle: "jane" }, binding: null, lifetimeBinding: true })
    ).toEqual({ distributor_id: "dist_jane", source: "link", referral_handle: "jane", bind_to: "dist_jane" })
  })

  it("does not bind when lifetime binding is off, or when the customer is already bound", () => {
    const facts = { buyer: null, referral: { distributor: jane, handle: "jane" } }
    expect(decideAttribution({ ...facts, binding: null, lifetimeBinding: false })?.bind_to).toBeNull()
    const bound = decideAttribution({ ...facts, binding: { distributor: ben, source: "order" }, lifetimeBinding: true })
    expect(bound).toEqual({ distributor_id: "dist_jane", source: "link", referral_handle: "jane", bind_to: null })
  })

  it("credits the bound distributor when an order has no referral", () => {
    expect(decideAttribution({ buyer: null, referral: null, binding: { distributor: ben, source: "order" }, lifetimeBinding: true }))
      .toEqual({ distributor_id: "dist_ben", source: "lifetime", referral_handle: null, bind_to: null })
    expect(
      decideAttribution({ buyer: null, referral: null, binding: { distributor: ben, source: "enrollment" }, lifetimeBinding: true })
    ).toMatchObject({ distributor_id: "dist_ben", source: "enrollment" })
    expect(
      decideAttribution({ buyer: null, referral: null, binding: { distributor: ben, source: "order" }, lifetimeBinding: false })
    ).toBeNull()
  })

  it("treats a distributor's purchase as their own order, even through someone else's link", () => {
    expect(
      decideAttribution({ buyer: ben, referral: { distributor: jane, handle: "jane" }, binding: null, lifetimeBinding: true })
    ).toEqual({ distributor_id: "dist_ben", source: "self", referral_handle: "jane", bind_to: null })
  })

  it("never credits a terminated distributor, but still credits an inactive one", () => {
    expect(decideAttribution({ buyer: null, referral: { distributor: gone, handle: "gone" }, binding: { distributor: ben, source: "order" }, lifetimeBinding: true }))
      .toMatchObject({ distributor_id: "dist_ben", source: "lifetime" })
    expect(decideAttribution({ buyer: gone, referral: null, binding: null, lifetimeBinding: true })).toBeNull()
    expect(decideAttribution({ buyer: null, referral: { distributor: resting, handle: "resting" }, binding: null, lifetimeBinding: true }))
      .toMatchObject({ distributor_id: "dist_resting", source: "link" })
  })

  it("ignores a referral older than the attribution window, and falls back to the binding", () => {
    const referral = { distributor: jane, handle: "jane", touched_at: "2026-10-01T10:00:00.000Z" }
    const base = { buyer: null, referral, binding: null, lifetimeBinding: true, windowDays: 30 }
    expect(decideAttribution({ ...base, placedAt: "2026-10-31T10:00:00.000Z" })).toMatchObject({ source: "link" })
    expect(decideAttribution({ ...base, placedAt: "2026-10-31T10:00:01.000Z" })).toBeNull()
    expect(
      decideAttribution({ ...base, binding: { distributor: ben, source: "order" }, placedAt: "2026-11-20T00:00:00.000Z" })
    ).toMatchObject({ distributor_id: "dist_ben", source: "lifetime" })
  })

  it("credits nobody for a retail order without referral or binding", () => {
    expect(decideAttribution({ buyer: null, referral: null, binding: null, lifetimeBinding: true })).toBeNull()
  })

  it("follows the newest touch under last_touch and the oldest under first_touch", () => {
    const touches = [
      { handle: "jane", distributor_id: "dist_jane", source: "link" as const, at: "2026-11-01T10:00:00.000Z" },
      { handle: "ben", distributor_id: "dist_ben", source: "link" as const, at: "2026-11-02T10:00:00.000Z" },
    ]
    expect(effectiveTouch(touches, "last_touch")?.handle).toBe("ben")
    expect(effectiveTouch(touches, "first_touch")?.handle).toBe("jane")
    expect(effectiveTouch([], "last_touch")).toBeNull()
  })
})
