import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { NewCommissionRun } from "../../../modules/commission/types"

export const recordCommissionRunStepId = "record-commission-run"

/** Writes the run and its lines once per order; compensation removes them only if this run wrote them. */
export const recordCommissionRunStep = createStep(
  recordCommissionRunStepId,
  async (run: NewCommissionRun, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const result = await commission.recordCommissionRun(run)
    return new StepResponse(result, result.created ? { run_id: result.run_id, line_ids: result.lines.map((l) => l.id) } : null)
  },
  async (written, { container }) => {
    if (!written) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    if (written.line_ids.length) await commission.deleteCommissionLines(written.line_ids)
    await commission.deleteCommissionRuns(written.run_id)
  }
)
