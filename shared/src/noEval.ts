import { z } from 'zod'

/**
 * Imported first by pages under a Content-Security-Policy without `'unsafe-eval'` (the web
 * client), before any schema is built: zod then never probes `new Function` (it does so when
 * an object schema is created), which the browser reports as a violation even though zod
 * catches the error. Parsing is a little slower there; the server keeps zod's fast path.
 * A subpath of its own (`@ctg/shared/noEval`), because importing the package's index would
 * build every schema first.
 */
z.config({ jitless: true })
