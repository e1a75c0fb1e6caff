import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { money, useAdminGet } from "../../../../lib/use-admin-get"
import type { CommissionLine } from "../../../../../types/commission-line"

type Detail = {
  id: string
  handle: string
  display_name: string
  status: "active" | "inactive" | "terminated"
  store_url: string
  depth: number
  enrolled_at: string
  upline: { id: string; handle: string; level: number }[]
  frontline_count: number
  downline_count: number
}
type Line = CommissionLine

const statusColor = { active: "green", inactive: "orange", terminated: "red" } as const

/** One distributor: upline (genealogy breadcrumb), frontline and commission lines. */
const DistributorPage = () => {
  const { id } = useParams()
  const { data } = useAdminGet<{ distributor: Detail }>(`/admin/mlm/distributors/${id}`)
  const { data: frontline } = useAdminGet<{ distributors: Detail[] }>(`/admin/mlm/distributors?sponsor_id=${id}&limit=100`)
  const { data: ledger } = useAdminGet<{ commissions: Line[]; count: number }>(`/admin/mlm/commissions?distributor_id=${id}&limit=50`)
  const d = data?.distributor
  if (!d) return <Container><Text>Loading...</Text></Container>
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          <Link to="/mlm">Network</Link>
          {[...d.upline].reverse().map((u) => (
            <span key={u.id}> / <Link className="text-ui-fg-interactive" to={`/mlm/distributors/${u.id}`}>{u.handle}</Link></span>
          ))}
          {" / "}{d.handle}
        </Text>
        <div className="flex items-center gap-x-2">
          <Heading level="h1">{d.display_name}</Heading>
          <Badge color={statusColor[d.status]} size="2xsmall">{d.status}</Badge>
        </div>
        <Text size="small">
          {d.handle} · level {d.depth} · {d.frontline_count} frontline · {d.downline_count} in downline · store{" "}
          <a className="text-ui-fg-interactive" href={d.store_url}>{d.store_url}</a>
        </Text>
      </Container>
      <Container className="p-0">
        <Heading level="h2" className="px-6 py-4">Frontline</Heading>
        <Table>
          <Table.Body>
            {frontline?.distributors.map((f) => (
              <Table.Row key={f.id}>
                <Table.Cell><Link className="text-ui-fg-interactive" to={`/mlm/distributors/${f.id}`}>{f.handle}</Link></Table.Cell>
                <Table.Cell>{f.display_name}</Table.Cell>
                <Table.Cell>{f.downline_count} in downline</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
      <Container className="p-0">
        <Heading level="h2" className="px-6 py-4">Commissions ({ledger?.count ?? 0})</Heading>
        <Table>
          <Table.Body>
            {ledger?.commissions.map((l) => (
              <Table.Row key={l.id}>
                <Table.Cell>{l.order_id.slice(0, 16)}…</Table.Cell>
                <Table.Cell>level {l.level} · {l.kind}</Table.Cell>
                <Table.Cell>{money(l.amount, l.currency_code)}</Table.Cell>
                <Table.Cell><Badge size="2xsmall">{l.status}</Badge></Table.Cell>
                <Table.Cell className="text-ui-fg-subtle">upline {l.explanation.upline.join(" → ")}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
    </div>
  )
}

export default DistributorPage
