import type { DistributorSiteDTO, FeaturedProduct, SiteContact, SiteField } from "../types"

/**
 * What a distributor's public page shows of their site: every field an admin hid is null, and the
 * featured products in the distributor's order, leaving out those the shop no longer sells.
 */
export function publicSiteFields(
  site: Pick<DistributorSiteDTO, "bio" | "avatar_url" | "contact" | "featured_product_ids" | "hidden_fields"> | null,
  products: FeaturedProduct[]
): { bio: string | null; avatar_url: string | null; contact: SiteContact | null; featured_products: FeaturedProduct[] } {
  const hidden = new Set<SiteField>(site?.hidden_fields ?? [])
  const byId = new Map(products.map((p) => [p.id, p]))
  const contact = site?.contact && Object.keys(site.contact).length ? site.contact : null
  return {
    bio: hidden.has("bio") ? null : site?.bio || null,
    avatar_url: hidden.has("avatar_url") ? null : site?.avatar_url || null,
    contact: hidden.has("contact") ? null : contact,
    featured_products: (site?.featured_product_ids ?? []).map((id) => byId.get(id)).filter((p): p is FeaturedProduct => !!p),
  }
}
