import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveNetwork, serializeDistributor, sponsorsById } from "../../../utils/network"
import { AdminListDistributorsQueryType } from "../validators"

/** Distributors with search (handle or name) and filters; team counts for the page in one query. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListDistributorsQueryType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  const { q, status, sponsor_id, limit, offset } = req.validatedQuery as AdminListDistributorsQueryType
  const filters: Record<string, unknown> = {}
  if (status) filters.status = status
  if (sponsor_id) filters.sponsor_id = sponsor_id
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    filters.$or = [{ handle: { $ilike: pattern } }, { display_name: { $ilike: pattern } }]
  }
  const [distributors, count] = await network.listAndCountDistributors(filters, {
    take: limit,
    skip: offset,
    order: { enrolled_at: "ASC", id: "ASC" },
  })
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
    limit,
    offset,
  })
}
