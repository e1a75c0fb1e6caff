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

/** The photo formats a site accepts, by their first bytes (the upload's own type and name are not trusted). */
export const SITE_PHOTO_TYPES = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const
/** A site photo's largest size: 2 MB. */
export const SITE_PHOTO_MAX_BYTES = 2 * 1024 * 1024

/** What an uploaded photo is, from its signature: JPEG (FF D8 FF), PNG (89 "PNG" 0D 0A 1A 0A) or WebP ("RIFF" .... "WEBP"); null for anything else. */
export function sitePhotoKind(bytes: Uint8Array): keyof typeof SITE_PHOTO_TYPES | null {
  const starts = (offset: number, signature: number[]) => signature.every((b, i) => bytes[offset + i] === b)
  if (starts(0, [0xff, 0xd8, 0xff])) return "jpeg"
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png"
  if (starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50])) return "webp"
  return null
}
