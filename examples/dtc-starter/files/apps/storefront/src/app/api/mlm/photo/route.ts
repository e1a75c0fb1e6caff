import { mlmKit } from "@lib/data/mlm-kit"
import { NextRequest, NextResponse } from "next/server"

/**
 * A distributor's site photo, passed on to the plugin with the customer's token (a route handler,
 * because server actions take at most 1 MB and a photo may have 2). The plugin checks the type and
 * size and answers in words, which go back to the page as they are.
 */
export async function POST(request: NextRequest) {
  const photo = (await request.formData()).get("photo")
  if (!(photo instanceof File) || !photo.size) return NextResponse.json({ message: "Choose a photo first" }, { status: 400 })
  try {
    const { storefront } = await mlmKit().uploadMyPhoto(photo, photo.name || "photo")
    return NextResponse.json({ avatar_url: storefront.avatar_url })
  } catch (error) {
    const status = (error as { status?: number }).status ?? 500
    return NextResponse.json({ message: (error as Error).message || "The upload failed" }, { status })
  }
}
