import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminOrder } from "@medusajs/framework/types"
import { Button, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, useCorrectAttribution, useOrderAttribution } from "../lib/api"
import { dateTime } from "../lib/format"
import { DistributorLink } from "../components/links"
import { Failed, Loading } from "../components/status"

const SOURCE: Record<string, string> = {
  link: "the distributor's store link",
  lifetime: "the customer's lifetime binding",
  self: "the distributor's own purchase",
  admin: "an admin's correction",
  enrollment: "the customer's enrolment",
}

/** On Medusa's order page: who the order is credited to, why, the corrections so far, and a correction. */
const OrderAttributionWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useOrderAttribution(order.id)
  const correct = useCorrectAttribution(order.id)
  const [editing, setEditing] = useState(false)
  const [handle, setHandle] = useState("")
  const [reason, setReason] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const a = data?.attribution
  const submit = async () => {
    setProblem(null)
    try {
      const { attribution } = await correct.mutateAsync({ handle: handle.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) })
      toast.success(`Order credited to ${attribution.distributor.handle}; its commissions are settled again`)
      setEditing(false)
    } catch (e) {
      setProblem(errorMessage(e))
    }
  }
  return (
    <Container className="flex flex-col gap-y-2 px-6 py-4" data-testid="mlm-order-attribution">
      <div className="flex items-center justify-between">
        <Heading level="h2">Credited to</Heading>
        {!editing && <Button size="small" variant="transparent" onClick={() => setEditing(true)}>Correct</Button>}
      </div>
      {error ? <Failed error={error} what="the attribution" /> : isLoading ? <Loading what="the attribution" /> : a ? (
        <>
          <Text size="small"><DistributorLink id={a.distributor.id} handle={a.distributor.handle} /> · {a.distributor.display_name}</Text>
          <Text size="small" className="text-ui-fg-subtle">Through {SOURCE[a.source] ?? a.source}{a.referral_handle ? ` (/${a.referral_handle})` : ""}</Text>
          {a.history.map((h, i) => (
            <Text key={i} size="xsmall" className="text-ui-fg-muted">
              {dateTime(h.at)}: corrected{h.reason ? ` ("${h.reason}")` : ""}
            </Text>
          ))}
        </>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">Nobody: no store link, no lifetime binding. The order earns no commissions.</Text>
      )}
      {editing && (
        <div className="flex flex-col gap-y-2 border-t pt-2">
          <Label htmlFor="mlm-attr-handle">Credit to (handle)</Label>
          <Input id="mlm-attr-handle" size="small" value={handle} onChange={(e) => setHandle(e.target.value)} />
          <Label htmlFor="mlm-attr-reason">Reason (kept in the history)</Label>
          <Input id="mlm-attr-reason" size="small" value={reason} onChange={(e) => setReason(e.target.value)} />
          {problem && <Text size="small" className="text-ui-fg-error" role="alert">{problem}</Text>}
          <div className="flex gap-x-2">
            <Button size="small" variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
            <Button size="small" disabled={!handle.trim()} isLoading={correct.isPending} onClick={submit}>Credit and settle again</Button>
          </div>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side", id: "mlm:order-attribution" })

export default OrderAttributionWidget
