// Prepares a fresh clone before `npm start` / `npm test` (runs on whatever Node runs npm):
// installs dependencies when missing, builds the client when it is missing or stale, and
// (with --chromium, --export-tools) installs the Debian packages the tests use when they are absent.
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

// Debian packages the tests need, by the program that shows each is there: Chromium for the
// browser tests and the PDF export (--chromium); poppler-utils (pdftotext, pdftoppm) and
// LibreOffice (soffice, headless) to read the exported files back (--export-tools)
const wanted = [
  ...(args.has('--chromium') ? [['/usr/bin/chromium', 'chromium']] : []),
  ...(args.has('--export-tools')
    ? [
        ['/usr/bin/pdftotext', 'poppler-utils'],
        ['/usr/bin/soffice', 'libreoffice-writer-nogui'],
      ]
    : []),
]
const missing = wanted.filter(([program]) => !existsSync(program)).map(([, pkg]) => pkg)
if (missing.length > 0) {
  if (process.getuid?.() === 0) {
    console.log(`Installation des paquets Debian pour les tests (${missing.join(', ')})…`)
    run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`)
  } else {
    console.error(`Paquets manquants : installez-les avec « sudo apt-get install -y ${missing.join(' ')} » (tests).`)
    process.exit(1)
  }
}
