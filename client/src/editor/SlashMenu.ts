import type { Insertion } from './insertions.js'

/**
 * The list shown by the "/" command: plain DOM, positioned by the suggestion
 * plugin. The editor keeps the focus; arrows and Enter arrive through onKeyDown.
 */
export class SlashMenu {
  readonly element: HTMLDivElement
  private items: Insertion[] = []
  private active = 0
  private readonly list: HTMLUListElement

  constructor(private readonly choose: (item: Insertion) => void) {
    this.element = document.createElement('div')
    this.element.className = 'slash-menu'
    this.element.dataset.testid = 'slash-menu'
    this.list = document.createElement('ul')
    this.list.id = 'slash-menu-list'
    this.list.setAttribute('role', 'listbox')
    this.list.setAttribute('aria-label', 'Insérer')
    this.element.append(this.list)
    // keep the caret in the editor when an item is clicked
    this.element.addEventListener('mousedown', (event) => event.preventDefault())
  }

  update(items: Insertion[]): void {
    this.items = items
    this.active = 0
    this.render()
  }

  onKeyDown(event: KeyboardEvent): boolean {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!this.items.length) return true
      const step = event.key === 'ArrowDown' ? 1 : -1
      this.active = (this.active + step + this.items.length) % this.items.length
      this.render()
      return true
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      const item = this.items[this.active]
      if (!item) return false
      this.choose(item)
      return true
    }
    return false
  }

  private render(): void {
    this.list.replaceChildren()
    if (!this.items.length) {
      const empty = document.createElement('li')
      empty.className = 'slash-menu__empty'
      empty.textContent = 'Aucun élément ne correspond'
      this.list.append(empty)
      return
    }
    let group = ''
    this.items.forEach((item, index) => {
      if (item.group !== group) {
        group = item.group
        const heading = document.createElement('li')
        heading.className = 'slash-menu__group'
        heading.setAttribute('role', 'presentation')
        heading.textContent = group
        this.list.append(heading)
      }
      const option = document.createElement('li')
      option.id = `slash-item-${item.id}`
      option.className = 'slash-menu__item'
      option.dataset.testid = `slash-item-${item.id}`
      option.setAttribute('role', 'option')
      option.setAttribute('aria-selected', String(index === this.active))
      const glyph = document.createElement('span')
      glyph.className = `slash-menu__glyph${item.group === 'Blocs structurés' ? ' slash-menu__glyph--block' : ''}`
      glyph.setAttribute('aria-hidden', 'true')
      glyph.textContent = item.glyph
      const text = document.createElement('span')
      text.className = 'slash-menu__text'
      const label = document.createElement('span')
      label.className = 'slash-menu__label'
      label.textContent = item.label
      const description = document.createElement('span')
      description.className = 'slash-menu__description'
      description.textContent = item.description
      text.append(label, description)
      option.append(glyph, text)
      option.addEventListener('click', () => this.choose(item))
      option.addEventListener('mousemove', () => {
        if (this.active === index) return
        this.active = index
        this.render()
      })
      this.list.append(option)
      if (index === this.active) queueMicrotask(() => option.scrollIntoView({ block: 'nearest' }))
    })
    this.list.setAttribute('aria-activedescendant', `slash-item-${this.items[this.active]?.id ?? ''}`)
  }
}
