import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, type ExportFormat, type Version } from '@ctg/shared'
import { useEffect, useState } from 'react'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { Modal } from '../ui/Modal.js'
import { versionsApi } from '../versions/versionsApi.js'
import { ArchiveCheck } from './ArchiveCheck.js'
import { downloadFile } from './downloadFile.js'
import './exports.css'

const CURRENT = 'current'

const versionLabel = (v: Version) =>
  `${new Date(v.createdAt).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })} — ${v.name ?? v.summary}` +
  (v.kind === 'status' ? ` (${v.status === 'signed' ? 'signée' : v.status === 'adopted' ? 'adoptée' : 'étape'})` : '')

/**
 * "Exporter": the convention now or any version, in each format (docs/api.md, "Exports"),
 * the archive of a version, and the check of an archive.
 */
export function ExportDialog({ conventionId, onClose }: { conventionId: string; onClose: () => void }) {
  const [versions, setVersions] = useState<Version[]>([])
  const [which, setWhich] = useState(CURRENT)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    versionsApi.list(conventionId).then(setVersions, setError)
  }, [conventionId])

  const base = `/api/conventions/${encodeURIComponent(conventionId)}`
  const run = async (key: string, path: string, fallback: string) => {
    setBusy(key)
    setError(null)
    try {
      await downloadFile(path, fallback)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  const exportPath = (format: ExportFormat) =>
    which === CURRENT
      ? `${base}/export?format=${format}`
      : `${base}/versions/${encodeURIComponent(which)}/export?format=${format}`
  const archivePath = which === CURRENT ? `${base}/archive` : `${base}/archive?version=${encodeURIComponent(which)}`

  return (
    <Modal title="Exporter" onClose={onClose} testId="export-dialog" wide>
      <label className="exports__which">
        Texte à exporter
        <select value={which} onChange={(e) => setWhich(e.target.value)} data-testid="export-version">
          <option value={CURRENT}>La convention telle qu’elle est maintenant</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              Version du {versionLabel(v)}
            </option>
          ))}
        </select>
      </label>
      <ul className="exports__formats">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy !== null}
              data-testid={`export-${format}`}
              onClick={() => run(format, exportPath(format), `convention.${EXPORT_FORMAT_INFO[format].extension}`)}
            >
              {busy === format ? 'Préparation…' : EXPORT_FORMAT_INFO[format].label}
            </button>
          </li>
        ))}
      </ul>
      <section className="exports__archive">
        <h3>Archive</h3>
        <p className="exports__hint">
          Un fichier ZIP (BagIt) qui prouve ce qui a été adopté ou signé : la convention structurée, son schéma, le PDF,
          l’ODT, les commentaires, les résultats des plénières et la liste des versions avec leurs empreintes.
          {which === CURRENT && ' Sans version choisie : la version signée, sinon la version adoptée.'}
        </p>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          data-testid="export-archive"
          onClick={() => run('archive', archivePath, 'archive.zip')}
        >
          {busy === 'archive' ? 'Préparation…' : 'Télécharger l’archive'}
        </button>
      </section>
      {error !== null && <ErrorNotice error={error} title="L’export n’a pas pu être réalisé." />}
      <ArchiveCheck />
    </Modal>
  )
}
