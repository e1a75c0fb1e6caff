import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ImportRow } from "../../../modules/network/utils/import"
import type { ImportNetworkResult } from "../../../types/import"
import { planNetworkImportStep } from "../steps/plan-network-import"
import { createImportCustomersStep } from "../steps/create-import-customers"
import { writeNetworkImportStep } from "../steps/write-network-import"
import { ensureMemberGroupStep } from "../steps/ensure-member-group"
import { addCustomersToMemberGroupStep } from "../steps/add-customers-to-member-group"
import { releaseImportEventsStep } from "../steps/release-import-events"
import type { ProgressTarget } from "../../../lib/progress"

export type { ImportNetworkResult }

export const NETWORK_IMPORTED_EVENT = "mlm.network.imported"

export const importNetworkWorkflowId = "mlm-import-network"

export type ImportNetworkInput = {
  rows: ImportRow[]
  import_id: string
  dry_run?: boolean
  /** where the steps write how far they are (GET /admin/mlm/imports/progress/:key) */
  progress?: ProgressTarget
}

/**
 * Imports a network from another system (DESIGN.md): every row is checked first and nothing is
 * written unless all are valid; then the customers (matched by e-mail or created), the genealogy in
 * one transaction, and the member group. A failure after the first write takes back everything
 * written before it. The customer module's events of the customers and memberships wait in the
 * import's own groups and go out once everything is written (see ../import-events.ts). `dry_run`
 * only checks.
 */
export const importNetworkWorkflow = createWorkflow(importNetworkWorkflowId, (input: ImportNetworkInput) => {
  const planned = planNetworkImportStep({ rows: input.rows, progress: input.progress })

  const written = when("import-is-valid-and-not-a-dry-run", { planned, input }, ({ planned, input }) => !!planned.plan && !input.dry_run).then(() => {
    const customers = createImportCustomersStep(
      transform({ planned, input }, ({ planned, input }) => ({
        emails: planned.plan!.distributors.map((d) => d.email),
        matched_customers: planned.matched_customers,
        import_id: input.import_id,
        progress: input.progress,
      }))
    )
    const genealogy = writeNetworkImportStep(
      transform({ planned, customers, input }, ({ planned, customers, input }) => ({
        plan: planned.plan!,
        customer_ids: customers.customer_ids,
        import_id: input.import_id,
        progress: input.progress,
      }))
    )
    const groupId = ensureMemberGroupStep()
    const members = addCustomersToMemberGroupStep(
      transform({ customers, groupId, input }, ({ customers, groupId, input }) => ({
        customer_ids: Object.values(customers.customer_ids),
        group_id: groupId,
        import_id: input.import_id,
      }))
    )
    // the customer module's events of the import's customers and memberships, once all is written
    releaseImportEventsStep(
      transform({ customers, members }, ({ customers, members }) => ({
        event_groups: [...customers.event_groups, ...members.event_groups],
      }))
    )
    emitEventStep({
      eventName: NETWORK_IMPORTED_EVENT,
      data: transform({ input, genealogy }, ({ input, genealogy }) => ({ import_id: input.import_id, count: genealogy.written })),
    })
    return transform({ customers, genealogy }, ({ customers, genealogy }) => ({
      written: genealogy.written,
      created: customers.created,
    }))
  })

  return new WorkflowResponse(
    transform({ planned, written, input }, ({ planned, written, input }): ImportNetworkResult => ({
      import_id: input.import_id,
      rows: input.rows.length,
      valid: !!planned.plan,
      errors: planned.errors,
      written: written?.written ?? 0,
      customers_matched: Object.keys(planned.matched_customers).length,
      customers_created: written?.created ?? 0,
    }))
  )
})
