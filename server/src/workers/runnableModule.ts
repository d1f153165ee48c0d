// built (the published package), this module is a .js file and so are its siblings
const compiled = import.meta.url.endsWith('.js')
/** `server/src/` (or `dist/`): modules are named relative to it in a bundle directory */
const sourceRoot = new URL('../', import.meta.url)

/**
 * What Node runs for one of our modules named by its TypeScript source (`./x.ts`), in a worker
 * thread or a child process:
 * - built, the compiled `./x.js`, on plain Node;
 * - from the sources with `CTG_WORKER_BUNDLES` set, that directory's `x.mjs`: the same module
 *   bundled by esbuild from these sources (the test suite makes them once per run,
 *   `tests/setup/bundleWorkers.ts`). Under tsx each worker loads its own module hooks and
 *   resolves every import through them: seconds per test server on a busy machine;
 * - otherwise the source itself through tsx, as the server runs.
 */
export function runnableModule(module: URL): { url: URL; tsx: boolean } {
  if (compiled) return { url: new URL(module.href.replace(/\.ts$/, '.js')), tsx: false }
  const bundles = process.env.CTG_WORKER_BUNDLES
  if (!bundles) return { url: module, tsx: true }
  const relative = module.href.slice(sourceRoot.href.length).replace(/\.ts$/, '.mjs')
  return { url: new URL(relative, new URL(`file://${bundles.replace(/\/?$/, '/')}`)), tsx: false }
}
