import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { ImportPlan } from "../../../modules/network/utils/import"
import { conflictError, isUniqueViolation } from "../../../lib/errors"
import { progressRecorder, ProgressTarget } from "../../../lib/progress"

export type WriteNetworkImportInput = { plan: ImportPlan; customer_ids: Record<string, string>; import_id: string; progress?: ProgressTarget }

export const writeNetworkImportStepId = "write-network-import"

/**
 * Writes the genealogy of an import in one transaction (rows, counts, bindings), logging progress.
 * Compensation removes the import's rows and takes back what their existing ancestors gained.
 */
export const writeNetworkImportStep = createStep(
  writeNetworkImportStepId,
  async (input: WriteNetworkImportInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const logger = container.resolve("logger")
    const total = input.plan.distributors.length
    const step = Math.max(50_000, Math.ceil(total / 10))
    let reported = 0
    const progress = progressRecorder(container, input.progress)
    progress.report({ phase: "distributors", done: 0, total })
    const result = await network
      .importNetwork(input, (written) => {
        progress.report({ phase: "distributors", done: written, total })
        if (total >= 50_000 && written - reported >= step) {
          reported = written
          logger.info(`mlm import ${input.import_id}: ${written.toLocaleString("en")} / ${total.toLocaleString("en")} distributors written`)
        }
      })
      .catch((error) => {
        // Checked when planned; taken by an enrolment since then.
        if (isUniqueViolation(error)) throw conflictError("A handle or customer of the file was enrolled meanwhile: run the import again")
        throw error
      })
    progress.report({ phase: "distributors", done: result.written, total })
    await progress.flush()
    return new StepResponse(result, { import_id: input.import_id, ancestor_increments: input.plan.ancestor_increments })
  },
  async (written, { container }) => {
    if (!written) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.removeImport(written)
  }
)
