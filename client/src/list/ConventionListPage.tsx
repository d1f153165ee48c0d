import type { ConventionSummary } from '@ctg/shared'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { api } from '../api/apiClient.js'
import { BIN_ICON, MoveToBinButton } from '../bin/MoveToBinButton.js'
import { LineIcon } from '../ui/LineIcon.js'
import { Link } from '../routing/Link.js'
import { BIN_PATH, conventionPath, navigate } from '../routing/route.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'
import { ConventionCard } from './ConventionCard.js'
import { ImportConventionButton } from './ImportConventionButton.js'
import { NewConventionDialog } from './NewConventionDialog.js'

type ListState =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: ConventionSummary[] }

export function ConventionListPage() {
  const [list, setList] = useState<ListState>({ state: 'loading' })
  const [creating, setCreating] = useState(false)
  const [importError, setImportError] = useState<unknown>(null)
  const [filter, setFilter] = useState('')
  /** the title of the convention just moved to the bin, to say so */
  const [binned, setBinned] = useState<string | null>(null)
  const [binError, setBinError] = useState<unknown>(null)

  const load = useCallback(() => {
    setList({ state: 'loading' })
    api.listConventions().then(
      (items) => setList({ state: 'ready', items }),
      (error: unknown) => setList({ state: 'error', error }),
    )
  }, [])

  useEffect(() => {
    document.title = 'Mes conventions – CTG'
    load()
  }, [load])

  const open = (id: string) => navigate(conventionPath(id))

  const visible = useMemo(() => {
    if (list.state !== 'ready') return []
    const query = filter.trim().toLocaleLowerCase('fr')
    return [...list.items]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .filter((c) => !query || c.title.toLocaleLowerCase('fr').includes(query) || `${c.period.start}`.includes(query))
  }, [list, filter])

  return (
    <main className="page" id="main">
      <div className="page-heading">
        <div>
          <h1>Mes conventions</h1>
          <p className="page-heading__lead">
            Rédigez à plusieurs, en temps réel, les Conventions Territoriales Globales de votre territoire.
          </p>
        </div>
        <div className="page-heading__actions">
          <Link href={BIN_PATH} className="button button--tertiary" data-testid="open-bin">
            <LineIcon d={BIN_ICON} />
            Corbeille
          </Link>
          <ImportConventionButton onImported={open} onError={setImportError} />
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
            data-testid="new-convention"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
            </svg>
            Nouvelle convention
          </button>
        </div>
      </div>

      {importError !== null && (
        <ErrorNotice
          error={importError}
          title="Le fichier n’a pas pu être importé."
          hint="Seuls les fichiers produits par le bouton « Exporter (JSON) » d’une convention peuvent être importés."
          onDismiss={() => setImportError(null)}
        />
      )}

      <div aria-live="polite">
        {binned !== null && (
          <div className="notice notice--success" data-testid="moved-to-bin">
            <p>
              « {binned || 'Convention sans titre'} » a été mise à la corbeille. Vous pouvez la restaurer depuis la{' '}
              <Link href={BIN_PATH}>corbeille</Link>.
            </p>
          </div>
        )}
      </div>
      {binError !== null && (
        <ErrorNotice
          error={binError}
          title="La convention n’a pas pu être mise à la corbeille."
          onDismiss={() => setBinError(null)}
        />
      )}

      {list.state === 'loading' && <LoadingState label="Chargement de vos conventions…" />}

      {list.state === 'error' && (
        <div>
          <ErrorNotice error={list.error} title="La liste des conventions n’a pas pu être chargée." />
          <button type="button" className="button button--secondary" onClick={load}>
            Réessayer
          </button>
        </div>
      )}

      {list.state === 'ready' && list.items.length === 0 && (
        <div className="empty-state" data-testid="convention-list" data-empty="true">
          <h2>Aucune convention pour le moment</h2>
          <p>
            Commencez à partir du modèle national : la structure de la convention (articles, fiches actions, tableau
            d’indicateurs, signatures) est déjà en place.
          </p>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            Créer ma première convention
          </button>
        </div>
      )}

      {list.state === 'ready' && list.items.length > 0 && (
        <section aria-labelledby="list-title" data-testid="convention-list">
          <div className="list-toolbar">
            <h2 id="list-title" className="list-toolbar__count">
              {list.items.length === 1 ? '1 convention' : `${list.items.length} conventions`}
            </h2>
            {list.items.length > 4 && (
              <label className="search">
                <span className="visually-hidden">Rechercher une convention</span>
                <input
                  type="search"
                  className="input"
                  placeholder="Rechercher par titre ou année…"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                />
              </label>
            )}
          </div>
          <ul className="convention-list">
            {visible.map((c) => (
              <ConventionCard
                key={c.id}
                convention={c}
                actions={
                  c.role === 'owner' && (
                    <MoveToBinButton
                      conventionId={c.id}
                      title={c.title}
                      className="button button--bin"
                      label={`Mettre à la corbeille « ${c.title || 'Convention sans titre'} »`}
                      onMoved={() => {
                        setBinned(c.title)
                        setBinError(null)
                        // the card leaves; the others stay where they are (a reload would blank the list)
                        setList((current) =>
                          current.state === 'ready'
                            ? { state: 'ready', items: current.items.filter((item) => item.id !== c.id) }
                            : current,
                        )
                      }}
                      onError={setBinError}
                    />
                  )
                }
              />
            ))}
          </ul>
          {visible.length === 0 && <p className="muted">Aucune convention ne correspond à « {filter} ».</p>}
        </section>
      )}

      {creating && <NewConventionDialog onClose={() => setCreating(false)} onCreated={open} />}
    </main>
  )
}
