import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type NetworkModuleService from "../../modules/network/service"
import type { DistributorDTO, FeaturedProduct, OwnStorefrontView, StorefrontView } from "../../modules/network/types"
import { publicSiteFields } from "../../modules/network/utils/site"
import { storeUrlOf } from "./network"

const PRODUCT_FIELDS = ["id", "title", "handle", "subtitle", "thumbnail"]

/** A distributor's page: name, link and site, featured products the shop still sells (published). */
export async function storefrontViewOf(
  scope: MedusaContainer,
  network: NetworkModuleService,
  distributor: DistributorDTO
): Promise<{ view: StorefrontView; own: OwnStorefrontView }> {
  const [site] = await network.listDistributorSites({ distributor_id: distributor.id })
  let products: FeaturedProduct[] = []
  if (site?.featured_product_ids.length) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product",
      fields: PRODUCT_FIELDS,
      filters: { id: site.featured_product_ids, status: "published" },
    })
    products = data.map((p: any) => ({ id: p.id, title: p.title, handle: p.handle, subtitle: p.subtitle ?? null, thumbnail: p.thumbnail ?? null }))
  }
  const view: StorefrontView = {
    handle: distributor.handle,
    display_name: distributor.display_name,
    store_url: storeUrlOf(network, distributor.handle),
    ...publicSiteFields(site ?? null, products),
  }
  // The owner sees their own fields even where an admin hid them from the public page.
  const own: OwnStorefrontView = {
    ...view,
    ...publicSiteFields(site ? { ...site, hidden_fields: [] } : null, products),
    featured_product_ids: site?.featured_product_ids ?? [],
    hidden_fields: site?.hidden_fields ?? [],
  }
  return { view, own }
}
