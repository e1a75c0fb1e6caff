import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow, createShippingOptionsWorkflow, createTaxRegionsWorkflow, updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { DEMO_PRODUCTS, flatRateOption, type SeededStore } from "./seed-store"

const NAMES = { region: "MLM Demo United States", fulfillmentSet: "MLM Demo US delivery", shipping: "US standard shipping" }

export type SeededUsMarket = { region: { id: string; currency_code: string }; shippingOption: { id: string } }

/**
 * A second market in US dollars, so the demo's ledger and payouts have two currencies: a USD region
 * (United States, system payment), its tax region, a service zone with a flat-rate shipping option
 * from the demo warehouse, USD in the store's currencies and a USD price on every demo variant.
 * Idempotent, like seedStore: found by name first, and a variant that has its USD price keeps it.
 */
export async function seedUsMarket(container: MedusaContainer, store: SeededStore, log: (m: string) => void = () => {}): Promise<SeededUsMarket> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const regionModule = container.resolve(Modules.REGION)
  const storeModule = container.resolve(Modules.STORE)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const pricingModule = container.resolve(Modules.PRICING)

  log("store: US market (USD)")
  const [shop] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  if (!shop.supported_currencies?.some((c) => c.currency_code === "usd")) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: shop.id },
        update: {
          supported_currencies: [
            ...(shop.supported_currencies ?? []).map((c) => ({ currency_code: c.currency_code, is_default: c.is_default })),
            { currency_code: "usd", is_default: false },
          ],
        },
      },
    })
  }

  let [region] = await regionModule.listRegions({ name: NAMES.region })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: { regions: [{ name: NAMES.region, currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] }] },
    })
    region = result[0]
    await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "us", provider_id: "tp_system" }] })
  }

  let [option] = await fulfillmentModule.listShippingOptions({ name: NAMES.shipping })
  if (!option) {
    const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
      name: NAMES.fulfillmentSet,
      type: "shipping",
      service_zones: [{ name: "United States", geo_zones: [{ country_code: "us", type: "country" as const }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: store.stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    const [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: [
        flatRateOption({
          name: NAMES.shipping,
          service_zone_id: fulfillmentSet.service_zones[0].id,
          shipping_profile_id: profile.id,
          type: { label: "Standard", description: "3-5 days", code: "us-standard" },
          currency_code: "usd",
          region_id: region.id,
          amount: 5.9,
        }),
      ],
    })
    option = result[0] as any
  }

  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "price_set.id", "price_set.prices.currency_code"],
    filters: { id: store.products.flatMap((p) => p.variants.map((v) => v.id)) },
  })
  for (const variant of variants as any[]) {
    const amount = DEMO_PRODUCTS.find((p) => p.sku === variant.sku)?.usd_price
    const priceSet = variant.price_set
    if (amount === undefined || !priceSet || priceSet.prices?.some((p: any) => p.currency_code === "usd")) continue
    await pricingModule.addPrices({ priceSetId: priceSet.id, prices: [{ amount, currency_code: "usd" }] })
  }

  return { region: { id: region.id, currency_code: region.currency_code }, shippingOption: { id: option.id } }
}
