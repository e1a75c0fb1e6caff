import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export type SeededStore = {
  region: { id: string; currency_code: string }
  salesChannel: { id: string }
  publishableKey: string
  shippingOption: { id: string }
  returnShippingOption: { id: string }
  stockLocation: { id: string }
  products: { id: string; handle: string; variants: { id: string; sku: string; price: number }[] }[]
}

/** Retail prices in EUR and, for the US market (demo/seed-us.ts), in USD (major units, as Medusa stores them). */
export const DEMO_PRODUCTS = [
  { handle: "vitality-shake", title: "Vitality Shake", sku: "SHAKE-500G", price: 49.9, usd_price: 54.9 },
  { handle: "omega-3-capsules", title: "Omega-3 Capsules", sku: "OMEGA-90", price: 24.5, usd_price: 26.5 },
  { handle: "green-tea-extract", title: "Green Tea Extract", sku: "TEA-60", price: 19.99, usd_price: 21.99 },
  { handle: "starter-kit", title: "Business Starter Kit", sku: "KIT-START", price: 99, usd_price: 109 },
]

/** A flat-rate shipping (or return) option of the demo, priced in one currency and for its region. */
export function flatRateOption(o: {
  name: string
  service_zone_id: string
  shipping_profile_id: string
  type: { label: string; description: string; code: string }
  currency_code: string
  region_id: string
  amount: number
  is_return?: boolean
}) {
  return {
    name: o.name,
    price_type: "flat" as const,
    provider_id: "manual_manual",
    service_zone_id: o.service_zone_id,
    shipping_profile_id: o.shipping_profile_id,
    type: o.type,
    prices: [
      { currency_code: o.currency_code, amount: o.amount },
      { region_id: o.region_id, amount: o.amount },
    ],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
      { attribute: "is_return", value: o.is_return ? "true" : "false", operator: "eq" as const },
    ],
  }
}

const NAMES = {
  /** what the demo storefront calls itself */
  store: "Vitality Shop",
  salesChannel: "MLM Demo Webshop",
  region: "MLM Demo Europe",
  stockLocation: "MLM Demo Warehouse",
  fulfillmentSet: "MLM Demo delivery",
  apiKey: "MLM Demo Storefront",
}

const COUNTRIES = ["de", "fr", "nl", "at", "be"]

type Log = (message: string) => void

/**
 * A small but real store: EUR region with the system payment provider, a sales channel with a
 * publishable key, a stock location with a flat-rate shipping option, and published products.
 * Idempotent: everything is found by name first, so running it twice changes nothing.
 */
export async function seedStore(container: MedusaContainer, log: Log = () => {}): Promise<SeededStore> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const regionModule = container.resolve(Modules.REGION)
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const productModule = container.resolve(Modules.PRODUCT)

  const defaultShippingProfile = async () => {
    const [existing] = await fulfillmentModule.listShippingProfiles({ type: "default" })
    if (existing) return existing
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    return result[0]
  }

  log("store: sales channel")
  let [salesChannel] = await salesChannelModule.listSalesChannels({ name: NAMES.salesChannel })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: NAMES.salesChannel }] },
    })
    salesChannel = result[0]
  }

  log("store: currency and default sales channel")
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const hasEur = store.supported_currencies?.some((c) => c.currency_code === "eur")
  if (!hasEur || store.default_sales_channel_id !== salesChannel.id || store.name !== NAMES.store) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: hasEur
            ? store.supported_currencies!.map((c) => ({ currency_code: c.currency_code, is_default: c.is_default }))
            : [{ currency_code: "eur", is_default: true }],
          default_sales_channel_id: salesChannel.id,
          name: NAMES.store,
        },
      },
    })
  }

  log("store: region and tax regions")
  let [region] = await regionModule.listRegions({ name: NAMES.region })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          { name: NAMES.region, currency_code: "eur", countries: COUNTRIES, payment_providers: ["pp_system_default"] },
        ],
      },
    })
    region = result[0]
    await createTaxRegionsWorkflow(container).run({
      input: COUNTRIES.map((country_code) => ({ country_code, provider_id: "tp_system" })),
    })
  }

  log("store: stock location and shipping")
  let [stockLocation] = await stockLocationModule.listStockLocations({ name: NAMES.stockLocation })
  let shippingOptionId: string
  let returnOptionId: string
  if (!stockLocation) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: NAMES.stockLocation, address: { city: "Berlin", country_code: "DE", address_1: "Demo Str. 1" } }] },
    })
    stockLocation = result[0]
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: stockLocation.id, add: [salesChannel.id] },
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
      name: NAMES.fulfillmentSet,
      type: "shipping",
      service_zones: [
        { name: "Demo countries", geo_zones: COUNTRIES.map((country_code) => ({ country_code, type: "country" as const })) },
      ],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    const shippingProfile = await defaultShippingProfile()
    const { result: options } = await createShippingOptionsWorkflow(container).run({
      input: [
        flatRateOption({
          name: "Standard shipping",
          service_zone_id: fulfillmentSet.service_zones[0].id,
          shipping_profile_id: shippingProfile.id,
          type: { label: "Standard", description: "2-3 days", code: "standard" },
          currency_code: "eur",
          region_id: region.id,
          amount: 4.9,
        }),
        flatRateOption({
          name: "Return shipping",
          service_zone_id: fulfillmentSet.service_zones[0].id,
          shipping_profile_id: shippingProfile.id,
          type: { label: "Return", description: "Send it back", code: "return" },
          currency_code: "eur",
          region_id: region.id,
          amount: 0,
          is_return: true,
        }),
      ],
    })
    shippingOptionId = options[0].id
    returnOptionId = options[1].id
  } else {
    const { data } = await query.graph({
      entity: "shipping_option",
      fields: ["id", "name"],
      filters: { name: ["Standard shipping", "Return shipping"] },
    })
    shippingOptionId = data.find((o: any) => o.name === "Standard shipping").id
    returnOptionId = data.find((o: any) => o.name === "Return shipping")?.id
  }

  log("store: publishable API key")
  let [apiKey] = await apiKeyModule.listApiKeys({ title: NAMES.apiKey, type: "publishable" })
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: NAMES.apiKey, type: "publishable", created_by: "mlm-demo" }] },
    })
    apiKey = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })
  }

  log("store: products")
  const existing = await productModule.listProducts({ handle: DEMO_PRODUCTS.map((p) => p.handle) })
  const missing = DEMO_PRODUCTS.filter((p) => !existing.some((e) => e.handle === p.handle))
  if (missing.length) {
    const shippingProfile = await defaultShippingProfile()
    await createProductsWorkflow(container).run({
      input: {
        products: missing.map((p) => ({
          title: p.title,
          handle: p.handle,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: shippingProfile.id,
          options: [{ title: "Size", values: ["Standard"] }],
          variants: [
            {
              title: "Standard",
              sku: p.sku,
              options: { Size: "Standard" },
              manage_inventory: false,
              prices: [{ amount: p.price, currency_code: "eur" }],
            },
          ],
          sales_channels: [{ id: salesChannel.id }],
        })),
      },
    })
  }
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "handle", "variants.id", "variants.sku"],
    filters: { handle: DEMO_PRODUCTS.map((p) => p.handle) },
  })

  return {
    region: { id: region.id, currency_code: region.currency_code },
    salesChannel: { id: salesChannel.id },
    publishableKey: apiKey.token,
    shippingOption: { id: shippingOptionId },
    returnShippingOption: { id: returnOptionId },
    stockLocation: { id: stockLocation.id },
    products: DEMO_PRODUCTS.map((demo) => {
      const product = products.find((p: any) => p.handle === demo.handle)!
      return {
        id: product.id,
        handle: demo.handle,
        variants: product.variants.map((v: any) => ({ id: v.id, sku: v.sku, price: demo.price })),
      }
    }),
  }
}
