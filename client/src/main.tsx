// first: the page's CSP forbids eval (server/src/http/securityHeaders.ts)
import '@ctg/shared/noEval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { captureTokenFromLocation } from './auth/sessionMark.js'
import { registerServiceWorker } from './registerServiceWorker.js'
import './styles/base.css'
import './styles/app.css'
import './styles/editor.css'
import './styles/blocks.css'
import './styles/bin.css'
import './styles/comments.css'
import './styles/plenary.css'

registerServiceWorker()

// a sign-in link's token becomes the session cookie before the app asks who is signed in
void captureTokenFromLocation().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
