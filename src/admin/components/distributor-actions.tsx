import { Button, DropdownMenu, FocusModal, Heading, IconButton, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { EllipsisHorizontal } from "@medusajs/icons"
import { useState } from "react"
import type { AdminDistributor, AdminDistributorDetail } from "../../types/admin"
import { errorMessage, queryString, useChangeSponsor, useUpdateDistributor } from "../lib/api"
import { sdk } from "../lib/sdk"
import { count } from "../lib/format"

type Target = Pick<AdminDistributorDetail, "id" | "handle" | "display_name" | "status" | "downline_count" | "sponsor">

/**
 * What an admin does to a distributor: activate, deactivate, terminate, reinstate, change the
 * sponsor (saying how many distributors move; the API refuses a cycle) and rename. Used on the
 * distributor page, the customer widget and the genealogy explorer.
 */
export function DistributorActions({ distributor, size = "small" }: { distributor: Target; size?: "small" | "base" }) {
  const prompt = usePrompt()
  const update = useUpdateDistributor(distributor.id)
  const [dialog, setDialog] = useState<"sponsor" | "rename" | null>(null)
  const setStatus = async (status: "active" | "inactive" | "terminated", verb: string, description: string) => {
    if (!(await prompt({ title: `${verb} ${distributor.handle}?`, description, confirmText: verb, cancelText: "Cancel" }))) return
    try {
      await update.mutateAsync({ status })
      toast.success(`${distributor.handle} is ${status}`)
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }
  const s = distributor.status
  return (
    <>
      <DropdownMenu>
        <DropdownMenu.Trigger asChild>
          <IconButton size={size} variant="transparent" aria-label={`Actions for ${distributor.handle}`}><EllipsisHorizontal /></IconButton>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content align="end">
          {s === "inactive" && (
            <DropdownMenu.Item onClick={() => setStatus("active", "Activate", "They earn commissions again on orders placed from now on.")}>Activate</DropdownMenu.Item>
          )}
          {s === "active" && (
            <DropdownMenu.Item onClick={() => setStatus("inactive", "Deactivate", "They earn nothing while inactive; with compression their levels go to the next distributor up.")}>Deactivate</DropdownMenu.Item>
          )}
          {s === "terminated" ? (
            <DropdownMenu.Item onClick={() => setStatus("active", "Reinstate", "They become active again and regain member prices.")}>Reinstate</DropdownMenu.Item>
          ) : (
            <DropdownMenu.Item onClick={() => setStatus("terminated", "Terminate", "They stop earning and lose member prices. Their team stays in place under them. You can reinstate them later.")}>Terminate</DropdownMenu.Item>
          )}
          <DropdownMenu.Separator />
          <DropdownMenu.Item onClick={() => setDialog("sponsor")}>Change sponsor</DropdownMenu.Item>
          <DropdownMenu.Item onClick={() => setDialog("rename")}>Rename</DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu>
      {dialog === "sponsor" && <ChangeSponsor distributor={distributor} onClose={() => setDialog(null)} />}
      {dialog === "rename" && <Rename distributor={distributor} onClose={() => setDialog(null)} />}
    </>
  )
}

function Rename({ distributor, onClose }: { distributor: Target; onClose: () => void }) {
  const update = useUpdateDistributor(distributor.id)
  const [name, setName] = useState(distributor.display_name)
  const error = !name.trim() ? "Enter a name" : name.trim().length > 100 ? "At most 100 characters" : null
  const save = async () => {
    try {
      await update.mutateAsync({ display_name: name.trim() })
      toast.success("Name saved")
      onClose()
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }
  return (
    <Dialog title={`Rename ${distributor.handle}`} onClose={onClose} action={<Button size="small" disabled={!!error} isLoading={update.isPending} onClick={save}>Save</Button>}>
      <Label htmlFor="display-name">Display name (shown on the store page and to the team)</Label>
      <Input id="display-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!error} />
      {error && <Text size="xsmall" className="text-ui-fg-error">{error}</Text>}
    </Dialog>
  )
}

/** Finds the new sponsor by handle, says how many move, and moves them; a cycle comes back as the API's 400. */
function ChangeSponsor({ distributor, onClose }: { distributor: Target; onClose: () => void }) {
  const change = useChangeSponsor()
  const [handle, setHandle] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const moving = distributor.downline_count + 1
  const move = async () => {
    setProblem(null)
    let sponsorId: string | null = null
    const wanted = handle.trim().toLowerCase()
    if (wanted) {
      const { distributors } = await sdk.client.fetch<{ distributors: AdminDistributor[] }>(
        `/admin/mlm/distributors${queryString({ q: wanted, limit: 50 })}`
      )
      const match = distributors.find((d) => d.handle === wanted)
      if (!match) return setProblem(`No distributor has the handle '${wanted}'`)
      sponsorId = match.id
    }
    try {
      const { moved } = await change.mutateAsync({ id: distributor.id, sponsor_id: sponsorId })
      toast.success(`${count(moved)} distributor${moved === 1 ? "" : "s"} moved ${wanted ? `under ${wanted}` : "to the top of the network"}`)
      onClose()
    } catch (e) {
      setProblem(errorMessage(e))
    }
  }
  return (
    <Dialog
      title={`Change the sponsor of ${distributor.handle}`}
      onClose={onClose}
      action={<Button size="small" isLoading={change.isPending} onClick={move}>Move {count(moving)} distributor{moving === 1 ? "" : "s"}</Button>}
    >
      <Text size="small">
        {distributor.handle} moves with their whole downline: {count(moving)} distributor{moving === 1 ? "" : "s"} in all. Current sponsor:{" "}
        {distributor.sponsor?.handle ?? "none"}. Orders already placed keep the upline they were paid to.
      </Text>
      <Label htmlFor="new-sponsor">New sponsor's handle (empty: top of the network)</Label>
      <Input id="new-sponsor" value={handle} onChange={(e) => setHandle(e.target.value)} placeholder="handle" />
      {problem && <Text size="small" className="text-ui-fg-error" role="alert">{problem}</Text>}
    </Dialog>
  )
}

function Dialog({ title, onClose, action, children }: { title: string; onClose: () => void; action: React.ReactNode; children: React.ReactNode }) {
  return (
    <FocusModal open onOpenChange={(open) => !open && onClose()}>
      <FocusModal.Content className="m-auto h-fit max-w-lg">
        <FocusModal.Header>
          <Heading level="h2">{title}</Heading>
        </FocusModal.Header>
        <FocusModal.Body className="flex flex-col gap-y-3 p-6">{children}</FocusModal.Body>
        <FocusModal.Footer>
          <Button size="small" variant="secondary" onClick={onClose}>Cancel</Button>
          {action}
        </FocusModal.Footer>
      </FocusModal.Content>
    </FocusModal>
  )
}
