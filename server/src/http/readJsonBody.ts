import type { IncomingMessage } from 'node:http'
import { HttpError } from './HttpError.js'

/** Reads a JSON body, refusing it with 413 past `limit` bytes and 400 when it is not JSON. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? ''
  if (!type.startsWith('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'the body must be JSON (Content-Type: application/json)')
  }
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > limit) throw new HttpError(413, 'payload_too_large', `the body exceeds ${limit} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new HttpError(413, 'payload_too_large', `the body exceeds ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`)
  }
}
