/** Shown without a valid token: the product has no password sign-in, only links. */
export function AccessDenied({ expired }: { expired: boolean }) {
  return (
    <main className="access" data-testid="access-denied">
      <div className="access__band">
        <span className="brand__mark" aria-hidden="true">
          CTG
        </span>
        <span>
          <span className="access__brand">Conventions Territoriales Globales</span>
          <span className="access__tagline">Espace de rédaction partagé Caf – collectivités</span>
        </span>
      </div>
      <div className="access__card">
        <h1>Accès réservé</h1>
        {expired && (
          <p className="notice notice--warning" role="status">
            Votre lien de connexion n’est plus valide ou a expiré.
          </p>
        )}
        <p>
          Cet espace de rédaction est réservé aux équipes de la Caf et des collectivités qui préparent une Convention
          Territoriale Globale.
        </p>
        <p>Pour y accéder, ouvrez l’un de ces liens :</p>
        <ul>
          <li>
            le <strong>lien de connexion</strong> affiché par le serveur à son démarrage (administrateur de
            l’application) ;
          </li>
          <li>
            un <strong>lien d’invitation</strong> envoyé par un ou une collègue depuis le bouton « Partager » d’une
            convention.
          </li>
        </ul>
        <p className="access__hint">
          Le lien contient votre jeton d’accès : ne le transmettez qu’aux personnes concernées.
        </p>
      </div>
    </main>
  )
}
