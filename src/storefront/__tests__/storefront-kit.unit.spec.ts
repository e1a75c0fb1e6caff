import Medusa from "@medusajs/js-sdk"
import { cachedHandleLookup, decideReferral, mlm, REFERRAL_COOKIE, storefrontExists } from "../index"

const known = new Set(["anna", "ben-smith"])
const lookups: string[] = []
const isHandle = async (handle: string) => {
  lookups.push(handle)
  return known.has(handle)
}
const decide = (path: string) => decideReferral(new URL(path, "https://shop.example"), { isHandle, ownSegments: ["de", "us", "account", "products"], windowDays: 30 })

beforeEach(() => (lookups.length = 0))

describe("decideReferral", () => {
  it("turns /{handle} into the referral cookie (lifetime = the attribution window) and a redirect into the storefront", async () => {
    expect(await decide("/Anna")).toEqual({
      action: "redirect",
      location: "/",
      cookie: { name: REFERRAL_COOKIE, value: "anna", maxAge: 2_592_000, path: "/", sameSite: "lax", httpOnly: false },
    })
    expect(lookups).toEqual(["anna"])
  })

  it("lands a /{handle} visitor on the page the storefront names for that handle (its own distributor page)", async () => {
    const url = new URL("/ben-smith", "https://shop.example")
    expect(await decideReferral(url, { isHandle, landing: (handle) => `/dk/with/${handle}` })).toMatchObject({
      action: "redirect",
      location: "/dk/with/ben-smith",
      cookie: { value: "ben-smith", maxAge: 2_592_000 },
    })
  })

  it("turns ?ref={handle} on a real page into the cookie and the same page without the parameter", async () => {
    expect(await decide("/de/products/trail-shoe?ref=ben-smith&size=42")).toMatchObject({
      action: "redirect",
      location: "/de/products/trail-shoe?size=42",
      cookie: { value: "ben-smith" },
    })
  })

  it("leaves real pages, assets, framework routes and unknown handles alone, asking about a handle at most once", async () => {
    for (const path of ["/", "/de", "/account", "/de/products/x", "/_next/static/chunk.js", "/favicon.ico", "/logo.png", "/api/x", "/a", "/ghost", "/x?ref=ghost", "/x?ref=../evil"]) {
      expect([path, await decide(path)]).toEqual([path, { action: "pass" }])
    }
    expect(lookups).toEqual(["ghost", "ghost"])
  })
})

describe("cachedHandleLookup", () => {
  it("asks once per handle within the TTL, shares overlapping asks, and does not remember an outage", async () => {
    let clock = 0
    const asked: string[] = []
    let down = false
    const lookup = cachedHandleLookup(
      async (handle) => {
        asked.push(handle)
        if (down) throw new Error("backend down")
        return handle === "anna"
      },
      { ttlMs: 1000, now: () => clock }
    )
    expect(await Promise.all([lookup("anna"), lookup("anna"), lookup("ghost")])).toEqual([true, true, false])
    expect(await lookup("ghost")).toBe(false)
    expect(asked).toEqual(["anna", "ghost"])
    clock = 1001
    down = true
    expect(await lookup("anna")).toBe(false)
    down = false
    expect(await lookup("anna")).toBe(true)
    expect(asked).toEqual(["anna", "ghost", "anna", "anna"])
  })

  it("storefrontExists reads a 404 as no and any other failure as an outage", async () => {
    const answers: Record<string, number> = { anna: 200, ghost: 404, broken: 500 }
    const fakeFetch = (async (url: string) => new Response("{}", { status: answers[url.split("/").pop()!] })) as unknown as typeof fetch
    const exists = storefrontExists("https://api.example/", "pk_1", fakeFetch)
    expect(await exists("anna")).toBe(true)
    expect(await exists("ghost")).toBe(false)
    await expect(exists("broken")).rejects.toThrow("storefront lookup answered 500")
  })
})

describe("mlm(sdk)", () => {
  const realFetch = globalThis.fetch
  afterEach(() => (globalThis.fetch = realFetch))

  it("calls the plugin's store routes through the js-sdk, with its publishable key", async () => {
    const calls: { url: string; method: string; body: unknown; key: string | null; auth: string | null }[] = []
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers)
      calls.push({
        url: String(input),
        method: init?.method ?? "GET",
        body: init?.body ? JSON.parse(String(init.body)) : null,
        key: headers.get("x-publishable-api-key"),
        auth: headers.get("authorization"),
      })
      return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "content-type": "application/json" } })
    }) as typeof fetch
    const kit = mlm(new Medusa({ baseUrl: "https://api.example", publishableKey: "pk_1" }))
    await kit.getStorefront("anna")
    await kit.attachReferral("cart_1", "anna")
    await kit.downline({ depth: 2, limit: 10 })
    await kit.updateMyStorefront({ bio: "Hi", featured_product_ids: ["prod_1"] })
    await kit.cartReferral("cart_1")
    await kit.payoutMethod()
    await kit.setPayoutMethod({ provider: "manual" })
    await kit.payouts({ limit: 5 })
    await kit.statement("2026-10")
    await kit.statement()
    expect(calls.every((c) => c.auth === null)).toBe(true)
    expect(calls.map(({ url, method, body, key }) => [url, method, body, key])).toEqual([
      ["https://api.example/store/mlm/storefronts/anna", "GET", null, "pk_1"],
      ["https://api.example/store/mlm/carts/cart_1/referral", "POST", { handle: "anna" }, "pk_1"],
      ["https://api.example/store/mlm/me/downline?depth=2&limit=10", "GET", null, "pk_1"],
      ["https://api.example/store/mlm/me/storefront", "POST", { bio: "Hi", featured_product_ids: ["prod_1"] }, "pk_1"],
      ["https://api.example/store/mlm/carts/cart_1/referral", "GET", null, "pk_1"],
      ["https://api.example/store/mlm/me/payout-method", "GET", null, "pk_1"],
      ["https://api.example/store/mlm/me/payout-method", "POST", { provider: "manual" }, "pk_1"],
      ["https://api.example/store/mlm/me/payouts?limit=5", "GET", null, "pk_1"],
      ["https://api.example/store/mlm/me/statement?month=2026-10", "GET", null, "pk_1"],
      ["https://api.example/store/mlm/me/statement", "GET", null, "pk_1"],
    ])
  })

  it("sends the headers it is given on every call, asking a function each time (a token read from a cookie)", async () => {
    const seen: (string | null)[] = []
    globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("authorization"))
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } })
    }) as typeof fetch
    let token = 1
    const kit = mlm(new Medusa({ baseUrl: "https://api.example", publishableKey: "pk_1" }), {
      headers: async () => ({ authorization: `Bearer t${token++}` }),
    })
    await kit.me()
    await kit.handleAvailability(" Anna ")
    expect(seen).toEqual(["Bearer t1", "Bearer t2"])
  })

  it("uploads the site photo as multipart, letting fetch set the content type with its boundary", async () => {
    let sent: { url: string; body: unknown; type: string | null; auth: string | null } | null = null
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers)
      sent = { url: String(input), body: init?.body, type: headers.get("content-type"), auth: headers.get("authorization") }
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } })
    }) as typeof fetch
    const kit = mlm(new Medusa({ baseUrl: "https://api.example", publishableKey: "pk_1" }), { headers: { authorization: "Bearer t" } })
    await kit.uploadMyPhoto(new Blob([Uint8Array.from([0xff, 0xd8, 0xff])], { type: "image/jpeg" }), "me.jpg")
    expect(sent!.url).toBe("https://api.example/store/mlm/me/storefront/photo")
    expect(sent!.type).toBeNull()
    expect(sent!.auth).toBe("Bearer t")
    const file = (sent!.body as FormData).get("file") as File
    expect([file.name, file.type, file.size]).toEqual(["me.jpg", "image/jpeg", 3])
  })
})
