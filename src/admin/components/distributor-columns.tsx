import { createDataTableColumnHelper } from "@medusajs/ui"
import type { AdminDistributor } from "../../types/admin"
import { count, date } from "../lib/format"
import { CustomerLink, DistributorLink } from "./links"
import { DistributorStatusBadge } from "./status"

const column = createDataTableColumnHelper<AdminDistributor>()

/** The distributor columns every list shows (network list, frontline), in one place. */
export const distributorColumns = {
  handle: column.accessor("handle", { header: "Handle", cell: ({ row }) => <DistributorLink id={row.original.id} handle={row.original.handle} /> }),
  name: column.accessor("display_name", { header: "Name" }),
  status: column.accessor("status", { header: "Status", cell: ({ getValue }) => <DistributorStatusBadge status={getValue()} /> }),
  sponsor: column.accessor("sponsor", {
    header: "Sponsor",
    cell: ({ getValue }) => {
      const sponsor = getValue()
      return sponsor ? <DistributorLink id={sponsor.id} handle={sponsor.handle} /> : "—"
    },
  }),
  level: column.accessor("depth", { header: "Level" }),
  frontline: column.accessor("frontline_count", { header: "Frontline", cell: ({ getValue }) => count(getValue()) }),
  downline: column.accessor("downline_count", { header: "Downline", cell: ({ getValue }) => count(getValue()) }),
  enrolled: column.accessor("enrolled_at", { header: "Enrolled", cell: ({ getValue }) => date(getValue()) }),
  customer: column.accessor("customer_id", { header: "Customer", cell: ({ getValue }) => <CustomerLink id={getValue()}>Open</CustomerLink> }),
}
