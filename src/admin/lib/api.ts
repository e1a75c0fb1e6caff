import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "./sdk"
import type {
  ApproveResult,
  AttributionResponse,
  CorrectedAttributionResponse,
  DistributorList,
  DistributorResponse,
  IncomeDisclosureResponse,
  LedgerFilters,
  LedgerPage,
  OrderCommissions,
  PayoutList,
  PayoutPreview,
  PayoutResponse,
  PayoutRunResult,
  PlanInput,
  PlanResponse,
  PlanVersions,
  ProductVolumeResponse,
  ProgressResponse,
  SimulationResponse,
  SponsorChangeResponse,
  Wholesale,
} from "../../types/admin"
import type { ImportAnswer, ImportRefusal } from "../../types/import"

/**
 * The admin's data: react-query hooks over the plugin's admin routes, one query key per resource so
 * a mutation invalidates exactly what it changed. The dashboard provides the QueryClient.
 */
export const mlmKeys = {
  all: ["mlm"] as const,
  distributors: (params: Record<string, unknown>) => ["mlm", "distributors", params] as const,
  distributor: (id: string) => ["mlm", "distributor", id] as const,
  plan: ["mlm", "plan"] as const,
  wholesale: ["mlm", "wholesale"] as const,
  ledger: (params: Record<string, unknown>) => ["mlm", "ledger", params] as const,
  payouts: (params: Record<string, unknown>) => ["mlm", "payouts", params] as const,
  payoutPreview: (currency: string) => ["mlm", "payout-preview", currency] as const,
  order: (id: string) => ["mlm", "order", id] as const,
  productVolume: (id: string) => ["mlm", "product-volume", id] as const,
  disclosure: (params: Record<string, unknown>) => ["mlm", "income-disclosure", params] as const,
}

/** `{a: 1, b: undefined}` -> "?a=1"; empty values are left out. */
export function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ""
}

const get = <T>(path: string) => sdk.client.fetch<T>(path)
const post = <T>(path: string, body: Record<string, unknown>) => sdk.client.fetch<T>(path, { method: "POST", body })

export type DistributorListParams = { q?: string; status?: string; sponsor_id?: string; customer_id?: string; top?: boolean; limit: number; offset: number }

export const useDistributors = (params: DistributorListParams, enabled = true) =>
  useQuery({
    queryKey: mlmKeys.distributors(params),
    queryFn: () => get<DistributorList>(`/admin/mlm/distributors${queryString(params)}`),
    placeholderData: keepPreviousData,
    enabled,
  })

/** The frontline pages of every expanded node of the genealogy explorer (one query per page, cached by key). */
export const FRONTLINE_PAGE = 100
export const frontlinePageQuery = (sponsorId: string, page: number) => {
  const params = { sponsor_id: sponsorId, limit: FRONTLINE_PAGE, offset: page * FRONTLINE_PAGE }
  return {
    queryKey: mlmKeys.distributors(params),
    queryFn: () => get<DistributorList>(`/admin/mlm/distributors${queryString(params)}`),
    staleTime: 30_000,
  }
}

export const useDistributor = (id: string | undefined) =>
  useQuery({
    queryKey: mlmKeys.distributor(id ?? ""),
    queryFn: () => get<DistributorResponse>(`/admin/mlm/distributors/${id}`),
    enabled: !!id,
  })

export const usePlanVersions = () =>
  useQuery({ queryKey: mlmKeys.plan, queryFn: () => get<PlanVersions>("/admin/mlm/plan/versions") })

export const useWholesale = () =>
  useQuery({ queryKey: mlmKeys.wholesale, queryFn: () => get<Wholesale>("/admin/mlm/wholesale") })

export const useLedger = (params: LedgerFilters & { limit: number; offset: number }) =>
  useQuery({
    queryKey: mlmKeys.ledger(params),
    queryFn: () => get<LedgerPage>(`/admin/mlm/commissions${queryString(params)}`),
    placeholderData: keepPreviousData,
  })

export const usePayouts = (params: { currency_code?: string; distributor_id?: string; status?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: mlmKeys.payouts(params),
    queryFn: () => get<PayoutList>(`/admin/mlm/payouts${queryString(params)}`),
    placeholderData: keepPreviousData,
  })

export const usePayoutPreview = (currency: string) =>
  useQuery({
    queryKey: mlmKeys.payoutPreview(currency),
    queryFn: () => get<PayoutPreview>(`/admin/mlm/payouts/preview${queryString({ currency_code: currency })}`),
    enabled: /^[a-z]{3}$/i.test(currency),
  })

export const useOrderCommissions = (orderId: string) =>
  useQuery({
    queryKey: [...mlmKeys.order(orderId), "commissions"],
    queryFn: () => get<OrderCommissions>(`/admin/mlm/orders/${orderId}/commissions`),
  })

export const useOrderAttribution = (orderId: string) =>
  useQuery({
    queryKey: [...mlmKeys.order(orderId), "attribution"],
    queryFn: () => get<AttributionResponse>(`/admin/mlm/orders/${orderId}/attribution`),
  })

export const useProductVolume = (productId: string) =>
  useQuery({
    queryKey: mlmKeys.productVolume(productId),
    queryFn: () => get<ProductVolumeResponse>(`/admin/mlm/products/${productId}/volume`),
  })

export const useSaveProductVolume = (productId: string) =>
  useMlmMutation((body: { pv_per_unit?: number; commissionable?: boolean }) =>
    post<ProductVolumeResponse>(`/admin/mlm/products/${productId}/volume`, body)
  )

/** A mutation that refreshes every plugin query afterwards (lists, totals and trees all move together). */
function useMlmMutation<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient()
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: mlmKeys.all }) })
}

export const useUpdateDistributor = (id: string) =>
  useMlmMutation((body: { status?: string; display_name?: string; hidden_site_fields?: string[] }) =>
    post<DistributorResponse>(`/admin/mlm/distributors/${id}`, body)
  )

export const useChangeSponsor = () =>
  useMlmMutation(({ id, sponsor_id }: { id: string; sponsor_id: string | null }) =>
    post<SponsorChangeResponse>(`/admin/mlm/distributors/${id}/sponsor`, { sponsor_id })
  )

export const useEnrolCustomer = () =>
  useMlmMutation((body: { customer_id: string; handle: string; sponsor_handle?: string | null }) =>
    post<DistributorResponse>("/admin/mlm/distributors", body)
  )

export const useSavePlan = () => useMlmMutation((body: PlanInput) => post<PlanResponse>("/admin/mlm/plan", body))

export const useSetWholesale = () =>
  useMlmMutation((discount_percent: number) => post<Wholesale>("/admin/mlm/wholesale", { discount_percent }))

export const useApprove = () =>
  useMlmMutation((body: { ids?: string[] }) => post<ApproveResult>("/admin/mlm/commissions/approve", body))

export const useRunPayout = () =>
  useMlmMutation((currency_code: string) => post<PayoutRunResult>("/admin/mlm/payouts", { currency_code }))

/** A manual payout marked paid (with the bank's reference) or failed (its lines return to approved). */
export const useSetPayoutStatus = () =>
  useMlmMutation(({ id, ...body }: { id: string; status: "paid" | "failed"; reference?: string; message?: string }) =>
    post<PayoutResponse>(`/admin/mlm/payouts/${id}/status`, body)
  )

/** Asks the provider again with the payout's idempotency key (a failed payout: a new attempt). */
export const useRetryPayout = () => useMlmMutation((id: string) => post<PayoutResponse>(`/admin/mlm/payouts/${id}/retry`, {}))

export const useCorrectAttribution = (orderId: string) =>
  useMlmMutation((body: { handle: string; reason?: string }) =>
    post<CorrectedAttributionResponse>(`/admin/mlm/orders/${orderId}/attribution`, body)
  )

/** What a draft plan would have paid on the period's orders, beside the ledger (a read: nothing is saved). */
export const useSimulatePlan = () =>
  useMutation({
    mutationFn: (body: { plan: PlanInput; from: string; to: string; currency_code?: string; progress_key?: string }) =>
      post<SimulationResponse>("/admin/mlm/plan/simulate", body),
  })

/** A refused import: the route's message and the rows it names (the js-sdk's errors keep only the message). */
export class ImportRefused extends Error {
  constructor(readonly refusal: ImportRefusal) {
    super(refusal.message)
  }
}

/**
 * Uploads a network file (multipart, like the js-sdk's session) to POST /admin/mlm/imports: a check
 * only with `dry_run`. A 400 keeps its rows (`ImportRefused.refusal.errors`).
 */
export const useImportNetwork = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ file, dry_run, progress_key }: { file: File; dry_run: boolean; progress_key: string }) => {
      const form = new FormData()
      form.append("file", file, file.name)
      const base = (import.meta.env.VITE_BACKEND_URL || "").replace(/\/$/, "")
      const res = await fetch(`${base}/admin/mlm/imports${queryString({ dry_run, progress_key })}`, { method: "POST", body: form, credentials: "include" })
      const body = await res.json().catch(() => ({ message: `${res.status} ${res.statusText}` }))
      if (!res.ok) throw new ImportRefused(body as ImportRefusal)
      return body as ImportAnswer
    },
    onSuccess: (answer) => {
      if (!answer.import.dry_run) client.invalidateQueries({ queryKey: mlmKeys.all })
    },
  })
}

/** The long runs whose progress the server keeps, by their route (GET {route}/progress/:key). */
const PROGRESS_ROUTES = { simulation: "/admin/mlm/plan/simulate", import: "/admin/mlm/imports" } as const

/**
 * A long run's progress: `start()` names a new run (its `progress_key`, sent with the request) and,
 * while `running`, the server's record is read every half second (null before its first write).
 */
export function useRunProgress(kind: keyof typeof PROGRESS_ROUTES, running: boolean) {
  const [key, setKey] = useState<string | null>(null)
  const progress = useQuery({
    queryKey: ["mlm", "progress", kind, key],
    queryFn: () =>
      get<ProgressResponse>(`${PROGRESS_ROUTES[kind]}/progress/${key}`).then(
        (r) => r.progress,
        () => null
      ),
    enabled: running && !!key,
    refetchInterval: 500,
    gcTime: 0,
  }).data
  const start = () => {
    // randomUUID exists only in a secure context (https or localhost)
    const next = globalThis.crypto?.randomUUID?.() ?? `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
    setKey(next)
    return next
  }
  return { progress: running ? progress : undefined, start }
}

export type DisclosureParams = { from: string; to: string; currency?: string }

export const useIncomeDisclosure = (params: DisclosureParams, enabled = true) =>
  useQuery({
    enabled,
    queryKey: mlmKeys.disclosure(params),
    queryFn: () => get<IncomeDisclosureResponse>(`/admin/mlm/reports/income-disclosure${queryString(params)}`),
    placeholderData: keepPreviousData,
  })

/** The message of a failed request, in the API's own words. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error))
