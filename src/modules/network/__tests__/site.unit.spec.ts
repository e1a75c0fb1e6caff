import { publicSiteFields, sitePhotoKind } from "../utils/site"

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

describe("sitePhotoKind (the photo's type from its first bytes)", () => {
  const bytes = (...b: number[]) => Uint8Array.from(b)
  it("knows JPEG, PNG and WebP by their signatures and nothing else", () => {
    expect(sitePhotoKind(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe("jpeg")
    expect(sitePhotoKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe("png")
    expect(sitePhotoKind(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50))).toBe("webp")
    // a RIFF that is not WebP (a WAV), a GIF, an SVG, a truncated PNG, nothing
    expect(sitePhotoKind(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBeNull()
    expect(sitePhotoKind(Buffer.from("GIF89a"))).toBeNull()
    expect(sitePhotoKind(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull()
    expect(sitePhotoKind(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull()
    expect(sitePhotoKind(bytes())).toBeNull()
  })
})
