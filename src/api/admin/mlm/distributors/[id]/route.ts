import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateDistributorWorkflow } from "../../../../../workflows/network/workflows/update-distributor"
import { resolveNetwork, serializeDistributor, sponsorsById } from "../../../../utils/network"
import { AdminUpdateDistributorType } from "../../validators"
import type NetworkModuleService from "../../../../../modules/network/service"

export async function detailOf(network: NetworkModuleService, id: string) {
  const distributor = await network.retrieveDistributor(id)
  const [upline, counts, [site]] = await Promise.all([
    network.listUpline(id),
    network.countTeams([id]),
    network.listDistributorSites({ distributor_id: id }),
  ])
  const sponsor = upline[0] ?? null
  return {
    ...serializeDistributor(network, distributor, sponsor),
    site: {
      bio: site?.bio ?? null,
      avatar_url: site?.avatar_url ?? null,
      contact: site?.contact ?? null,
      featured_product_ids: site?.featured_product_ids ?? [],
      hidden_fields: site?.hidden_fields ?? [],
    },
    upline: upline.map(({ id, handle, display_name, status, level }) => ({ id, handle, display_name, status, level })),
    ...(counts[id] ?? { frontline_count: 0, downline_count: 0 }),
  }
}

/** One distributor with their upline (nearest first) and team counts. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  res.json({ distributor: await detailOf(network, req.params.id) })
}

/** Changes status or display name, or hides site fields; terminating also ends the member pricing. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateDistributorType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  await network.retrieveDistributor(req.params.id)
  await updateDistributorWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ distributor: await detailOf(network, req.params.id) })
}
