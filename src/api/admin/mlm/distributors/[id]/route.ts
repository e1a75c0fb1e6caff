import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateDistributorWorkflow } from "../../../../../workflows/network/workflows/update-distributor"
import { resolveNetwork, serializeDistributor, sponsorsById } from "../../../../utils/network"
import { AdminUpdateDistributorType } from "../../validators"
import type NetworkModuleService from "../../../../../modules/network/service"

export async function detailOf(network: NetworkModuleService, id: string) {
  const distributor = await network.retrieveDistributor(id)
  const [upline, counts] = await Promise.all([network.listUpline(id), network.countTeams([id])])
  const sponsor = upline[0] ?? null
  return {
    ...serializeDistributor(network, distributor, sponsor),
    upline: upline.map(({ id, handle, display_name, status, level }) => ({ id, handle, display_name, status, level })),
    ...(counts[id] ?? { frontline_count: 0, downline_count: 0 }),
  }
}

/** One distributor with their upline (nearest first) and team counts. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  res.json({ distributor: await detailOf(network, req.params.id) })
}

/** Changes status or display name; terminating also ends the member pricing. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateDistributorType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  await network.retrieveDistributor(req.params.id)
  await updateDistributorWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ distributor: await detailOf(network, req.params.id) })
}
