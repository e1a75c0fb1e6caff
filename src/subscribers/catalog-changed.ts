import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { NETWORK_MODULE } from "../modules/network"
import type NetworkModuleService from "../modules/network/service"
import { WHOLESALE_SETTINGS } from "../workflows/pricing/steps/load-wholesale-state"
import { refreshWholesalePriceListWorkflow } from "../workflows/pricing/workflows/refresh-wholesale-price-list"

/** Keeps the member price list current when products, variants or their prices change. */
export default async function catalogChangedHandler({ container }: SubscriberArgs<unknown>) {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  if ((await network.getSetting(WHOLESALE_SETTINGS.discount)) === null) return
  await refreshWholesalePriceListWorkflow(container).run({ input: {} })
}

export const config: SubscriberConfig = {
  event: ["product.created", "product.updated", "product-variant.created", "product-variant.updated", "product-variant.deleted"],
  context: { subscriberId: "mlm-refresh-wholesale" },
}
