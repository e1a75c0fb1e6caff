import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import { Button, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, useDistributors, useEnrolCustomer } from "../lib/api"
import { count } from "../lib/format"
import { DistributorLink } from "../components/links"
import { DistributorActions } from "../components/distributor-actions"
import { DistributorStatusBadge, Failed, Loading } from "../components/status"

/** On Medusa's customer page: the customer's distributor card, or "enrol as distributor". */
const CustomerDistributorWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error } = useDistributors({ customer_id: customer.id, limit: 1, offset: 0 })
  const distributor = data?.distributors[0]
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="mlm-customer-widget">
      <Heading level="h2">Network</Heading>
      {error ? <Failed error={error} what="the distributor" /> : isLoading ? <Loading what="the distributor" /> : distributor ? (
        <div className="flex flex-col gap-y-2">
          <div className="flex items-center justify-between">
            <div className="flex items-center gap-x-2">
              <DistributorLink id={distributor.id} handle={distributor.handle} />
              <DistributorStatusBadge status={distributor.status} />
            </div>
            <DistributorActions distributor={distributor} />
          </div>
          <Text size="small">
            Store: <a className="text-ui-fg-interactive hover:underline" href={distributor.store_url} target="_blank" rel="noreferrer">{distributor.store_url}</a>
          </Text>
          <Text size="small">
            Sponsor: {distributor.sponsor ? <DistributorLink id={distributor.sponsor.id} handle={distributor.sponsor.handle} /> : "none"}
          </Text>
          <Text size="small">Team: {count(distributor.frontline_count)} frontline · {count(distributor.downline_count)} in downline</Text>
        </div>
      ) : (
        <Enrol customerId={customer.id} suggestion={(customer.first_name ?? customer.email.split("@")[0]).toLowerCase().replace(/[^a-z0-9-]/g, "")} />
      )}
    </Container>
  )
}

function Enrol({ customerId, suggestion }: { customerId: string; suggestion: string }) {
  const enrol = useEnrolCustomer()
  const [handle, setHandle] = useState(suggestion)
  const [sponsor, setSponsor] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    setProblem(null)
    try {
      const { distributor } = await enrol.mutateAsync({ customer_id: customerId, handle: handle.trim(), sponsor_handle: sponsor.trim() || null })
      toast.success(`Enrolled as ${distributor.handle}`)
    } catch (e) {
      setProblem(errorMessage(e))
    }
  }
  return (
    <div className="flex flex-col gap-y-2">
      <Text size="small" className="text-ui-fg-subtle">Not a distributor. Enrol them to give them a store link, member prices and commissions.</Text>
      <Label htmlFor="mlm-enrol-handle">Handle (their store link)</Label>
      <Input id="mlm-enrol-handle" size="small" value={handle} onChange={(e) => setHandle(e.target.value)} />
      <Label htmlFor="mlm-enrol-sponsor">Sponsor's handle (optional)</Label>
      <Input id="mlm-enrol-sponsor" size="small" value={sponsor} onChange={(e) => setSponsor(e.target.value)} />
      {problem && <Text size="small" className="text-ui-fg-error" role="alert">{problem}</Text>}
      <div><Button size="small" variant="secondary" disabled={!handle.trim()} isLoading={enrol.isPending} onClick={submit}>Enrol as distributor</Button></div>
    </div>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.side", id: "mlm:customer-distributor" })

export default CustomerDistributorWidget
