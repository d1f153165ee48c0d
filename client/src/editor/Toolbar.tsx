import type { Editor } from '@tiptap/core'
import type { Period } from '@ctg/shared'
import { useEffect, useState, type ReactNode } from 'react'
import { INSERTIONS, type Insertion } from './insertions.js'
import { LinkDialog } from './LinkDialog.js'
import { syncSelectionFromDOM } from './plugins/DomSelectionSync.js'
import { useLargeDisplay } from './useLargeDisplay.js'
import { useToolbarState } from './useToolbarState.js'
import { LineIcon } from '../ui/LineIcon.js'

interface ToolButtonProps {
  label: string
  active?: boolean
  disabled?: boolean
  onRun: () => void
  children: ReactNode
  testId?: string
  className?: string
  shortcut?: string
}

function ToolButton({ label, active, disabled, onRun, children, testId, className, shortcut }: ToolButtonProps) {
  return (
    <button
      type="button"
      className={`tool${active ? ' is-active' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-pressed={active === undefined ? undefined : active}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      data-testid={testId}
      // keep the caret where it is: the command runs on the current selection
      onMouseDown={(event) => event.preventDefault()}
      onClick={onRun}
    >
      {children}
    </button>
  )
}

const byId = (id: string): Insertion => INSERTIONS.find((i) => i.id === id)!

const ICONS = {
  bulletList: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  orderedList: 'M10 6h10M10 12h10M10 18h10M4 5l1.5-1V9M3.5 14.5c.5-1 2.5-1 2.5.3 0 1-2.5 2-2.5 3.2H6',
  fiche: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h4',
  table: 'M3 5h18v14H3zM3 10h18M3 15h18M9 5v14M15 5v14',
  signature: 'M3 17c3-1 4-8 6-8s0 7 2 7 2-4 4-4 1 3 3 3 2-1 3-2M3 21h18',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  strike:
    'M16 5.5C15 4.5 13.6 4 12 4c-2.8 0-4.5 1.5-4.5 3.5 0 1.3.7 2.2 1.8 2.9M4 12h16M15.6 14c.6.6.9 1.3.9 2.2 0 2.2-2 3.8-4.7 3.8-2 0-3.7-.7-4.8-2',
}

/** The marks the export keeps as runs, each a toggle (the link has its own dialog). */
const MARK_BUTTONS = [
  { name: 'bold', label: 'Gras', shortcut: 'Ctrl+B', glyph: <strong className="tool__glyph">G</strong> },
  {
    name: 'italic',
    label: 'Italique',
    shortcut: 'Ctrl+I',
    glyph: <em className="tool__glyph tool__glyph--italic">I</em>,
  },
  {
    name: 'underline',
    label: 'Souligné',
    shortcut: 'Ctrl+U',
    glyph: <span className="tool__glyph tool__glyph--underline">S</span>,
  },
  { name: 'strike', label: 'Barré', shortcut: 'Ctrl+Maj+S', glyph: <LineIcon d={ICONS.strike} /> },
] as const

const LIST_BUTTONS = [
  { name: 'bulletList', label: 'Liste à puces', testId: 'format-bullet-list' },
  { name: 'orderedList', label: 'Liste numérotée', testId: 'format-ordered-list' },
] as const

/** The structured blocks, inserted where the caret is (the "/" menu offers the same). */
const BLOCK_BUTTONS = [
  {
    name: 'ficheAction',
    label: 'Insérer une fiche action',
    text: 'Fiche action',
    icon: 'fiche',
    testId: 'insert-fiche-action',
  },
  {
    name: 'indicatorTable',
    label: 'Insérer un tableau d’indicateurs',
    text: 'Tableau d’indicateurs',
    icon: 'table',
    testId: 'insert-indicator-table',
  },
  {
    name: 'signatoryBlock',
    label: 'Insérer un bloc signataires',
    text: 'Bloc signataires',
    icon: 'signature',
    testId: 'insert-signatory-block',
  },
] as const

/** The formatting and insertion bar above the document. */
export function Toolbar({ editor, getPeriod }: { editor: Editor; getPeriod: () => Period }) {
  const state = useToolbarState(editor)
  const [large, setLarge] = useLargeDisplay()
  const run = (id: string) => () => {
    // a click in the text just before may not have reached the editor's selection yet
    syncSelectionFromDOM(editor.view)
    byId(id).run(editor, getPeriod())
  }
  const disabled = !state.editable
  const [editingLink, setEditingLink] = useState(false)
  // Ctrl+K opens the same dialog, as in word processors
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k' && editor.isFocused) {
        event.preventDefault()
        if (editor.isEditable && editor.can().setLink({ href: 'https://example.org' })) setEditingLink(true)
      }
    }
    const dom = editor.view.dom
    dom.addEventListener('keydown', onKey)
    return () => dom.removeEventListener('keydown', onKey)
  }, [editor])

  return (
    <>
      {editingLink && <LinkDialog editor={editor} onClose={() => setEditingLink(false)} />}
      <div className="toolbar" role="toolbar" aria-label="Mise en forme et insertion" data-testid="toolbar">
        <div className="toolbar__group" role="group" aria-label="Historique">
          <ToolButton
            label="Annuler"
            shortcut="Ctrl+Z"
            disabled={disabled || !state.canUndo}
            onRun={() => editor.chain().focus().undo().run()}
          >
            <LineIcon d={ICONS.undo} />
          </ToolButton>
          <ToolButton
            label="Rétablir"
            shortcut="Ctrl+Y"
            disabled={disabled || !state.canRedo}
            onRun={() => editor.chain().focus().redo().run()}
          >
            <LineIcon d={ICONS.redo} />
          </ToolButton>
        </div>
        <div className="toolbar__group" role="group" aria-label="Style de paragraphe">
          <ToolButton
            label="Texte courant"
            active={state.paragraph}
            disabled={disabled || !state.canParagraph}
            onRun={run('paragraph')}
            className="tool--text"
            testId="format-paragraph"
          >
            Texte
          </ToolButton>
          {([1, 2, 3] as const).map((level) => (
            <ToolButton
              key={level}
              // the name starts with what is shown, for people who name buttons by voice
              label={`T${level} : titre de niveau ${level}`}
              active={state[`h${level}`]}
              disabled={disabled || !state.canHeading}
              onRun={run(`heading${level}`)}
              className="tool--text"
              testId={`format-heading-${level}`}
            >
              T{level}
            </ToolButton>
          ))}
        </div>
        <div className="toolbar__group" role="group" aria-label="Mise en forme du texte">
          {MARK_BUTTONS.map((mark) => (
            <ToolButton
              key={mark.name}
              label={mark.label}
              shortcut={mark.shortcut}
              active={state[mark.name]}
              disabled={disabled || !state.canMark}
              onRun={() => editor.chain().focus().toggleMark(mark.name).run()}
              testId={`format-${mark.name}`}
            >
              {mark.glyph}
            </ToolButton>
          ))}
          <ToolButton
            label={state.link ? 'Modifier le lien' : 'Lien'}
            shortcut="Ctrl+K"
            active={state.link}
            disabled={disabled || !state.canLink}
            onRun={() => setEditingLink(true)}
            testId="format-link"
          >
            <LineIcon d={ICONS.link} />
          </ToolButton>
        </div>
        <div className="toolbar__group" role="group" aria-label="Listes">
          {LIST_BUTTONS.map((list) => (
            <ToolButton
              key={list.name}
              label={list.label}
              active={state[list.name]}
              disabled={disabled || !state.canList}
              onRun={run(list.name)}
              testId={list.testId}
            >
              <LineIcon d={ICONS[list.name]} />
            </ToolButton>
          ))}
        </div>
        <div className="toolbar__group toolbar__group--insert" role="group" aria-label="Insérer un bloc structuré">
          {BLOCK_BUTTONS.map((block) => (
            <ToolButton
              key={block.name}
              label={block.label}
              disabled={disabled}
              onRun={run(block.name)}
              className="tool--insert"
              testId={block.testId}
            >
              <LineIcon d={ICONS[block.icon]} />
              <span>{block.text}</span>
            </ToolButton>
          ))}
        </div>
        <div className="toolbar__group toolbar__group--end" role="group" aria-label="Affichage">
          <button
            type="button"
            className={`tool tool--text${large ? ' is-active' : ''}`}
            aria-pressed={large}
            aria-label="A+ : affichage agrandi"
            title="Affichage agrandi : texte plus grand, pour un vidéoprojecteur ou une réunion"
            onClick={() => setLarge(!large)}
            data-testid="large-display"
          >
            <span aria-hidden="true">
              A<sup>+</sup>
            </span>
          </button>
        </div>
      </div>
    </>
  )
}
