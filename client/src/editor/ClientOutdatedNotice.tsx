/**
 * In place of the document when the server runs a newer version of the editor: this page
 * could damage content it does not know (y-prosemirror drops what its schema cannot build),
 * so it edits nothing until it is reloaded. Changes not yet sent stay on this device and are
 * sent by the reloaded page.
 */
export function ClientOutdatedNotice({ keptChanges }: { keptChanges: boolean }) {
  return (
    <div className="empty-state" role="alert" data-testid="client-outdated">
      <h2>Une nouvelle version de l’application est disponible</h2>
      <p>
        Rechargez la page pour continuer à travailler sur cette convention.
        {keptChanges && ' Vos modifications non encore envoyées sont conservées sur cet appareil et seront envoyées.'}
      </p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        Recharger la page
      </button>
    </div>
  )
}
