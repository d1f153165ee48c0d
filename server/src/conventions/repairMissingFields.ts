import { conventionSchema, editYDoc } from '@ctg/extensions'
import { Y_FRAGMENT_NAME } from '@ctg/shared'
import { Fragment, Slice, type Node as PMNode, type Schema } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import * as Y from 'yjs'
import { planMissingChildren } from './planMissingChildren.js'

/**
 * Whether some element lacks children that empty ones would make whole, read from
 * the Y.Doc directly (cheap enough to run after every burst of edits). False as
 * well when an element has a type the schema does not know: reading such a document
 * into ProseMirror makes y-prosemirror delete that element, so it is left to SchemaCheck.
 */
function hasFillableGaps(fragment: Y.XmlFragment, schema: Schema): boolean {
  const standIns = new Map<string, PMNode>()
  const standIn = (name: string) => {
    let node = standIns.get(name)
    if (!node) standIns.set(name, (node = schema.nodes[name]!.create()))
    return node
  }
  let unknown = false
  let fillable = false
  const visit = (element: Y.XmlElement | Y.XmlFragment, name: string) => {
    const children: PMNode[] = []
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (!schema.nodes[child.nodeName]) unknown = true
        else {
          children.push(standIn(child.nodeName))
          visit(child, child.nodeName)
        }
      } else if (child instanceof Y.XmlText && child.length > 0) children.push(schema.text(' '))
    }
    if (planMissingChildren(schema.nodes[name]!, children)?.length) fillable = true
  }
  visit(fragment, schema.topNodeType.name)
  return fillable && !unknown
}

/** Replaces the content of the node at `pos` (-1: the document) with its content completed; returns the nodes added. */
function fillNodeAt(tr: Transaction, pos: number): number {
  const node = pos < 0 ? tr.doc : tr.doc.nodeAt(pos)!
  const children: PMNode[] = []
  node.forEach((child) => children.push(child))
  const plan = planMissingChildren(node.type, children)
  if (!plan?.length) return 0
  const content: PMNode[] = []
  let added = 0
  children.forEach((child, index) => {
    for (const { nodes } of plan.filter((insertion) => insertion.index === index)) {
      nodes.forEach((n) => content.push(n))
      added += nodes.childCount
    }
    content.push(child)
  })
  for (const { nodes } of plan.filter((insertion) => insertion.index === children.length)) {
    nodes.forEach((n) => content.push(n))
    added += nodes.childCount
  }
  // one step per node, replacing its whole content: a partial insertion would leave it invalid, which a step refuses
  const start = pos + 1
  tr.step(new ReplaceStep(start, start + node.content.size, new Slice(Fragment.from(content), 0, 0)))
  return added
}

/**
 * Gives every block, entry and field the children its content expression requires,
 * empty (a fiche action sent without its fields by a raw client, a key action without
 * its pilot), through `editYDoc`, so that only the added nodes are written to the Y.Doc.
 * Every existing node and its text stay. Returns the number of nodes added.
 */
export function repairMissingFields(ydoc: Y.Doc, origin: unknown): number {
  if (!hasFillableGaps(ydoc.getXmlFragment(Y_FRAGMENT_NAME), conventionSchema)) return 0
  let added = 0
  editYDoc(
    ydoc,
    conventionSchema,
    (tr) => {
      const positions = [-1]
      tr.doc.descendants((node, pos) => {
        if (!node.isText) positions.push(pos)
      })
      // from the last node back: each change then lies after every node still to visit
      for (const pos of positions.reverse()) added += fillNodeAt(tr, pos)
    },
    origin,
  )
  return added
}
