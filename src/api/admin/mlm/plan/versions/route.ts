import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveCommission, serializePlan } from "../../../../utils/commission"
import type { JsonOf, PlanVersions } from "../../../../../types/admin"

/** Every plan version, newest (active) first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<PlanVersions>>) {
  const versions = await resolveCommission(req.scope).listPlanVersions()
  res.json({ versions: versions.map(serializePlan) })
}
