import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { approveCommissionsWorkflow } from "../../../../../workflows/commission/workflows/approve-commissions"
import { resolveCommission } from "../../../../utils/commission"
import type { AdminApproveCommissionsType } from "../../validators"
import type { ApproveResult, JsonOf } from "../../../../../types/admin"

/**
 * Approves pending lines whose hold period ended by `before` (default: now), optionally only `ids`.
 * Lines still on hold stay pending: `before` in the future approves what will have matured by then.
 * `held` says what stayed pending for its hold: how many lines, and when the first and last mature.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminApproveCommissionsType>, res: MedusaResponse<JsonOf<ApproveResult>>) {
  const { ids, before } = req.validatedBody
  const at = before ?? new Date()
  const { result } = await approveCommissionsWorkflow(req.scope).run({
    input: { before: at.toISOString(), ids },
  })
  const held = await resolveCommission(req.scope).heldLines({ at, ids })
  res.json({ approved_ids: result, count: result.length, held })
}
