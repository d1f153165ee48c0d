import { useRef, useState } from 'react'
import { api } from '../api/apiClient.js'
import { LineIcon } from '../ui/LineIcon.js'

const MAX_BYTES = 20 * 1024 * 1024

/**
 * Imports a structured convention (the JSON this product exports). The server
 * validates it; its answer, with the list of problems, is shown by the caller.
 */
export function ImportConventionButton({
  onImported,
  onError,
}: {
  onImported: (id: string) => void
  onError: (error: unknown) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)

  const importFile = async (file: File) => {
    onError(null)
    if (file.size > MAX_BYTES) {
      onError(new Error('Le fichier dépasse 20 Mo : il ne peut pas être importé.'))
      return
    }
    let convention: unknown
    try {
      convention = JSON.parse(await file.text())
    } catch {
      onError(new Error(`« ${file.name} » n’est pas un fichier JSON lisible.`))
      return
    }
    setBusy(true)
    try {
      onImported(await api.createConvention({ convention }))
    } catch (e) {
      onError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => input.current?.click()}
        disabled={busy}
        data-testid="import-json"
      >
        <LineIcon d="M12 15V3m0 0L7.5 7.5M12 3l4.5 4.5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />
        {busy ? 'Import en cours…' : 'Importer un fichier JSON'}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-json-input"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void importFile(file)
        }}
      />
    </>
  )
}
