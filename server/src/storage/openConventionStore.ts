import { join } from 'node:path'
import type { ServerConfig } from '../config.js'
import type { ConventionStore } from './ConventionStore.js'
import { PostgresConventionStore } from './postgres/PostgresConventionStore.js'
import { SqliteConventionStore } from './sqlite/SqliteConventionStore.js'

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file in DATA_DIR. */
export async function openConventionStore(config: ServerConfig): Promise<ConventionStore> {
  if (config.databaseUrl) return PostgresConventionStore.open(config.databaseUrl)
  return new SqliteConventionStore(join(config.dataDir, 'ctg.sqlite'))
}
