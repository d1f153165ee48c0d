import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Runs `main` when the module is the process's entry (`npx tsx bench/fanout.ts`), not when run.ts imports it. */
export function runIfMain(moduleUrl: string, main: (argv: string[]) => Promise<void>): void {
  const entry = process.argv[1]
  if (!entry || realpathSync(entry) !== realpathSync(fileURLToPath(moduleUrl))) return
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}

/** A comma-separated list option ("10,100,300"). */
export function list(value: string | undefined, fallback: string[]): string[] {
  return value ? value.split(',').map((s) => s.trim()) : fallback
}
