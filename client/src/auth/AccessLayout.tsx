import type { ReactNode } from 'react'

/** The frame of the pages seen before signing in: the product's band, and a card. */
export function AccessLayout({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <main className="access" data-testid={testId}>
      <div className="access__band">
        <span className="brand__mark" aria-hidden="true">
          CTG
        </span>
        <span>
          <span className="access__brand">Conventions Territoriales Globales</span>
          <span className="access__tagline">Espace de rédaction partagé Caf – collectivités</span>
        </span>
      </div>
      <div className="access__card">{children}</div>
    </main>
  )
}
