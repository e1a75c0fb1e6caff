import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreMe } from "../../../../modules/network/types"
import { volumeAndRank } from "../../../utils/volume"
import { requireOwnDistributor, resolveNetwork, serializeDistributor, sponsorsById } from "../../../utils/network"
import type { JsonOf } from "../../../../types/json"

/** The logged-in distributor's own record, store link, team size, volume and rank. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<StoreMe>>) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  const [sponsors, counts, standing] = await Promise.all([
    sponsorsById(network, [distributor]),
    network.countTeams([distributor.id]),
    volumeAndRank(req.scope, network, distributor),
  ])
  const sponsor = sponsors.get(distributor.sponsor_id ?? "") ?? null
  const serialized = serializeDistributor(network, distributor, sponsor)
  const answer: StoreMe = {
    distributor: {
      id: serialized.id,
      handle: serialized.handle,
      display_name: serialized.display_name,
      status: serialized.status,
      store_url: serialized.store_url,
      sponsor: sponsor ? { handle: sponsor.handle, display_name: sponsor.display_name } : null,
      depth: serialized.depth,
      enrolled_at: serialized.enrolled_at,
    },
    stats: counts[distributor.id] ?? { frontline_count: 0, downline_count: 0 },
    volume: standing.volume,
    rank: standing.rank,
  }
  res.json(answer)
}
