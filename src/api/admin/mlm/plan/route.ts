import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createPlanVersionWorkflow } from "../../../../workflows/commission/workflows/create-plan-version"
import { resolveCommission, serializePlan } from "../../../utils/commission"
import type { AdminCreatePlanType } from "../validators"
import type { ActivePlanResponse, JsonOf, PlanResponse } from "../../../../types/admin"

/** The active plan version; `plan` is null until an admin configures one (orders then earn nothing). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<ActivePlanResponse>>) {
  const plan = await resolveCommission(req.scope).retrieveActivePlan()
  res.json({ plan: plan ? serializePlan(plan) : null })
}

/** A new immutable version that becomes active; 400 with every problem if the plan breaks a rule. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreatePlanType>, res: MedusaResponse<JsonOf<PlanResponse>>) {
  const { result } = await createPlanVersionWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.json({ plan: serializePlan(result) })
}
