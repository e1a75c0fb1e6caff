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

/** Enrols a line of distributors, each sponsored by the one before (`["anna", "ben"]`: anna -> ben). */
export async function enrollLine<H extends string>(api: any, storeHeaders: { headers: Record<string, string> }, handles: H[]) {
  const people = {} as Record<H, Awaited<ReturnType<typeof enrollThroughStore>>>
  let sponsor: string | undefined
  for (const handle of handles) {
    people[handle] = await enrollThroughStore(api, storeHeaders, handle, sponsor)
    sponsor = handle
  }
  return people
}
