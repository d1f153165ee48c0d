import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))
const server = 'http://127.0.0.1:1234'

export default defineConfig({
  root,
  // the workspace's node_modules, not a stray client/node_modules
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/client', import.meta.url)),
  plugins: [react()],
  resolve: {
    // @ctg/* from their sources (tsconfig.base.json's paths), not from their built dist/
    tsconfigPaths: true,
    // one copy of each, or Yjs and ProseMirror refuse objects made by "the other" instance
    dedupe: ['yjs', 'y-protocols', '@tiptap/core', '@tiptap/pm', '@tiptap/y-tiptap', 'react', 'react-dom'],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/collab': { target: server, ws: true, changeOrigin: true },
    },
  },
})
