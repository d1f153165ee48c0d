import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { docs, getYDoc, setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { runServerChild } from './serverChild.js'

/** The reference y-websocket server (@y/websocket-server's bin/server.js, on a free port), documents in memory. */
const wss = new WebSocketServer({ noServer: true })
const http = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
wss.on('connection', setupWSConnection)
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))

runServerChild({
  port: (http.address() as AddressInfo).port,
  seed: async (state, names) => {
    for (const name of names) Y.applyUpdate(getYDoc(name), state)
  },
  tokens: async (count) => Array<string>(count).fill(''),
  documents: () => docs.size,
  stop: async () => {
    for (const client of wss.clients) client.terminate()
    await new Promise<void>((resolve) => http.close(() => resolve()))
  },
})
