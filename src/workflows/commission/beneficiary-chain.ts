import { MedusaError } from "@medusajs/framework/utils"
import type NetworkModuleService from "../../modules/network/service"
import type { OrderAttributionDTO } from "../../modules/network/types"
import type { Beneficiary } from "../../modules/commission/utils/compute-commission-lines"

/**
 * Level 1 first: the credited distributor and their upline; for a distributor's own order (source
 * `self`), from their sponsor up (a member's own purchase earns them the member price, not a line).
 */
export async function beneficiaryChain(
  network: NetworkModuleService,
  attribution: Pick<OrderAttributionDTO, "distributor_id" | "source">
): Promise<Beneficiary[]> {
  // one read: the credited distributor and their upline
  const [self, ...upline] = await network.listUpline(attribution.distributor_id, { includeSelf: true })
  if (self?.id !== attribution.distributor_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor with id: ${attribution.distributor_id} was not found`)
  }
  const chain = attribution.source === "self" ? upline : [self, ...upline]
  return chain.map((d) => ({ id: d.id, handle: d.handle, status: d.status }))
}
