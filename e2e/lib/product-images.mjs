// Offline (this machine, CI) the DTC starter's product images, which its seed points at Medusa's
// public S3 bucket, do not load, and every product card shows a broken image. For the e2e run only,
// each such image gets a stand-in PNG in the backend's static folder (served at /static, as the file
// module's uploads are), and this run's database points at it. A shop's own clone is left alone.
import fs from "node:fs"
import path from "node:path"
import zlib from "node:zlib"

const S3_PREFIX = "https://medusa-public-images.s3.eu-west-1.amazonaws.com/"

/** A width x height PNG: a soft vertical gradient in a hue taken from `name`, a darker shape in the middle. */
export function placeholderPng(name, width = 480, height = 600) {
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7)
  const rgb = (l) => hslToRgb(hue, 0.28, l)
  const rows = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    const background = rgb(0.93 - 0.08 * (y / height))
    const shape = rgb(0.62)
    for (let x = 0; x < width; x++) {
      // a rounded garment-like block: wider at the shoulders, in the middle third
      const dx = Math.abs(x - width / 2) / (width / 2)
      const inShape = y > height * 0.22 && y < height * 0.8 && dx < (y < height * 0.36 ? 0.55 : 0.36)
      const [r, g, b] = inShape ? shape : background
      row.set([r, g, b], 1 + x * 3)
    }
    rows.push(row)
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

/**
 * Writes a stand-in for every product image and thumbnail on Medusa's S3 into `staticDir` and points
 * the database (a connected pg client) at `${backendUrl}/static/<file>`. Returns how many files.
 */
export async function useLocalProductImages(client, staticDir, backendUrl) {
  const { rows } = await client.query(
    `SELECT url FROM image WHERE url LIKE $1 UNION SELECT thumbnail FROM product WHERE thumbnail LIKE $1`,
    [`${S3_PREFIX}%`]
  )
  fs.mkdirSync(staticDir, { recursive: true })
  for (const { url } of rows) {
    const file = path.basename(new URL(url).pathname)
    fs.writeFileSync(path.join(staticDir, file), placeholderPng(file))
  }
  const local = `${backendUrl}/static/`
  await client.query(`UPDATE image SET url = replace(url, $1, $2) WHERE url LIKE $3`, [S3_PREFIX, local, `${S3_PREFIX}%`])
  await client.query(`UPDATE product SET thumbnail = replace(thumbnail, $1, $2) WHERE thumbnail LIKE $3`, [S3_PREFIX, local, `${S3_PREFIX}%`])
  return rows.length
}

function hslToRgb(h, s, l) {
  const k = (n) => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))))
  return [f(0), f(8), f(4)]
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
