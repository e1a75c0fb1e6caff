import { MedusaContainer } from "@medusajs/framework/types"
import { NETWORK_MODULE } from "../../src/modules/network"
import type NetworkModuleService from "../../src/modules/network/service"
import { registerCustomer } from "./auth"

export const networkService = (container: MedusaContainer) => container.resolve<NetworkModuleService>(NETWORK_MODULE)

/** Registers a customer and enrols them through POST /store/mlm/distributors. */
export async function enrollThroughStore(
  api: any,
  storeHeaders: { headers: Record<string, string> },
  handle: string,
  sponsorHandle?: string
) {
  const customer = await registerCustomer(api, storeHeaders, { first_name: handle, last_name: "Distributor" })
  const { status, data } = await api.post(
    "/store/mlm/distributors",
    { handle, ...(sponsorHandle ? { sponsor_handle: sponsorHandle } : {}) },
    customer.headers
  )
  if (status !== 201) throw new Error(`enrolment of ${handle} answered ${status}`)
  return { ...customer, distributor: data.distributor as { id: string; handle: string; sponsor_id: string | null } }
}
