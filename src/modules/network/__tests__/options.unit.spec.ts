import { parsePluginOptions, storefrontUrl } from "../options"

describe("plugin options", () => {
  it("has a default for everything", () => {
    expect(parsePluginOptions(undefined)).toEqual({
      storefront_url_template: "https://shop.example/{handle}",
      member_group_name: "MLM Members",
      reserved_handles: [],
      attribution: { policy: "last_touch", lifetime_binding: true, window_days: 30 },
    })
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
