import { useRef, useState } from 'react'
import { copyText } from '../editor/copyText.js'
import { LineIcon } from '../ui/LineIcon.js'
import { QrCode } from './QrCode.js'

/** The code with spaces that a room reads aloud more easily: "K7M 2QP". */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

/** How participants join: the code, the link (to copy) and its QR code. */
export function PlenaryInvite({ code, joinUrl, qrSize = 200 }: { code: string; joinUrl: string; qrSize?: number }) {
  const [copied, setCopied] = useState<boolean | null>(null)
  const input = useRef<HTMLInputElement>(null)
  return (
    <div className="plenary-invite" data-testid="plenary-invite">
      <div className="plenary-invite__code-block">
        <p className="plenary-invite__label">Code</p>
        <p
          className="plenary-invite__code"
          data-testid="plenary-code-value"
          aria-label={`Code : ${code.split('').join(' ')}`}
        >
          {spacedCode(code)}
        </p>
        <label className="plenary-invite__label" htmlFor={`join-link-${code}`}>
          Lien pour rejoindre
        </label>
        <div className="form-row">
          <input
            id={`join-link-${code}`}
            ref={input}
            className="input input--mono"
            value={joinUrl}
            readOnly
            onFocus={(e) => e.target.select()}
            data-testid="plenary-join-url"
          />
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => setCopied(await copyText(joinUrl, input.current))}
          >
            <LineIcon d="M9 9h10v12H9zM5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
            Copier
          </button>
        </div>
        <p className="plenary-invite__feedback" role="status">
          {copied === true && '✓ Lien copié.'}
          {copied === false && 'Copie impossible : sélectionnez le lien et copiez-le.'}
        </p>
      </div>
      <QrCode text={joinUrl} label={`QR code du lien pour rejoindre la plénière (code ${code})`} size={qrSize} />
    </div>
  )
}
