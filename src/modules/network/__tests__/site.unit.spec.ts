import { publicSiteFields } from "../utils/site"

const shoe = { id: "prod_shoe", title: "Trail shoe", handle: "trail-shoe", subtitle: null, thumbnail: null }
const cap = { id: "prod_cap", title: "Cap", handle: "cap", subtitle: "Cotton", thumbnail: "https://cdn.example/cap.jpg" }
const site = {
  bio: "Runner.",
  avatar_url: "https://cdn.example/a.jpg",
  contact: { email: "a@example.com" },
  featured_product_ids: ["prod_cap", "prod_gone", "prod_shoe"],
  hidden_fields: [] as ("bio" | "avatar_url" | "contact")[],
}

describe("publicSiteFields", () => {
  it("shows the site with the featured products in the distributor's order, leaving out those no longer sold", () => {
    expect(publicSiteFields(site, [shoe, cap])).toEqual({
      bio: "Runner.",
      avatar_url: "https://cdn.example/a.jpg",
      contact: { email: "a@example.com" },
      featured_products: [cap, shoe],
    })
  })

  it("hides what an admin hid, and shows nothing for a distributor without a site or with empty fields", () => {
    expect(publicSiteFields({ ...site, hidden_fields: ["bio", "contact"] }, [])).toEqual({
      bio: null,
      avatar_url: "https://cdn.example/a.jpg",
      contact: null,
      featured_products: [],
    })
    expect(publicSiteFields(null, [shoe])).toEqual({ bio: null, avatar_url: null, contact: null, featured_products: [] })
    expect(publicSiteFields({ ...site, bio: "", contact: {} }, []).bio).toBeNull()
    expect(publicSiteFields({ ...site, bio: "", contact: {} }, []).contact).toBeNull()
  })
})
