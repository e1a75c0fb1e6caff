import {
  DataTable,
  DataTableColumnDef,
  DataTableCommand,
  DataTableFilter,
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableRowSelectionState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../lib/api"

type Props<T> = {
  title?: string
  subtitle?: ReactNode
  actions?: ReactNode
  columns: DataTableColumnDef<T, any>[]
  rows: T[] | undefined
  count: number | undefined
  isLoading: boolean
  error?: unknown
  pagination: DataTablePaginationState
  onPaginationChange: (state: DataTablePaginationState) => void
  getRowId: (row: T) => string
  search?: { value: string; onChange: (value: string) => void; placeholder: string }
  filters?: DataTableFilter[]
  filtering?: { state: DataTableFilteringState; onFilteringChange: (state: DataTableFilteringState) => void }
  selection?: { state: DataTableRowSelectionState; onChange: (state: DataTableRowSelectionState) => void; enable?: (row: T) => boolean }
  commands?: DataTableCommand[]
  onRowClick?: (row: T) => void
  empty: { heading: string; description: string }
  footer?: ReactNode
}

/**
 * Every list in the plugin's admin: Medusa's DataTable paginated on the server over the real count
 * (Medusa's footer), with optional search, filters, selection commands, error and empty states.
 */
export function ServerTable<T>(props: Props<T>) {
  const table = useDataTable<T>({
    columns: props.columns,
    data: props.rows ?? [],
    getRowId: props.getRowId,
    rowCount: props.count ?? 0,
    isLoading: props.isLoading,
    pagination: { state: props.pagination, onPaginationChange: props.onPaginationChange },
    search: props.search ? { state: props.search.value, onSearchChange: props.search.onChange } : undefined,
    filters: props.filters,
    filtering: props.filtering,
    rowSelection: props.selection
      ? {
          state: props.selection.state,
          onRowSelectionChange: props.selection.onChange,
          enableRowSelection: props.selection.enable ? (row) => props.selection!.enable!(row.original) : true,
        }
      : undefined,
    commands: props.commands,
    onRowClick: props.onRowClick ? (_event, row) => props.onRowClick!(row) : undefined,
  })
  return (
    <DataTable instance={table}>
      <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
        <div>
          {props.title && <Heading level="h2">{props.title}</Heading>}
          {props.subtitle && <Text size="small" className="text-ui-fg-subtle">{props.subtitle}</Text>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {props.filters?.length ? <DataTable.FilterMenu tooltip="Filter" /> : null}
          {props.search && <DataTable.Search placeholder={props.search.placeholder} />}
          {props.actions}
        </div>
      </DataTable.Toolbar>
      {props.error ? (
        <div className="px-6 py-4" role="alert">
          <Text size="small" className="text-ui-fg-error">Could not load: {errorMessage(props.error)}</Text>
        </div>
      ) : (
        <DataTable.Table
          emptyState={{
            empty: props.empty,
            filtered: { heading: "Nothing matches", description: "Change or clear the filters." },
          }}
        />
      )}
      <DataTable.Pagination />
      {props.commands?.length ? <DataTable.CommandBar selectedLabel={(n) => `${n} selected`} /> : null}
      {props.footer}
    </DataTable>
  )
}

/** Offset/limit for the API from the table's page state. */
export const pageParams = (p: DataTablePaginationState) => ({ limit: p.pageSize, offset: p.pageIndex * p.pageSize })
