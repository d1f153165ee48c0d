import { editorSchema } from '@ctg/extensions'
import { conventionNodes, Y_FRAGMENT_NAME, type NodeSpecData } from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { planMissingChildren } from './planMissingChildren.js'
import { standInChildren } from './standInChildren.js'

type XmlParent = Y.XmlFragment // Y.XmlElement extends it

/** A new Y.XmlElement (or text) for a node built by ProseMirror, attributes as y-prosemirror writes them. */
function toYXml(node: PMNode): Y.XmlElement | Y.XmlText {
  if (node.isText) return new Y.XmlText(node.text)
  const element = new Y.XmlElement(node.type.name)
  for (const [key, value] of Object.entries(node.attrs)) if (value !== null) element.setAttribute(key, value as never)
  const children: (Y.XmlElement | Y.XmlText)[] = []
  node.forEach((child) => children.push(toYXml(child)))
  // createAndFill leaves a paragraphs field empty (its expression allows it): give it its paragraph
  const fill = node.childCount === 0 ? fillOf(node.type.name) : undefined
  if (fill) children.push(new Y.XmlElement(fill))
  element.insert(0, children)
  return element
}

/** The child an emptied field gets back (a paragraph for the paragraphs fields), if any. */
function fillOf(name: string): string | undefined {
  const spec = (conventionNodes as Record<string, NodeSpecData>)[name]
  return spec?.fill
}

/** Gives an emptied field its `fill` child back; returns 1 if it did. */
function refillEmptyField(element: XmlParent): number {
  if (!(element instanceof Y.XmlElement) || element.length > 0) return 0
  const fill = fillOf(element.nodeName)
  if (!fill) return 0
  element.insert(0, [new Y.XmlElement(fill)])
  return 1
}

/** Inserts the empty children `element` lacks; returns how many. Elements holding an unknown type are left alone. */
function fillElement(element: XmlParent): number {
  const refilled = refillEmptyField(element)
  if (refilled) return refilled
  const schema = editorSchema
  const type = element instanceof Y.XmlElement ? schema.nodes[element.nodeName] : schema.topNodeType
  const present = type && standInChildren(element, schema)
  const plan =
    present &&
    planMissingChildren(
      type,
      present.map((p) => p.node),
    )
  if (!present || !plan?.length) return 0
  const children = element.toArray()
  let added = 0
  // from the last insertion back, so that the indexes still to use stay right
  for (const { index, nodes } of plan.reverse()) {
    const at = index < present.length ? children.indexOf(present[index]!.child) : children.length
    element.insert(at, nodes.content.map(toYXml))
    added += nodes.childCount
  }
  return added
}

function isNew(type: Y.XmlElement, transaction: Y.Transaction): boolean {
  const item = type._item
  return item !== null && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
}

/**
 * The elements a transaction may have left without required children: those whose
 * children changed, and every element it inserted (Yjs lists only pre-existing types
 * as changed, so the new ones are found below them).
 */
function touchedBy(transaction: Y.Transaction): XmlParent[] {
  const touched: XmlParent[] = []
  for (const [type, keys] of transaction.changed) {
    if (!(type instanceof Y.XmlFragment) || !keys.has(null) || type._item?.deleted) continue
    touched.push(type)
    addNew(type, transaction, touched)
  }
  return touched
}

/** Adds the elements below `parent` that `transaction` inserted to `touched`. */
function addNew(parent: XmlParent, transaction: Y.Transaction, touched: XmlParent[]) {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlElement && isNew(child, transaction)) {
      touched.push(child)
      addNew(child, transaction, touched)
    }
  }
}

function everyElement(fragment: Y.XmlFragment): XmlParent[] {
  const all: XmlParent[] = [fragment]
  for (const child of fragment.toArray()) if (child instanceof Y.XmlElement) all.push(...everyElement(child))
  return all
}

/**
 * Gives blocks, entries and fields the children their content expression requires,
 * empty, and an emptied paragraphs field its paragraph (`fill`), in one transaction with `origin`: a fiche action sent without its fields by a
 * client outside the editor, a key action without its pilot. Works on the Y.Doc itself,
 * because y-prosemirror (in every editor, and in `editYDoc`) deletes an element whose
 * content is invalid as soon as it reads it; the server therefore repairs in the event
 * loop turn of the change, and Hocuspocus sends both as one update. Nothing is removed.
 * With `after`, only what that transaction touched is looked at; otherwise everything.
 * Returns the number of nodes added.
 */
export function repairMissingFields(ydoc: Y.Doc, origin: unknown, after?: Y.Transaction): number {
  const scope = after ? touchedBy(after) : everyElement(ydoc.getXmlFragment(Y_FRAGMENT_NAME))
  let added = 0
  if (scope.length > 0) ydoc.transact(() => scope.forEach((element) => (added += fillElement(element))), origin)
  return added
}
