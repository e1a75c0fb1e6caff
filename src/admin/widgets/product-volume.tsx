import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage, useProductVolume, useSaveProductVolume } from "../lib/api"
import { Failed, Loading } from "../components/status"

/**
 * On Medusa's product page: the product's volume for the network's plan, points per unit sold (PV)
 * and whether it earns commissions at all (a starter kit does not: no basis, no volume).
 */
const ProductVolumeWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isLoading, error } = useProductVolume(product.id)
  const save = useSaveProductVolume(product.id)
  const [pv, setPv] = useState("")
  const [commissionable, setCommissionable] = useState(true)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (!data) return
    setPv(String(data.product_volume.pv_per_unit))
    setCommissionable(data.product_volume.commissionable)
  }, [data])
  const value = Number(pv)
  const invalid = pv.trim() === "" || !Number.isFinite(value) || value < 0 || Math.abs(value * 100 - Math.round(value * 100)) > 1e-9
  const submit = async () => {
    setProblem(null)
    try {
      await save.mutateAsync({ pv_per_unit: value, commissionable })
      toast.success("Volume saved: orders from now on count it")
    } catch (e) {
      setProblem(errorMessage(e))
    }
  }
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="mlm-product-volume">
      <Heading level="h2">Network volume</Heading>
      {error ? <Failed error={error} what="the product's volume" /> : isLoading ? <Loading what="the product's volume" /> : (
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="mlm-pv">PV per unit (all variants)</Label>
          <Input id="mlm-pv" size="small" inputMode="decimal" value={pv} onChange={(e) => setPv(e.target.value)} aria-invalid={invalid} />
          {invalid ? <Text size="small" className="text-ui-fg-error">A number of points, 0 or more, at most 2 decimals.</Text> : null}
          <div className="flex items-center gap-x-2">
            <Switch id="mlm-commissionable" checked={commissionable} onCheckedChange={setCommissionable} />
            <Label htmlFor="mlm-commissionable">Commissionable</Label>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {commissionable ? "Sales earn commissions and count their PV." : "Sales earn no commission and add no volume (starter kits, samples)."}
          </Text>
          {problem ? <Text size="small" className="text-ui-fg-error">{problem}</Text> : null}
          <div>
            <Button size="small" variant="secondary" onClick={submit} disabled={invalid || save.isPending} isLoading={save.isPending}>
              Save volume
            </Button>
          </div>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.side", id: "mlm:product-volume" })

export default ProductVolumeWidget
