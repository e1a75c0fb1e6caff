import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { NETWORK_MODULE } from "../modules/network"
import type NetworkModuleService from "../modules/network/service"
import { updateDistributorWorkflow } from "../workflows/network/workflows/update-distributor"

/**
 * A deleted customer's distributor is terminated: their storefront answers 404 and nobody is
 * credited through it any more. Their ledger rows stay (append-only), as does their place in the
 * genealogy, so their downline keeps its upline.
 */
export default async function customerDeletedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const distributor = await network.retrieveDistributorByCustomer(event.data.id)
  if (!distributor || distributor.status === "terminated") return
  await updateDistributorWorkflow(container).run({ input: { id: distributor.id, status: "terminated" } })
}

export const config: SubscriberConfig = {
  event: "customer.deleted",
  context: { subscriberId: "mlm-customer-deleted" },
}
