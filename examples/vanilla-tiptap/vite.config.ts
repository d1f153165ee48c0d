import { fileURLToPath } from 'node:url'
import { defineConfig, type ProxyOptions } from 'vite'

// The server refuses a /collab upgrade from another site's page, so this page reaches it through
// its own origin: Vite forwards /collab (and /api) to the server, keeping the Host it was asked for.
const target = process.env.CTG_SERVER ?? 'http://127.0.0.1:1234'
const proxy: Record<string, ProxyOptions> = { '/collab': { target, ws: true }, '/api': { target } }

// No alias and no tsconfig paths: @ctg/extensions resolves through its package.json `exports`
// to its built dist/, as it would from the npm registry.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/vanilla-tiptap', import.meta.url)),
  resolve: {
    // one copy of each, or Yjs and ProseMirror refuse objects made by "the other" instance
    dedupe: ['yjs', '@tiptap/core', '@tiptap/pm', '@tiptap/y-tiptap'],
  },
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Tiptap, ProseMirror, Yjs and the provider in one file: an example, not a product
    chunkSizeWarningLimit: 1000,
  },
})
