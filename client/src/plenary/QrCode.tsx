import { useMemo } from 'react'
import { create } from 'qrcode'

/** the blank margin around the symbol, in modules, that scanners need (ISO 18004: 4) */
const QUIET_ZONE = 4

/**
 * A QR code drawn as one SVG path, computed here (the `qrcode` package's encoder, no
 * network, no inline script: the page's CSP holds). Medium error correction: a projector's
 * glare or a phone held at an angle still reads it.
 */
export function QrCode({ text, label, size }: { text: string; label: string; size?: number | string }) {
  const { path, extent } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' })
    let d = ''
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
      }
    }
    return { path: d, extent: modules.size + 2 * QUIET_ZONE }
  }, [text])

  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${extent} ${extent}`}
      width={size}
      height={size}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="plenary-qr"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
