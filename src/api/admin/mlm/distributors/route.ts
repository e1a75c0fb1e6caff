import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveNetwork, serializeDistributor, sponsorsById } from "../../../utils/network"
import { AdminListDistributorsQueryType } from "../validators"

/**
 * Distributors in enrolment order, with search (anywhere in handle or name) and filters; team counts
 * for the page in one query. `count` is exact without filters; a filtered count stops at 10,000 and
 * answers `count_capped: true` (a million-row count is not worth an admin's wait).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListDistributorsQueryType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  const { q, status, sponsor_id, limit, offset } = req.validatedQuery as AdminListDistributorsQueryType
  const { distributors, count, count_capped } = await network.listDistributorPage({ q, status, sponsor_id }, { limit, offset })
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
