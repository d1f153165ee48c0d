import {
  commentThreadSchema,
  messageResponseSchema,
  threadResponseSchema,
  threadsResponseSchema,
  Y_FRAGMENT_NAME,
  type CommentThread,
  type Convention,
} from '@ctg/shared'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { markedText, passageAnchor } from '../helpers/passagePositions.js'
import { issueTestToken, type ServerProcess } from '../helpers/startServerProcess.js'
import { startProcessPair, type ProcessPair } from '../helpers/startProcessPair.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { storageEngines } from '../helpers/storageEngines.js'
import { threadsMessages } from '../helpers/threadsMessages.js'
import { syncStatuses } from '../helpers/syncStatuses.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const PEOPLE = {
  editor: { id: 'u-editor', name: 'Élodie Rédactrice' },
  editor2: { id: 'u-editor2', name: 'Paul Rédacteur' },
  commenter: { id: 'u-commenter', name: 'Camille Commentatrice' },
  reader: { id: 'u-reader', name: 'Louis Lecteur' },
}

const ENGINES = storageEngines()

/** The key action label "Recruter une animatrice de relais" of the small fixture. */
const keyActionLabel = (doc: Y.Doc) => fieldText(findElements(doc, 'keyActionLabel')[0]!)
/** The free-text paragraph "Une seule action est prévue pour cette période d’essai." */
const freeParagraph = (doc: Y.Doc) => (doc.getXmlFragment(Y_FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText

/** A text's characters, without its formatting. */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('')

describe.each(ENGINES)('comments on $name', (engine) => {
  let server: TestServer
  let env: Record<string, string>
  const clients: TestClient[] = []

  beforeAll(async () => {
    env = await engine.env()
    server = await startTestServer({ env })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  /** A convention with an editor, a second editor, a commenter and a reader; their tokens. */
  async function convention(content: Convention = smallConvention()) {
    const id = await createConvention(server, content)
    const tokens = {
      owner: await server.token(),
      editor: await server.memberToken(id, PEOPLE.editor, 'editor'),
      editor2: await server.memberToken(id, PEOPLE.editor2, 'editor'),
      commenter: await server.memberToken(id, PEOPLE.commenter, 'commenter'),
      reader: await server.memberToken(id, PEOPLE.reader, 'reader'),
    }
    const open = async (who: keyof typeof tokens) => {
      const client = await connectClient(server.wsUrl, id, tokens[who])
      clients.push(client)
      return client
    }
    const call = (who: keyof typeof tokens, method: string, path: string, body?: unknown) =>
      server.api(`/api/conventions/${id}${path}`, {
        method,
        token: tokens[who],
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const threads = async (): Promise<CommentThread[]> => {
      const response = await call('reader', 'GET', '/threads')
      expect(response.status).toBe(200)
      return threadsResponseSchema.parse(await response.json()).threads
    }
    return { id, tokens, open, call, threads }
  }

  it("a commenter's thread reaches an editor within a second, mark included, while the commenter stays read-only", async () => {
    const c = await convention()
    const editor = await c.open('editor')
    const commenter = await c.open('commenter')
    const reader = await c.open('reader')
    const seenByEditor = threadsMessages(editor)
    const seenByReader = threadsMessages(reader)

    const anchor = passageAnchor(keyActionLabel(commenter.doc), 0, 8)
    const created = await c.call('commenter', 'POST', '/threads', { anchor, body: 'Qui recrute ?\nEt quand ?' })
    expect(created.status).toBe(201)
    const { thread } = threadResponseSchema.parse(await created.json())
    expect(thread.anchor).toEqual({ blockId: 'ka-1-1', quote: 'Recruter', detached: false })
    expect(thread.status).toBe('open')
    expect(thread.author).toEqual(PEOPLE.commenter)
    expect(thread.messages.map((m) => [m.body, m.author.id, m.deleted, m.editedAt])).toEqual([
      ['Qui recrute ?\nEt quand ?', PEOPLE.commenter.id, false, null],
    ])

    await waitFor(
      () =>
        seenByEditor.some((m) => m.threadId === thread.id && m.event === 'created') &&
        markedText(keyActionLabel(editor.doc), thread.id) === 'Recruter',
      'the thread and its mark at the editor',
    )
    await waitFor(() => seenByReader.some((m) => m.threadId === thread.id), 'the reader told too')
    expect(markedText(keyActionLabel(commenter.doc), thread.id)).toBe('Recruter')

    // the commenter's socket is read-only at the Yjs level: the server took nothing from it
    const live = server.ctg.server.hocuspocus.documents.get(c.id)!
    const connections = [...live.getConnections()].filter(
      (conn) => (conn.context as { user?: { id: string } }).user?.id === PEOPLE.commenter.id,
    )
    expect(connections.length).toBe(1)
    expect(connections.every((conn) => conn.readOnly)).toBe(true)
    const answers = syncStatuses(commenter)
    keyActionLabel(commenter.doc).insert(0, 'Pirate ')
    await waitFor(() => answers.includes(false), 'the server refuses the edit')
    expect(keyActionLabel(editor.doc).toString()).not.toContain('Pirate')

    expect((await c.threads()).map((t) => t.id)).toEqual([thread.id])
  })

  it('a reader gets 403, a stranger 404, a bad body 400 naming the field, an unknown block 404', async () => {
    const c = await convention()
    const reader = await c.open('reader')
    const anchor = passageAnchor(keyActionLabel(reader.doc), 0, 8)
    const own = threadResponseSchema.parse(
      await (await c.call('commenter', 'POST', '/threads', { anchor, body: 'Premier' })).json(),
    ).thread

    const refused = [
      await c.call('reader', 'POST', '/threads', {
        anchor: passageAnchor(keyActionLabel(reader.doc), 9, 12),
        body: 'x',
      }),
      await c.call('reader', 'POST', `/threads/${own.id}/messages`, { body: 'x' }),
      await c.call('reader', 'PATCH', `/threads/${own.id}`, { status: 'resolved' }),
      await c.call('reader', 'PATCH', `/threads/${own.id}/messages/${own.messages[0]!.id}`, { body: 'x' }),
      await c.call('reader', 'DELETE', `/threads/${own.id}/messages/${own.messages[0]!.id}`),
    ]
    for (const response of refused) {
      expect(response.status).toBe(403)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    }

    const stranger = await server.token({ id: 'u-stranger', name: 'Sam' })
    for (const [method, path] of [
      ['GET', '/threads'],
      ['POST', '/threads'],
      ['PATCH', `/threads/${own.id}`],
    ] as const) {
      const response = await server.api(`/api/conventions/${c.id}${path}`, {
        method,
        token: stranger,
        ...(method === 'GET' ? {} : { body: JSON.stringify({ body: 'x' }) }),
      })
      expect(response.status).toBe(404)
    }

    const invalid = async (body: unknown, field: string) => {
      const response = await c.call('commenter', 'POST', '/threads', body)
      expect(response.status).toBe(400)
      const { error } = (await response.json()) as { error: { code: string; message: string } }
      expect(error.code).toBe('invalid_body')
      expect(error.message.startsWith(field), error.message).toBe(true)
    }
    const text = keyActionLabel(reader.doc)
    await invalid({ anchor, body: '' }, 'body')
    await invalid({ anchor, body: '😀'.repeat(5001) }, 'body')
    await invalid({ anchor }, 'body')
    await invalid({ anchor: { from: 'pas du base64 !', to: anchor.to }, body: 'x' }, 'anchor')
    await invalid({ anchor: { from: 'AAAA', to: 'AAAA' }, body: 'x' }, 'anchor')
    await invalid({ anchor: passageAnchor(text, 8, 8), body: 'x' }, 'anchor')
    await invalid(
      { anchor: { from: passageAnchor(text, 9, 12).to, to: passageAnchor(text, 9, 12).from }, body: 'x' },
      'anchor',
    )
    // positions from another document do not resolve in this convention
    const elsewhere = new Y.Doc()
    const foreign = elsewhere.getXmlFragment(Y_FRAGMENT_NAME)
    const foreignText = new Y.XmlText('ailleurs')
    foreign.insert(0, [foreignText])
    await invalid({ anchor: passageAnchor(foreignText, 0, 3), body: 'x' }, 'anchor')
    // five thousand code points (ten thousand UTF-16 units) is the limit, not more
    const longest = await c.call('commenter', 'POST', '/threads', {
      anchor: passageAnchor(text, 13, 23),
      body: '😀'.repeat(5000),
    })
    expect(longest.status).toBe(201)

    const unknownBlock = await c.call('commenter', 'POST', '/threads', { anchor: { blockId: 'fa-nope' }, body: 'x' })
    expect(unknownBlock.status).toBe(404)
  })

  it("a forged change of another's anchor by an editor's raw client is undone; deleting the text detaches the thread", async () => {
    const c = await convention()
    const commenter = await c.open('commenter')
    const forger = await c.open('editor')
    const witness = await c.open('editor2')
    const seen = threadsMessages(witness)
    const { thread } = threadResponseSchema.parse(
      await (
        await c.call('commenter', 'POST', '/threads', {
          anchor: passageAnchor(keyActionLabel(commenter.doc), 13, 23),
          body: 'Quel profil ?',
        })
      ).json(),
    )
    await waitFor(() => markedText(keyActionLabel(forger.doc), thread.id) === 'animatrice', 'the mark at the forger')

    // removing the mark, extending it to other text, or replacing it: the server puts it back
    const forgeries: ((text: Y.XmlText) => void)[] = [
      (text) => text.format(13, 10, { comment: null }),
      (text) => text.format(0, 8, { comment: { threadId: thread.id } }),
      (text) => text.format(13, 10, { comment: { threadId: 't-forged' } }),
    ]
    const delta = (doc: Y.Doc) => JSON.stringify(keyActionLabel(doc).toDelta())
    const untouched = delta(witness.doc)
    for (const forge of forgeries) {
      forge(keyActionLabel(forger.doc))
      expect(delta(forger.doc)).not.toBe(untouched)
      await forger.settled()
      // the repair reaches the forger itself, and every other client
      await waitFor(
        () => delta(forger.doc) === untouched,
        () => `the mark put back: ${delta(forger.doc)}`,
      )
      await waitFor(() => delta(witness.doc) === untouched, 'the witness unchanged')
    }
    expect(markedText(keyActionLabel(witness.doc), thread.id)).toBe('animatrice')
    expect((await c.threads())[0]!.anchor.detached).toBe(false)

    // changing the id of a block that carries threads is refused (4422)
    const raw = await c.open('editor')
    const closed = new Promise<number>((resolve) =>
      raw.socket.on('close', ({ event }: { event: { code: number } }) => resolve(event.code)),
    )
    findElements(raw.doc, 'keyAction')[0]!.setAttribute('id', 'ka-forged')
    expect(await closed).toBe(4422)
    raw.destroy()
    expect(findElements(witness.doc, 'keyAction')[0]!.getAttribute('id')).toBe('ka-1-1')

    // an honest edit around and inside the passage is accepted, and the mark follows it
    keyActionLabel(forger.doc).insert(0, 'Vite : ')
    keyActionLabel(forger.doc).insert(7 + 17, '·')
    await forger.settled()
    await waitFor(() => markedText(keyActionLabel(witness.doc), thread.id) === 'anim·atrice', 'the edit at the witness')

    // deleting every character of the passage is accepted: the thread is kept, detached
    const label = keyActionLabel(forger.doc)
    label.delete(0, label.length)
    label.insert(0, 'Recruter deux personnes')
    await forger.settled()
    const started = Date.now()
    await waitFor(() => seen.some((m) => m.threadId === thread.id && m.event === 'detached'), 'detached', 1000)
    const [detached] = await c.threads()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(detached).toMatchObject({ id: thread.id, anchor: { quote: 'animatrice', detached: true } })
    expect(detached!.messages[0]!.body).toBe('Quel profil ?')
  })

  it('anchors follow concurrent insertions before and inside the passage', async () => {
    const c = await convention()
    const commenter = await c.open('commenter')
    const a = await c.open('editor')
    const b = await c.open('editor2')
    // the commenter selected "seule action" in the free text, while two editors type
    const anchor = passageAnchor(freeParagraph(commenter.doc), 4, 16)
    freeParagraph(a.doc).insert(0, 'Rappel : ')
    freeParagraph(b.doc).insert(9, ' et unique')
    const creating = c.call('commenter', 'POST', '/threads', { anchor, body: 'Une seule ?' })
    await Promise.all([a.settled(), b.settled()])
    const created = await creating
    expect(created.status).toBe(201)
    const { thread } = threadResponseSchema.parse(await created.json())
    expect(thread.anchor.blockId).toBeUndefined()
    await waitFor(
      () =>
        [a, b, commenter].every(
          (client) => markedText(freeParagraph(client.doc), thread.id) === 'seule et unique action',
        ),
      () =>
        `the mark on every client: ${freeParagraph(a.doc)
          .toDelta()
          .map((op: { insert: string }) => op.insert)
          .join('|')}`,
    )
    // and keep following what is typed afterwards
    freeParagraph(a.doc).insert(0, 'Note. ')
    freeParagraph(b.doc).insert(plain(freeParagraph(b.doc)).indexOf('unique'), 'vraiment ')
    await Promise.all([a.settled(), b.settled()])
    await waitFor(
      () => markedText(freeParagraph(commenter.doc), thread.id) === 'seule et vraiment unique action',
      'the mark after more typing',
    )
    expect(plain(freeParagraph(commenter.doc))).toContain('Note. Rappel : Une seule et vraiment unique action')
  })

  it('a passage deleted while its comment is being created ends as a detached thread, never lost', async () => {
    const c = await convention()
    const commenter = await c.open('commenter')
    const editor = await c.open('editor')
    const anchor = passageAnchor(keyActionLabel(commenter.doc), 13, 23)
    const label = keyActionLabel(editor.doc)
    label.delete(0, label.length)
    await editor.settled()
    const created = await c.call('commenter', 'POST', '/threads', { anchor, body: 'Trop tard ?' })
    expect(created.status).toBe(201)
    const { thread } = threadResponseSchema.parse(await created.json())
    expect(thread.anchor).toEqual({ blockId: 'ka-1-1', quote: 'animatrice', detached: true })
    const listed = await c.threads()
    expect(listed.map((t) => [t.id, t.anchor.detached])).toEqual([[thread.id, true]])
    expect(listed[0]!.messages[0]!.body).toBe('Trop tard ?')
  })

  it('threads on whole blocks and entries, listed in document order, detached last', async () => {
    const c = await convention()
    const commenter = await c.open('commenter')
    const editor = await c.open('editor')
    const post = async (anchor: unknown, body: string) => {
      const response = await c.call('commenter', 'POST', '/threads', { anchor, body })
      expect(response.status).toBe(201)
      return threadResponseSchema.parse(await response.json()).thread
    }
    const table = await post({ blockId: 'it-1' }, 'Tableau')
    const row = await post({ blockId: 'ir-1-1' }, 'Ligne')
    const signatory = await post({ blockId: findElements(commenter.doc, 'signatory')[0]!.getAttribute('id') }, 'Signe')
    const keyAction = await post({ blockId: 'ka-1-1' }, 'Action clé')
    const fiche = await post({ blockId: 'fa-1' }, 'Fiche')
    const passage = await post(passageAnchor(freeParagraph(commenter.doc), 0, 3), 'Texte libre')
    expect(fiche.anchor).toEqual({
      blockId: 'fa-1',
      quote: 'Fiche action n°1 — Ouvrir un relais petite enfance',
      detached: false,
    })
    expect(keyAction.anchor.quote).toBe('Action clé 1.1 — Recruter une animatrice de relais')
    expect(table.anchor.quote).toBe("Tableau d'indicateurs — Indicateurs")
    expect(row.anchor.quote).toBe('Indicateur — ETP de relais petite enfance')
    expect(signatory.anchor.quote).toMatch(/^Signataire — /)

    expect((await c.threads()).map((t) => t.id)).toEqual([
      passage.id,
      fiche.id,
      keyAction.id,
      table.id,
      row.id,
      signatory.id,
    ])
    // the key action is removed: its thread is kept, detached, and listed last
    const actions = findElements(editor.doc, 'ficheKeyActions')[0]!
    actions.delete(0, 1)
    await editor.settled()
    const deadline = Date.now() + 1000
    let listed = await c.threads()
    while (!listed.at(-1)?.anchor.detached && Date.now() < deadline) listed = await c.threads()
    expect(listed.map((t) => [t.id, t.anchor.detached])).toEqual([
      [passage.id, false],
      [fiche.id, false],
      [table.id, false],
      [row.id, false],
      [signatory.id, false],
      [keyAction.id, true],
    ])
  })

  it('replies, own edits and deletions, owner moderation, resolve and reopen: each announced and logged', async () => {
    const c = await convention()
    const reader = await c.open('reader')
    const seen = threadsMessages(reader)
    const { thread } = threadResponseSchema.parse(
      await (await c.call('commenter', 'POST', '/threads', { anchor: { blockId: 'fa-1' }, body: 'À revoir' })).json(),
    )
    const reply = async (who: 'editor' | 'commenter', body: string) => {
      const response = await c.call(who, 'POST', `/threads/${thread.id}/messages`, { body })
      expect(response.status).toBe(201)
      return messageResponseSchema.parse(await response.json()).message
    }
    const mine = await reply('editor', '<b>Oui</b> & "non"')
    expect(mine.body).toBe('<b>Oui</b> & "non"')
    const theirs = await reply('commenter', 'Merci')

    expect(
      (await c.call('commenter', 'PATCH', `/threads/${thread.id}/messages/${mine.id}`, { body: 'volé' })).status,
    ).toBe(403)
    expect((await c.call('editor', 'DELETE', `/threads/${thread.id}/messages/${theirs.id}`)).status).toBe(403)
    const edited = await c.call('editor', 'PATCH', `/threads/${thread.id}/messages/${mine.id}`, {
      body: 'Oui, corrigé',
    })
    expect(edited.status).toBe(200)
    const editedMessage = messageResponseSchema.parse(await edited.json()).message
    expect(editedMessage.body).toBe('Oui, corrigé')
    expect(editedMessage.editedAt).not.toBeNull()
    expect((await c.call('editor', 'DELETE', `/threads/${thread.id}/messages/${mine.id}`)).status).toBe(204)
    // an owner may delete anyone's message
    expect((await c.call('owner', 'DELETE', `/threads/${thread.id}/messages/${theirs.id}`)).status).toBe(204)
    expect((await c.call('owner', 'PATCH', `/threads/${thread.id}/messages/${theirs.id}`, { body: 'x' })).status).toBe(
      403,
    )

    const resolved = await c.call('commenter', 'PATCH', `/threads/${thread.id}`, { status: 'resolved' })
    expect(resolved.status).toBe(200)
    expect(threadResponseSchema.parse(await resolved.json()).thread.status).toBe('resolved')
    expect((await c.call('editor', 'PATCH', `/threads/${thread.id}`, { status: 'open' })).status).toBe(200)
    expect((await c.call('editor', 'PATCH', `/threads/${thread.id}`, { status: 'fermé' })).status).toBe(400)
    expect((await c.call('editor', 'PATCH', `/threads/t-unknown`, { status: 'open' })).status).toBe(404)

    const [listed] = await c.threads()
    expect(commentThreadSchema.parse(listed).status).toBe('open')
    expect(listed!.messages.map((m) => [m.body, m.deleted])).toEqual([
      ['À revoir', false],
      ['', true],
      ['', true],
    ])
    await waitFor(
      () => seen.length >= 8,
      () => `8 messages, got ${JSON.stringify(seen)}`,
    )
    expect(seen.map((m) => m.event)).toEqual([
      'created',
      'replied',
      'replied',
      'edited',
      'deleted',
      'deleted',
      'resolved',
      'reopened',
    ])
    expect(seen.every((m) => m.threadId === thread.id)).toBe(true)

    const activity = (await (await c.call('owner', 'GET', '/activity?limit=50')).json()) as {
      activity: { action: string; userId: string }[]
    }
    expect(
      activity.activity
        .map((a) => a.action)
        .filter((a) => a.startsWith('comment_'))
        .reverse(),
    ).toEqual([
      'comment_thread_created',
      'comment_replied',
      'comment_replied',
      'comment_edited',
      'comment_deleted',
      'comment_deleted',
      'comment_thread_resolved',
      'comment_thread_reopened',
    ])
  })

  it('a person may post 30 messages a minute on one convention', async () => {
    const c = await convention()
    const { thread } = threadResponseSchema.parse(
      await (await c.call('editor', 'POST', '/threads', { anchor: { blockId: 'fa-1' }, body: '1' })).json(),
    )
    for (let i = 2; i <= 30; i++) {
      expect((await c.call('editor', 'POST', `/threads/${thread.id}/messages`, { body: String(i) })).status).toBe(201)
    }
    const over = await c.call('editor', 'POST', `/threads/${thread.id}/messages`, { body: '31' })
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThan(0)
    // someone else is not slowed down
    expect((await c.call('commenter', 'POST', `/threads/${thread.id}/messages`, { body: 'moi' })).status).toBe(201)
  })

  it('export → import → export keeps the threads and their marks (fresh ids) and matches the JSON Schema', async () => {
    const c = await convention()
    const commenter = await c.open('commenter')
    const editor = await c.open('editor')
    const post = async (anchor: unknown, body: string) =>
      threadResponseSchema.parse(await (await c.call('commenter', 'POST', '/threads', { anchor, body })).json()).thread
    const inField = await post(passageAnchor(keyActionLabel(commenter.doc), 13, 23), 'Un\nprofil <précis>')
    const inFree = await post(passageAnchor(freeParagraph(commenter.doc), 4, 16), 'Libre')
    const onBlock = await post({ blockId: 'ir-1-1' }, 'Ligne')
    const lost = await post(passageAnchor(fieldText(findElements(commenter.doc, 'fichePilot')[0]!), 0, 5), 'Perdu')
    await c.call('editor', 'POST', `/threads/${inField.id}/messages`, { body: 'Réponse' })
    await c.call('owner', 'DELETE', `/threads/${inFree.id}/messages/${inFree.messages[0]!.id}`)
    await c.call('editor', 'PATCH', `/threads/${onBlock.id}`, { status: 'resolved' })
    const pilot = fieldText(findElements(editor.doc, 'fichePilot')[0]!)
    pilot.delete(0, pilot.length)
    await editor.settled()

    const schema = await (await fetch(`${server.httpUrl}/api/schema/convention.json`)).json()
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema as object)
    const exported = async (id: string) => {
      const response = await server.api(`/api/conventions/${id}/export?format=json`)
      expect(response.status).toBe(200)
      const json = (await response.json()) as Convention
      expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
      return json
    }
    const first = await exported(c.id)
    expect(first.comments!.map((t) => t.id)).toEqual([inFree.id, inField.id, onBlock.id, lost.id])
    expect(first.comments![1]!.anchor).toEqual({
      blockId: 'ka-1-1',
      quote: 'animatrice',
      detached: false,
      field: 'keyActionLabel',
      offset: 13,
      length: 10,
    })
    expect(first.comments![0]!.anchor).toMatchObject({ blockId: null, field: 'paragraph', length: 12 })
    expect(first.comments![2]!.anchor).toEqual({
      blockId: 'ir-1-1',
      quote: 'Indicateur — ETP de relais petite enfance',
      detached: false,
      field: null,
      offset: null,
      length: null,
    })
    expect(first.comments![3]!.anchor).toMatchObject({ detached: true, field: 'fichePilot', offset: null })
    expect(first.comments![1]!.messages.map((m) => m.body)).toEqual(['Un\nprofil <précis>', 'Réponse'])

    const imported = await createConvention(server, first)
    const second = await exported(imported)
    const withoutIds = (convention: Convention) => ({
      ...convention,
      comments: convention.comments!.map(({ id: _id, messages, ...thread }) => ({
        ...thread,
        messages: messages.map(({ id: _messageId, ...message }) => message),
      })),
    })
    expect(withoutIds(second)).toEqual(withoutIds(first))
    expect(second.comments!.map((t) => t.id).filter((id) => first.comments!.some((f) => f.id === id))).toEqual([])
    // the marks are in the imported document, on the same characters
    const reopened = await connectClient(server.wsUrl, imported, await server.token())
    clients.push(reopened)
    expect(markedText(keyActionLabel(reopened.doc), second.comments![1]!.id)).toBe('animatrice')
    expect(markedText(freeParagraph(reopened.doc), second.comments![0]!.id)).toBe('seule action')
  })

  it('an answered thread survives a restart, its anchor in the document included', async () => {
    const c = await convention()
    const commenter = await c.open('commenter')
    const created = await c.call('commenter', 'POST', '/threads', {
      anchor: passageAnchor(keyActionLabel(commenter.doc), 0, 8),
      body: 'Avant le redémarrage',
    })
    expect(created.status).toBe(201)
    const { thread } = threadResponseSchema.parse(await created.json())
    for (const client of clients.splice(0)) client.destroy()
    await server.stop()
    server = await startTestServer({ dataDir: server.dataDir, env })
    const [listed] = await c.threads()
    expect(listed).toMatchObject({ id: thread.id, anchor: { quote: 'Recruter', detached: false } })
    const reopened = await c.open('reader')
    expect(markedText(keyActionLabel(reopened.doc), thread.id)).toBe('Recruter')
  })
})

describe('comments across two processes (PostgreSQL + Redis)', () => {
  let pair: ProcessPair
  let a: ServerProcess
  let b: ServerProcess
  const clients: TestClient[] = []

  beforeAll(async () => {
    pair = await startProcessPair()
    ;({ a, b } = pair)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await pair?.stop()
  })

  it('a thread created and resolved through process A reaches connections on B, mark and status included', async () => {
    const ownerToken = await issueTestToken()
    const api = (proc: ServerProcess, path: string, method = 'GET', body?: unknown) =>
      fetch(proc.httpUrl + path, {
        method,
        headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const created = await api(a, '/api/conventions', 'POST', { convention: smallConvention() })
    const { id } = (await created.json()) as { id: string }
    const onA = await connectClient(a.wsUrl, id, ownerToken)
    const onB = await connectClient(b.wsUrl, id, ownerToken)
    clients.push(onA, onB)
    const seenOnB = threadsMessages(onB)

    const posted = await api(a, `/api/conventions/${id}/threads`, 'POST', {
      anchor: passageAnchor(keyActionLabel(onA.doc), 0, 8),
      body: 'Depuis A',
    })
    expect(posted.status).toBe(201)
    const { thread } = threadResponseSchema.parse(await posted.json())
    await waitFor(
      () => seenOnB.some((m) => m.event === 'created') && markedText(keyActionLabel(onB.doc), thread.id) === 'Recruter',
      'the thread and its mark on B',
      2000,
    )
    expect((await api(a, `/api/conventions/${id}/threads/${thread.id}`, 'PATCH', { status: 'resolved' })).status).toBe(
      200,
    )
    await waitFor(() => seenOnB.some((m) => m.event === 'resolved' && m.threadId === thread.id), 'resolved on B')
    const listedOnB = threadsResponseSchema.parse(await (await api(b, `/api/conventions/${id}/threads`)).json())
    expect(listedOnB.threads.map((t) => [t.id, t.status, t.anchor.detached])).toEqual([[thread.id, 'resolved', false]])
  })
})
