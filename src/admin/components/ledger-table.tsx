import {
  Button,
  createDataTableColumnHelper,
  createDataTableCommandHelper,
  createDataTableFilterHelper,
  DataTableFilteringState,
  DataTableRowSelectionState,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useSearchParams } from "react-router-dom"
import type { CommissionLine } from "../../types/commission-line"
import type { LedgerFilters } from "../../types/admin"
import { ledgerFiltersOf, ledgerSearchOf, ledgerViewOf } from "../lib/ledger-url"
import { errorMessage, queryString, useApprove, useLedger } from "../lib/api"
import { date, money } from "../lib/format"
import { DistributorLink, OrderLink } from "./links"
import { LineDrawer } from "./line-drawer"
import { pageParams, ServerTable } from "./server-table"
import { LineStatusBadge } from "./status"

const column = createDataTableColumnHelper<CommissionLine>()
const filter = createDataTableFilterHelper<CommissionLine>()
const command = createDataTableCommandHelper()

const options = (values: string[]) => values.map((value) => ({ label: value, value }))

const FILTERS = [
  filter.accessor("status", { type: "radio", label: "Status", options: options(["pending", "approved", "paid", "reversed"]) }),
  filter.accessor("kind", { type: "radio", label: "Kind", options: options(["commission", "retail_profit", "clawback", "adjustment"]) }),
  filter.accessor("distributor_handle", { type: "string", label: "Distributor", placeholder: "handle" }),
  filter.accessor("order_id", { type: "string", label: "Order", placeholder: "order id (order_…)" }),
  filter.accessor("currency_code", { type: "string", label: "Currency", placeholder: "eur" }),
  filter.accessor("created_at", { type: "date", label: "Date", format: "date", options: [] }),
]

type Props = {
  title: string
  /** filters the page fixes (a distributor's own ledger); the admin's filters come on top */
  fixed?: LedgerFilters
  /** approve and export actions, and row selection */
  manage?: boolean
  pageSize?: number
  /** keep the filters and the page in the address (the Ledger page), so a reload or a shared link shows the same lines */
  inAddress?: boolean
}

/**
 * The table's filters and page, kept in the component and, on the Ledger page, mirrored into the
 * address (ledgerSearchOf) and read from it when the page opens (ledgerViewOf). A filter just added
 * and not yet given a value lives only in the component.
 */
function useLedgerView(inAddress: boolean, pageSize: number) {
  const [search, setSearch] = useSearchParams()
  const [view, setView] = useState(() => (inAddress ? ledgerViewOf(search) : { filtering: {} as DataTableFilteringState, pageIndex: 0 }))
  useEffect(() => {
    if (!inAddress) return
    const next = ledgerSearchOf(view, search)
    if (next.toString() !== search.toString()) setSearch(next, { replace: true })
  }, [inAddress, view])
  return {
    filtering: view.filtering,
    pagination: { pageIndex: view.pageIndex, pageSize },
    // a new filter starts again from the first page
    setFiltering: (filtering: DataTableFilteringState) => setView({ filtering, pageIndex: 0 }),
    setPagination: (p: { pageIndex: number }) => setView((v) => ({ ...v, pageIndex: p.pageIndex })),
  }
}

/**
 * The commission ledger as a server-paginated DataTable: filters, totals of what the filters match,
 * a drawer explaining each line, approve selected or matured lines (saying what stays held and
 * until when) and a CSV export of exactly the filtered lines.
 */
export function LedgerTable({ title, fixed = {}, manage = false, pageSize = 20, inAddress = false }: Props) {
  const prompt = usePrompt()
  const { filtering, setFiltering, pagination, setPagination } = useLedgerView(inAddress, pageSize)
  const [selection, setSelection] = useState<DataTableRowSelectionState>({})
  const [open, setOpen] = useState<CommissionLine | null>(null)
  const filters = { ...ledgerFiltersOf(filtering), ...fixed }
  const { data, isLoading, error } = useLedger({ ...filters, ...pageParams(pagination) })
  const approve = useApprove()

  const approveLines = async (ids?: string[]) => {
    const what = ids ? `${ids.length} selected line${ids.length === 1 ? "" : "s"}` : "every line whose hold has ended"
    if (!(await prompt({ title: "Approve commission lines?", description: `This approves ${what}. Approved lines are paid by the next payout run.`, confirmText: "Approve", cancelText: "Cancel" }))) return
    try {
      const result = await approve.mutateAsync(ids ? { ids } : {})
      const dated = result.held.count - result.held.awaiting_fulfilment
      const waiting = result.held.awaiting_fulfilment
        ? ` ${result.held.awaiting_fulfilment} line${result.held.awaiting_fulfilment === 1 ? " waits" : "s wait"} for the order to be fulfilled.`
        : ""
      const held = dated
        ? ` ${dated} line${dated === 1 ? " is" : "s are"} still in the hold period: the next matures on ${date(result.held.next_hold_until)}, the last on ${date(result.held.last_hold_until)}.`
        : ""
      toast.success(`${result.count} line${result.count === 1 ? "" : "s"} approved.${held}${waiting}`)
      setSelection({})
    } catch (e) {
      toast.error(`Nothing was approved: ${errorMessage(e)}`)
    }
  }

  const columns = useMemo(
    () => [
      ...(manage ? [column.select()] : []),
      column.accessor("created_at", { header: "Date", cell: ({ getValue }) => date(getValue()) }),
      column.accessor("distributor_handle", {
        header: "Distributor",
        cell: ({ row }) => <DistributorLink id={row.original.distributor_id} handle={row.original.distributor_handle} />,
      }),
      column.accessor("order_id", {
        header: "Order",
        cell: ({ row }) => <OrderLink id={row.original.order_id} displayId={row.original.order_display_id} />,
      }),
      column.accessor("level", { header: "Level", cell: ({ row }) => `${row.original.level}${row.original.kind !== "commission" ? ` · ${row.original.kind.replace("_", " ")}` : ""}` }),
      column.accessor("basis", { header: "Basis × %", cell: ({ row }) => `${money(row.original.basis, row.original.currency_code)} × ${row.original.percent}%` }),
      column.accessor("amount", { header: "Amount", cell: ({ row }) => money(row.original.amount, row.original.currency_code) }),
      column.accessor("status", { header: "Status", cell: ({ getValue }) => <LineStatusBadge status={getValue()} /> }),
      column.accessor("hold_until", {
        header: "Held until",
        cell: ({ row }) => (row.original.status === "pending" ? date(row.original.hold_until) : "—"),
      }),
    ],
    [manage]
  )

  const totals = data?.totals ?? []
  const exportHref = `/admin/mlm/commissions/export${queryString({ ...filters })}`
  return (
    <>
      <ServerTable
        title={title}
        subtitle={
          data
            ? totals.length
              ? totals.map((t) => `${t.status} ${money(t.amount, t.currency_code)} (${t.count})`).join(" · ")
              : "No lines"
            : "Loading…"
        }
        columns={columns}
        rows={data?.commissions}
        count={data?.count}
        isLoading={isLoading}
        error={error}
        pagination={pagination}
        onPaginationChange={setPagination}
        getRowId={(l) => l.id}
        filters={FILTERS.filter((f) => !(f.id in fixed) && !(f.id === "distributor_handle" && fixed.distributor_id))}
        filtering={{ state: filtering, onFilteringChange: setFiltering }}
        selection={manage ? { state: selection, onChange: setSelection, enable: (l) => l.status === "pending" } : undefined}
        commands={
          manage
            ? [command.command({ label: "Approve", shortcut: "a", action: (selected) => approveLines(Object.keys(selected)) })]
            : undefined
        }
        onRowClick={setOpen}
        actions={
          manage ? (
            <>
              <Button size="small" variant="secondary" asChild>
                <a href={exportHref} download>Export CSV</a>
              </Button>
              <Button size="small" variant="secondary" isLoading={approve.isPending} onClick={() => approveLines()}>
                Approve matured
              </Button>
            </>
          ) : undefined
        }
        empty={{ heading: "No commission lines", description: "Lines appear when an order credited to a distributor is placed." }}
        footer={
          manage ? (
            <Text size="xsmall" className="text-ui-fg-muted px-6 py-2">
              Click a line for its explanation. Select pending lines to approve them; approved lines are paid by a payout run.
            </Text>
          ) : undefined
        }
      />
      <LineDrawer line={open} onClose={() => setOpen(null)} />
    </>
  )
}
