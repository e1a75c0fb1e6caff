"use client"

import { Button } from "@modules/common/components/ui"
import { QRCodeSVG } from "qrcode.react"
import { useState } from "react"

/** The distributor's personal store link, with a copy button and a QR code to print or show. */
export default function PersonalLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard.writeText(url)
    setCopied(true)
    setTimeout(() => setCopied(false), 2000)
  }
  return (
    <div className="flex flex-col small:flex-row gap-6 items-start" data-testid="personal-link">
      <QRCodeSVG value={url} size={128} marginSize={2} title={`QR code of ${url}`} data-testid="personal-link-qr" />
      <div className="flex flex-col gap-y-3">
        <span className="txt-compact-small text-ui-fg-subtle">Your store link: what anyone buys through it is credited to you.</span>
        <code className="txt-medium-plus break-all" data-testid="personal-link-url">
          {url}
        </code>
        <Button variant="secondary" onClick={copy} className="w-fit" data-testid="copy-link-button">
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
    </div>
  )
}
