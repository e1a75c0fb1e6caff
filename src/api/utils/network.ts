import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { MedusaResponse } from "@medusajs/framework/http"
import { NETWORK_MODULE } from "../../modules/network"
import type NetworkModuleService from "../../modules/network/service"
import type { DistributorDTO } from "../../modules/network/types"
import { storefrontUrl } from "../../modules/network/options"
import { isConflictError } from "../../lib/errors"
import { volumeAndRank } from "./volume"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import { totalsByStatus } from "./commission"

export function resolveNetwork(scope: MedusaContainer): NetworkModuleService {
  return scope.resolve<NetworkModuleService>(NETWORK_MODULE)
}

export function storeUrlOf(network: NetworkModuleService, handle: string): string {
  return storefrontUrl(network.getPluginOptions().storefront_url_template, handle)
}

/** The public and back-office view of a distributor; the materialized path stays internal. */
export function serializeDistributor(
  network: NetworkModuleService,
  distributor: DistributorDTO,
  sponsor: Pick<DistributorDTO, "id" | "handle" | "display_name"> | null
) {
  return {
    id: distributor.id,
    handle: distributor.handle,
    display_name: distributor.display_name,
    status: distributor.status,
    store_url: storeUrlOf(network, distributor.handle),
    customer_id: distributor.customer_id,
    sponsor_id: distributor.sponsor_id ?? null,
    sponsor: sponsor ? { id: sponsor.id, handle: sponsor.handle, display_name: sponsor.display_name } : null,
    depth: distributor.depth,
    enrolled_at: distributor.enrolled_at,
    created_at: distributor.created_at,
    updated_at: distributor.updated_at,
  }
}

/** Distributors by id, fetched in one query (unknown ids are left out). */
export async function distributorsById(network: NetworkModuleService, ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((id): id is string => !!id))]
  if (!unique.length) return new Map<string, DistributorDTO>()
  const found = await network.listDistributors({ id: unique }, { take: null })
  return new Map(found.map((d) => [d.id, d]))
}

/** The sponsors of a page of distributors, fetched in one query. */
export const sponsorsById = (network: NetworkModuleService, distributors: DistributorDTO[]) =>
  distributorsById(network, distributors.map((d) => d.sponsor_id))

/** The logged-in customer's distributor record, or 404 (the /me routes are for distributors). */
export async function requireOwnDistributor(network: NetworkModuleService, customerId: string | undefined) {
  if (!customerId) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Log in as a customer first")
  }
  const distributor = await network.retrieveDistributorByCustomer(customerId)
  if (!distributor) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "You are not enrolled as a distributor")
  }
  return distributor
}

/** Answers the plugin's conflicts with 409 and their own message; anything else goes to Medusa's handler. */
export function answerConflict(res: MedusaResponse, error: unknown): void {
  if (isConflictError(error)) {
    res.status(409).json({ type: "conflict", message: (error as Error).message })
    return
  }
  throw error
}

/**
 * The admin's view of one distributor: upline (nearest first), team counts, the site with what is
 * hidden, the Medusa customer it belongs to and the ledger totals per status and currency.
 */
export async function distributorDetail(scope: MedusaContainer, id: string) {
  const network = resolveNetwork(scope)
  const distributor = await network.retrieveDistributor(id)
  const [upline, counts, [site], sums, [customer], standing, monthly] = await Promise.all([
    network.listUpline(id),
    network.countTeams([id]),
    network.listDistributorSites({ distributor_id: id }),
    scope.resolve<CommissionModuleService>(COMMISSION_MODULE).totalsByStatus(id),
    scope
      .resolve(Modules.CUSTOMER)
      .listCustomers({ id: distributor.customer_id }, { take: 1, select: ["id", "email", "first_name", "last_name"] }),
    volumeAndRank(scope, network, distributor),
    network.listMonthlyVolume(id, 12),
  ])
  const sponsor = upline[0] ?? null
  return {
    ...serializeDistributor(network, distributor, sponsor),
    customer: customer
      ? { id: customer.id, email: customer.email, first_name: customer.first_name ?? null, last_name: customer.last_name ?? null }
      : null,
    site: {
      bio: site?.bio ?? null,
      avatar_url: site?.avatar_url ?? null,
      contact: site?.contact ?? null,
      featured_product_ids: site?.featured_product_ids ?? [],
      hidden_fields: site?.hidden_fields ?? [],
    },
    upline: upline.map(({ id, handle, display_name, status, level }) => ({ id, handle, display_name, status, level })),
    ...(counts[id] ?? { frontline_count: 0, downline_count: 0 }),
    totals: totalsByStatus(sums),
    volume: standing.volume,
    rank: standing.rank,
    monthly_volume: monthly,
  }
}
