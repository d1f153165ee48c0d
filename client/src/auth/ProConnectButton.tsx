import { rememberOidcSignIn } from './oidcSignIn.js'
import { oidcStartUrl } from './signInPath.js'

const PROCONNECT = 'ProConnect'

/**
 * Sign-in through the OpenID Connect provider, drawn after ProConnect's own button
 * (dark blue, "S'identifier avec" over the bold name, the explanatory link below). It is
 * a link: the server redirects to the provider, a full-page navigation.
 */
export function ProConnectButton({ label, next }: { label: string; next?: string }) {
  return (
    <div className="proconnect">
      <a
        className="proconnect__button"
        href={oidcStartUrl(next)}
        onClick={() => rememberOidcSignIn(true)}
        data-testid="oidc-sign-in"
      >
        <svg className="proconnect__logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
          <circle cx="16" cy="11" r="6" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M5 28c1.5-6 6-9 11-9s9.5 3 11 9" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M21.5 15.5l3 3 5-6" fill="none" stroke="#6a6af4" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <span className="proconnect__text">
          <span className="proconnect__login">S’identifier avec</span>
          <span className="proconnect__brand">{label}</span>
        </span>
      </a>
      {label === PROCONNECT && (
        <p className="proconnect__about">
          <a
            href="https://www.proconnect.gouv.fr/"
            target="_blank"
            rel="noopener noreferrer"
            title="Qu’est-ce que ProConnect ? – nouvelle fenêtre"
          >
            Qu’est-ce que ProConnect ?
          </a>
        </p>
      )}
    </div>
  )
}
