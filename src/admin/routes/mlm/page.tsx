import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Users } from "@medusajs/icons"
import { Badge, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { useAdminGet } from "../../lib/use-admin-get"

type Distributor = {
  id: string
  handle: string
  display_name: string
  status: "active" | "inactive" | "terminated"
  sponsor: { handle: string } | null
  depth: number
  frontline_count: number
  downline_count: number
  store_url: string
}

export const statusColor = { active: "green", inactive: "orange", terminated: "red" } as const

const NetworkPage = () => {
  const [q, setQ] = useState("")
  const { data } = useAdminGet<{ distributors: Distributor[]; count: number; count_capped?: boolean }>(
    `/admin/mlm/distributors?limit=100${q ? `&q=${encodeURIComponent(q)}` : ""}`
  )
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Network</Heading>
          <Text className="text-ui-fg-subtle" size="small">
            {data ? `${data.count.toLocaleString("en")}${data.count_capped ? "+" : ""} distributors` : "Loading..."}
          </Text>
        </div>
        <div className="flex gap-2">
          <Link to="/mlm/plan"><Badge>Plan</Badge></Link>
          <Link to="/mlm/commissions"><Badge>Commission ledger</Badge></Link>
          <Input size="small" type="search" placeholder="Search handle or name" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Handle</Table.HeaderCell>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Sponsor</Table.HeaderCell>
            <Table.HeaderCell>Level</Table.HeaderCell>
            <Table.HeaderCell>Frontline</Table.HeaderCell>
            <Table.HeaderCell>Downline</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data?.distributors.map((d) => (
            <Table.Row key={d.id}>
              <Table.Cell>
                <Link className="text-ui-fg-interactive" to={`/mlm/distributors/${d.id}`}>{d.handle}</Link>
              </Table.Cell>
              <Table.Cell>{d.display_name}</Table.Cell>
              <Table.Cell><Badge color={statusColor[d.status]} size="2xsmall">{d.status}</Badge></Table.Cell>
              <Table.Cell>{d.sponsor?.handle ?? "—"}</Table.Cell>
              <Table.Cell>{d.depth}</Table.Cell>
              <Table.Cell>{d.frontline_count}</Table.Cell>
              <Table.Cell>{d.downline_count}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Network", icon: Users })

export default NetworkPage
