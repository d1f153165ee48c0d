import type { User } from '@ctg/shared'
import type { ReactNode } from 'react'
import { SignOutButton } from '../auth/SignOutButton.js'
import { Link } from '../routing/Link.js'

/** The product's top bar: the name on the left, the signed-in person and "Se déconnecter" on the right. */
export function AppHeader({ user, children }: { user: User | null; children?: ReactNode }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        {/* named by what it shows, for people who name links by voice; "accueil" says where it leads */}
        <Link href="/" className="brand">
          <span className="brand__mark">CTG</span>{' '}
          <span className="brand__text">
            <span className="brand__title">Conventions Territoriales Globales</span>{' '}
            <span className="brand__subtitle">Espace de rédaction partagé Caf – collectivités</span>
            <span className="visually-hidden"> (accueil)</span>
          </span>
        </Link>
        {children}
        {user && (
          <div className="app-header__session">
            <p className="app-header__user" title={user.email ?? undefined} data-testid="signed-in-user">
              <span className="visually-hidden">Connecté en tant que </span>
              {user.name}
            </p>
            <SignOutButton userId={user.id} />
          </div>
        )}
      </div>
    </header>
  )
}
