import { Text } from "@medusajs/ui"

/** A long run's bar and what it says ("N of M orders replayed (p %, s)"), for the simulator and the import. */
export function ProgressBar({ label, percent, text }: { label: string; percent: number; text: string }) {
  return (
    <div className="flex flex-col gap-y-1" role="status" aria-label={label}>
      <div className="h-1.5 w-full max-w-md overflow-hidden rounded-full bg-ui-bg-switch-off">
        <div className="h-full bg-ui-fg-interactive" style={{ width: `${percent}%` }} />
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">{text}</Text>
    </div>
  )
}
