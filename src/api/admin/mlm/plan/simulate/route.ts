import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { validatePlan } from "../../../../../modules/commission/utils/plan"
import { simulatePlan } from "../../../../../workflows/commission/simulate-plan"
import type { AdminSimulatePlanType } from "../../validators"
import { progressRecorder, progressTarget } from "../../../../../lib/progress"
import type { JsonOf, SimulationResponse } from "../../../../../types/admin"

/**
 * What a draft plan would have paid, beside what was paid: the orders placed in a period replayed
 * from their snapshots, or a synthetic network. A read: nothing is written. 400 when the draft breaks
 * a plan rule (the same rules as saving it). With a `progress_key`, how far it is can be read while it
 * runs (GET ./progress/:key).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminSimulatePlanType>, res: MedusaResponse<JsonOf<SimulationResponse>>) {
  const body = req.validatedBody
  const problems = validatePlan(body.plan)
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  const { progress_key, ...input } = body
  const progress = progressRecorder(req.scope, progress_key ? progressTarget("simulation", progress_key) : null)
  const simulation = await simulatePlan(req.scope, { ...input, onProgress: (p) => progress.report({ phase: "replaying", ...p }) })
  await progress.flush()
  res.json({ simulation })
}
