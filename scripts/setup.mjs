// Prepares a fresh clone before `npm start` / `npm test` (runs on whatever Node runs npm):
// installs dependencies when missing, builds the client when it is missing or stale, and
// (with --chromium) installs Debian's Chromium for the browser tests when it is absent.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = new Set(process.argv.slice(2))
const run = (command, env = {}) => execSync(command, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })

const node22 = join(root, 'node_modules', 'node', 'bin')
if (!existsSync(join(root, 'node_modules', '.bin', 'vitest')) || !existsSync(join(node22, 'node'))) {
  console.log('Installation des dépendances (npm ci)…')
  run(existsSync(join(root, 'package-lock.json')) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund')
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

if (args.has('--build-client')) {
  const built = join(root, 'client', 'dist', 'index.html')
  const sources = Math.max(
    ...['client/src', 'shared/src', 'extensions/src'].map((d) => newestMtime(join(root, d))),
    statSync(join(root, 'client', 'index.html')).mtimeMs,
  )
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log("Construction de l'interface (vite build)…")
    run('npx vite build --config client/vite.config.ts --logLevel warn', {
      PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
    })
  }
}

if (args.has('--chromium') && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0) {
    console.log('Installation de Chromium (Debian) pour les tests navigateur…')
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium')
  } else {
    console.error('Chromium manque : installez-le avec « sudo apt-get install -y chromium » (tests navigateur).')
    process.exit(1)
  }
}
