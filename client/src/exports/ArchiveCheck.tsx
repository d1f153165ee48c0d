import { describeBagProblem, type BagCheck } from '@ctg/shared'
import { useState } from 'react'
import { checkArchive } from './checkArchive.js'

type Result = BagCheck | { unreadable: string } | null

/** "Vérifier une archive": a ZIP chosen by the person, checked in the page. */
export function ArchiveCheck() {
  const [result, setResult] = useState<Result>(null)
  const [checking, setChecking] = useState(false)
  return (
    <section className="exports__check" aria-labelledby="archive-check-title">
      <h3 id="archive-check-title">Vérifier une archive</h3>
      <p className="exports__hint">
        Choisissez une archive (.zip) téléchargée ici : chaque fichier est comparé à son empreinte, et la convention à
        l’empreinte enregistrée de sa version. Le fichier reste sur votre ordinateur.
      </p>
      <input
        type="file"
        accept=".zip,application/zip"
        data-testid="archive-check-input"
        aria-label="Archive à vérifier"
        onChange={async (event) => {
          const file = event.target.files?.[0]
          if (!file) return
          setChecking(true)
          setResult(null)
          setResult(await checkArchive(file))
          setChecking(false)
        }}
      />
      <div role="status" data-testid="archive-check-result">
        {checking && <p>Vérification…</p>}
        {result && 'unreadable' in result && (
          <p className="exports__bad">Ce fichier n’est pas une archive ZIP lisible ({result.unreadable}).</p>
        )}
        {result && 'valid' in result && result.valid && (
          <p className="exports__good">
            Archive valide : version {result.versionId}, empreinte SHA-256 {result.sha256?.slice(0, 16)}…
          </p>
        )}
        {result && 'valid' in result && !result.valid && (
          <>
            <p className="exports__bad">Archive altérée :</p>
            <ul className="exports__problems">
              {result.problems.map((p) => (
                <li key={p.path}>{describeBagProblem(p)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  )
}
