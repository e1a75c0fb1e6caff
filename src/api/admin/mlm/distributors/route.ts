import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { enrollDistributorWorkflow } from "../../../../workflows/network/workflows/enroll-distributor"
import { answerConflict, distributorDetail, resolveNetwork, serializeDistributor, sponsorsById } from "../../../utils/network"
import type { AdminCreateDistributorType, AdminListDistributorsQueryType } from "../validators"
import type NetworkModuleService from "../../../../modules/network/service"
import type { DistributorDTO } from "../../../../modules/network/types"
import type { DistributorList, DistributorResponse, JsonOf } from "../../../../types/admin"


/**
 * Distributors in enrolment order, with search (anywhere in handle or name, or a customer's exact
 * e-mail) and filters (`top`: only those without a sponsor); team counts for the page in one query. `count` is exact without filters; a
 * filtered count stops at 10,000 (a search at 1,000) and answers `count_capped: true` (a million-row count is not worth
 * an admin's wait). `customer_id` answers the one distributor of that customer, or none.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListDistributorsQueryType>, res: MedusaResponse<JsonOf<DistributorList>>) {
  const network = resolveNetwork(req.scope)
  const { q, status, sponsor_id, customer_id, top, limit, offset } = req.validatedQuery as AdminListDistributorsQueryType
  const byCustomer = customer_id ?? (q?.includes("@") ? await customerIdByEmail(req, q) : undefined)
  const { distributors, count, count_capped } =
    byCustomer !== undefined
      ? await oneByCustomer(network, byCustomer, status)
      : await network.listDistributorPage({ q, status, sponsor_id, top }, { limit, offset })
  const [sponsors, counts] = await Promise.all([
    sponsorsById(network, distributors),
    network.countTeams(distributors.map((d) => d.id)),
  ])
  res.json({
    distributors: distributors.map((d) => ({
      ...serializeDistributor(network, d, sponsors.get(d.sponsor_id ?? "") ?? null),
      ...(counts[d.id] ?? { frontline_count: 0, downline_count: 0 }),
    })),
    count,
    count_capped,
    limit,
    offset,
  })
}

async function customerIdByEmail(req: AuthenticatedMedusaRequest, email: string): Promise<string | null> {
  const [customer] = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ email: email.toLowerCase() }, { take: 1, select: ["id"] })
  return customer?.id ?? null
}

async function oneByCustomer(network: NetworkModuleService, customerId: string | null, status?: string) {
  const found: DistributorDTO | null = customerId ? await network.retrieveDistributorByCustomer(customerId) : null
  const distributors = found && (!status || found.status === status) ? [found] : []
  return { distributors, count: distributors.length, count_capped: false }
}

/** An admin enrols an existing customer (same rules and effects as the store enrolment). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateDistributorType>, res: MedusaResponse<JsonOf<DistributorResponse>>) {
  let result
  try {
    ;({ result } = await enrollDistributorWorkflow(req.scope).run({ input: req.validatedBody }))
  } catch (error) {
    return answerConflict(res, error)
  }
  res.status(201).json({ distributor: await distributorDetail(req.scope, result.id) })
}
