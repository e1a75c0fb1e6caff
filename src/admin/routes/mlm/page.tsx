import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Users } from "@medusajs/icons"
import { Container, createDataTableFilterHelper, DataTableFilteringState } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import type { AdminDistributor } from "../../../types/admin"
import { useDistributors } from "../../lib/api"
import { count } from "../../lib/format"
import { distributorColumns } from "../../components/distributor-columns"
import { pageParams, ServerTable } from "../../components/server-table"

const filter = createDataTableFilterHelper<AdminDistributor>()

const c = distributorColumns
const columns = [c.handle, c.name, c.status, c.sponsor, c.level, c.frontline, c.downline, c.enrolled, c.customer]

const filters = [
  filter.accessor("status", {
    type: "radio",
    label: "Status",
    options: [
      { label: "Active", value: "active" },
      { label: "Inactive", value: "inactive" },
      { label: "Terminated", value: "terminated" },
    ],
  }),
]

/** Every distributor, paginated over the real count; search by handle, name or e-mail; filter by status. */
const NetworkPage = () => {
  const navigate = useNavigate()
  const [q, setQ] = useState("")
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: 20 })
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const status = filtering.status as string | undefined
  const { data, isLoading, error } = useDistributors({ q: q.trim() || undefined, status, ...pageParams(pagination) })
  return (
    <Container className="divide-y p-0">
      <ServerTable
        title="Network"
        subtitle={data ? `${count(data.count)}${data.count_capped ? "+" : ""} distributors` : "Loading…"}
        columns={columns}
        rows={data?.distributors}
        count={data?.count}
        isLoading={isLoading}
        error={error}
        pagination={pagination}
        onPaginationChange={setPagination}
        getRowId={(d) => d.id}
        search={{ value: q, onChange: setQ, placeholder: "Handle, name or e-mail" }}
        filters={filters}
        filtering={{ state: filtering, onFilteringChange: setFiltering }}
        onRowClick={(d) => navigate(`/mlm/distributors/${d.id}`)}
        empty={{ heading: "No distributors yet", description: "Customers enrol from the storefront, or from their customer page here." }}
      />
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Network", icon: Users })

export default NetworkPage
