import { networkInterfaces } from 'node:os'
import { readConfig } from './config.js'
import { createCtgServer } from './createCtgServer.js'

/** `npm start`: serves the product and prints a sign-in link for the person who started it. */
const config = readConfig()
const ctg = await createCtgServer(config)

const owner = { id: 'local-owner', name: config.ownerName }
const token = await ctg.tokens.issue(owner)
const local = `http://localhost:${ctg.port}`
const lan = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal)
  .map((i) => `http://${i!.address}:${ctg.port}`)

console.log(`
  CTG Workspace est démarré (données : ${config.dataDir})

  Ouvrez ce lien de connexion dans votre navigateur (il vous est personnel) :
    ${local}/#jeton=${token}
${config.host === '0.0.0.0' && lan.length ? `\n  Adresse sur le réseau local : ${lan.join(', ')}\n  (vos collègues s'y connectent avec un lien d'invitation : bouton « Partager »)\n` : ''}
  Arrêt : Ctrl+C
`)

const shutdown = async () => {
  await ctg.stop()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
