import { parsePluginOptions, storefrontUrl } from "../options"

describe("plugin options", () => {
  it("has a default for everything", () => {
    expect(parsePluginOptions(undefined)).toEqual({
      storefront_url_template: "https://shop.example/{handle}",
      member_group_name: "MLM Members",
      reserved_handles: [],
      attribution: { policy: "last_touch", lifetime_binding: true, window_days: 30 },
      mature_from: "fulfilled",
      placed_order_batch: 20,
      payouts: { providers: [{ id: "manual", options: {} }], default_provider: "manual" },
      simulation: { warn_payout_percent: null },
    })
  })

  it("checks the placed-order batch: a whole number from 1 to 100", () => {
    expect(parsePluginOptions({ placed_order_batch: 1 }).placed_order_batch).toBe(1)
    expect(() => parsePluginOptions({ placed_order_batch: 0 })).toThrow(/placed_order_batch/)
    expect(() => parsePluginOptions({ placed_order_batch: 2.5 })).toThrow(/placed_order_batch/)
    expect(() => parsePluginOptions({ placed_order_batch: 101 })).toThrow(/placed_order_batch/)
  })

  it("checks the simulator's payout share: above 0, at most 100", () => {
    expect(parsePluginOptions({ simulation: { warn_payout_percent: 35 } }).simulation.warn_payout_percent).toBe(35)
    expect(() => parsePluginOptions({ simulation: { warn_payout_percent: 0 } })).toThrow(/simulation.warn_payout_percent/)
    expect(() => parsePluginOptions({ simulation: { warn_payout_percent: 120 } })).toThrow(/simulation.warn_payout_percent/)
  })

  it("checks the payout providers: unique ids, a default among them", () => {
    expect(() => parsePluginOptions({ payouts: { providers: [{ id: "manual" }, { id: "manual" }] } })).toThrow(
      /payouts.providers: provider ids must be unique/
    )
    expect(() => parsePluginOptions({ payouts: { providers: [{ id: "manual" }], default_provider: "stripe-connect" } })).toThrow(
      /payouts.default_provider: default_provider must be one of the configured providers/
    )
    expect(() => parsePluginOptions({ mature_from: "shipped" })).toThrow(/mature_from/)
    expect(parsePluginOptions({ mature_from: "placed" }).mature_from).toBe("placed")
  })

  it("keeps what the shop configured", () => {
    const options = parsePluginOptions({
      storefront_url_template: "https://acme.test/r/{handle}",
      member_group_name: "Wholesale",
      reserved_handles: ["sale"],
      attribution: { policy: "first_touch" },
    })
    expect(options.storefront_url_template).toBe("https://acme.test/r/{handle}")
    expect(options.attribution).toEqual({ policy: "first_touch", lifetime_binding: true, window_days: 30 })
  })

  it("rejects a template without {handle} with a message naming the option", () => {
    expect(() => parsePluginOptions({ storefront_url_template: "https://acme.test/" })).toThrow(
      "medusa-plugin-mlm: invalid plugin options: storefront_url_template: must contain the placeholder {handle}"
    )
  })

  it("rejects unknown options, which are usually typos", () => {
    expect(() => parsePluginOptions({ member_group: "x" })).toThrow(/invalid plugin options.*member_group/)
  })

  it("rejects a wrong type", () => {
    expect(() => parsePluginOptions({ reserved_handles: "sale" })).toThrow(/reserved_handles/)
  })

  it("builds a store URL from the template", () => {
    expect(storefrontUrl("https://shop.example/{handle}", "jane-doe")).toBe("https://shop.example/jane-doe")
    expect(storefrontUrl("https://{handle}.shop.example/?ref={handle}", "jo")).toBe(
      "https://jo.shop.example/?ref=jo"
    )
  })
})
