import { networkInterfaces } from 'node:os'
import { createInvitationLink, INVITATION_TTL_DAYS } from './auth/invitationCodes.js'
import { readConfig } from './config.js'
import { createCtgServer } from './createCtgServer.js'

/**
 * `npm start`: serves the product. On the first start (nobody can sign in yet) it prints
 * an invitation link for the person who started it to create the administrator account.
 */
const ctg = await createCtgServer(readConfig())
const { config } = ctg

const local = `http://localhost:${ctg.port}`
let setupLink: string | null = null
if (!(await ctg.store.accounts.anyAccount())) {
  // `local-owner` owns the conventions made before accounts existed: its account keeps them
  await ctg.store.members.rememberUser({ id: 'local-owner', name: config.ownerName })
  setupLink = await createInvitationLink(ctg.store.accounts, local, {
    userId: 'local-owner',
    conventionId: null,
    role: null,
    invitedBy: null,
  })
}
const lan = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal)
  .map((i) => `http://${i!.address}:${ctg.port}`)

console.log(`
  CTG Workspace est démarré (données : ${config.dataDir})

${
  setupLink
    ? `  Premier démarrage : créez le compte administrateur avec ce lien (il vous est personnel,
  valable ${INVITATION_TTL_DAYS} jours) :
    ${setupLink}`
    : `  Ouvrez ${local} dans votre navigateur.
  Nouveau compte : bouton « Partager » d'une convention, ou npm run user -- --email … --name …`
}
${config.host === '0.0.0.0' && lan.length ? `\n  Adresse sur le réseau local : ${lan.join(', ')}\n  (vos collègues y créent leur compte avec un lien d'invitation : bouton « Partager »)\n` : ''}
  Arrêt : Ctrl+C
`)

const shutdown = async () => {
  await ctg.stop()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
