import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { progressRecorder, ProgressTarget } from "../../../lib/progress"
import { clearImportEvents, importEventGroups, inEventGroup } from "../import-events"

export type CreateImportCustomersInput = {
  emails: string[]
  matched_customers: Record<string, string>
  import_id: string
  progress?: ProgressTarget
}

export const createImportCustomersStepId = "create-import-customers"

const CREATE_CHUNK = 1_000

/**
 * The customers of an import: those found by e-mail are kept, the others are created (marked with the
 * import's id). Returns every e-mail's customer id and the event groups in which the customer
 * module's announcements of them wait (see import-events.ts; releaseImportEventsStep sends them once
 * the import is written). Compensation deletes the customers it created and drops their events.
 */
export const createImportCustomersStep = createStep(
  createImportCustomersStepId,
  async ({ emails, matched_customers, import_id, progress: target }: CreateImportCustomersInput, { container }) => {
    const customerModule = container.resolve(Modules.CUSTOMER)
    const logger = container.resolve("logger")
    const progress = progressRecorder(container, target)
    const customerIds: Record<string, string> = { ...matched_customers }
    const missing = emails.filter((email) => !customerIds[email])
    const created: string[] = []
    const events = importEventGroups(import_id, "customers")
    const eventGroups = events.groups
    try {
      for (let i = 0; i < missing.length; i += CREATE_CHUNK) {
        progress.report({ phase: "customers", done: created.length, total: missing.length })
        const customers = await customerModule.createCustomers(
          missing.slice(i, i + CREATE_CHUNK).map((email) => ({ email, metadata: { mlm_import_id: import_id } })),
          inEventGroup(events.at(i))
        )
        for (const customer of customers) {
          customerIds[customer.email] = customer.id
          created.push(customer.id)
        }
        if (missing.length > 20_000 && (i / CREATE_CHUNK) % 20 === 19) {
          logger.info(`mlm import ${import_id}: ${created.length.toLocaleString("en")} / ${missing.length.toLocaleString("en")} customers created`)
        }
      }
    } catch (error) {
      // What this step made before failing is not compensated by the engine: remove it here.
      await clearImportEvents(container, eventGroups)
      if (created.length) await customerModule.deleteCustomers(created)
      throw error
    }
    progress.report({ phase: "customers", done: created.length, total: missing.length })
    await progress.flush()
    return new StepResponse(
      { customer_ids: customerIds, created: created.length, event_groups: eventGroups },
      { created, event_groups: eventGroups }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    await clearImportEvents(container, undo.event_groups)
    const customerModule = container.resolve(Modules.CUSTOMER)
    for (let i = 0; i < undo.created.length; i += CREATE_CHUNK) await customerModule.deleteCustomers(undo.created.slice(i, i + CREATE_CHUNK))
  }
)
