import { Link } from '../routing/Link.js'

export function NotFound({ message }: { message?: string }) {
  return (
    <main className="page">
      <div className="empty-state">
        <h1>Page introuvable</h1>
        <p>{message ?? 'L’adresse demandée ne correspond à aucune page de l’espace de rédaction.'}</p>
        <Link href="/" className="button button--primary">
          Retour à mes conventions
        </Link>
      </div>
    </main>
  )
}
