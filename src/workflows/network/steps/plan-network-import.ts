import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { ImportPlan, ImportRow, normalizeImportEmail, planNetworkImport } from "../../../modules/network/utils/import"
import type { ImportError } from "../../../types/import"
import { normalizeHandle } from "../../../modules/network/utils/handle"
import { monotonicIdFactory } from "../../../lib/ids"
import { progressRecorder, ProgressTarget } from "../../../lib/progress"

export type PlanNetworkImportInput = { rows: ImportRow[]; progress?: ProgressTarget }
export type PlannedNetworkImport = {
  errors: ImportError[]
  plan: ImportPlan | null
  /** Customers found by e-mail (the customer with an account first, else the oldest). */
  matched_customers: Record<string, string>
}

export const planNetworkImportStepId = "plan-network-import"

const CUSTOMER_CHUNK = 5_000

/**
 * Reads what the file refers to (customers by e-mail, distributors by handle) and plans the import
 * with the pure planner. Nothing is written, so there is nothing to compensate.
 */
export const planNetworkImportStep = createStep(
  planNetworkImportStepId,
  async ({ rows, progress: target }: PlanNetworkImportInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const customerModule = container.resolve(Modules.CUSTOMER)
    const progress = progressRecorder(container, target)

    const emails = [...new Set(rows.map((row) => normalizeImportEmail(row.email)).filter(Boolean))]
    const matched: Record<string, { id: string; has_account: boolean }> = {}
    for (let i = 0; i < emails.length; i += CUSTOMER_CHUNK) {
      // "checking": the file's e-mails looked up among the shop's customers
      progress.report({ phase: "checking", done: i, total: emails.length })
      const customers = await customerModule.listCustomers(
        { email: emails.slice(i, i + CUSTOMER_CHUNK) },
        { select: ["id", "email", "has_account", "created_at"], order: { created_at: "ASC" }, take: null }
      )
      for (const customer of customers) {
        const email = normalizeImportEmail(customer.email)
        const seen = matched[email]
        if (!seen || (!seen.has_account && customer.has_account)) matched[email] = { id: customer.id, has_account: customer.has_account }
      }
    }
    const matched_customers = Object.fromEntries(Object.entries(matched).map(([email, c]) => [email, c.id]))

    const handles = new Set<string>()
    for (const row of rows) {
      if (row.handle) handles.add(normalizeHandle(row.handle))
      if (row.sponsor_handle) handles.add(normalizeHandle(row.sponsor_handle))
    }
    const found = await network.lookupForImport([...handles], Object.values(matched_customers))
    const handleByCustomer = new Map(found.enrolled.map((e) => [e.customer_id, e.handle]))
    const enrolled_emails = new Map<string, string>()
    for (const [email, customerId] of Object.entries(matched_customers)) {
      const handle = handleByCustomer.get(customerId)
      if (handle) enrolled_emails.set(email, handle)
    }

    // Monotonic: ids follow the enrolment order even within one millisecond (like Medusa's, a ULID).
    const nextId = monotonicIdFactory("dist")
    const { errors, plan } = planNetworkImport(
      rows,
      { distributors: new Map(found.distributors.map((d) => [d.handle, d])), enrolled_emails },
      {
        reserved: network.getPluginOptions().reserved_handles,
        now: new Date(),
        newId: (enrolledAt) => nextId(enrolledAt.getTime()),
      }
    )
    progress.report({ phase: "checking", done: emails.length, total: emails.length })
    await progress.flush()
    return new StepResponse<PlannedNetworkImport>({ errors, plan, matched_customers })
  }
)
