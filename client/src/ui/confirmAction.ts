interface ConfirmOptions {
  title: string
  message: string
  confirmLabel: string
  /** a destructive action gets a red confirm button */
  danger?: boolean
}

/**
 * A confirmation dialog for the editor's node views, which are plain DOM: resolves
 * true when the person confirms. Built on <dialog> so Escape and focus work natively.
 */
export function confirmAction({ title, message, confirmLabel, danger = true }: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog')
    dialog.className = 'modal modal--confirm'
    dialog.setAttribute('aria-labelledby', 'confirm-title')
    dialog.setAttribute('data-testid', 'confirm-dialog')
    dialog.innerHTML = `
      <div class="modal__panel">
        <header class="modal__header"><h2 id="confirm-title"></h2></header>
        <div class="modal__body"><p class="confirm__message"></p></div>
        <footer class="modal__footer">
          <button type="button" class="button button--secondary" data-action="cancel">Annuler</button>
          <button type="button" class="button ${danger ? 'button--danger' : 'button--primary'}" data-action="confirm" data-testid="confirm-accept"></button>
        </footer>
      </div>`
    dialog.querySelector('h2')!.textContent = title
    dialog.querySelector('.confirm__message')!.textContent = message
    const confirmButton = dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!
    confirmButton.textContent = confirmLabel

    const finish = (result: boolean) => {
      dialog.close()
      dialog.remove()
      resolve(result)
    }
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      finish(false)
    })
    dialog.addEventListener('click', (event) => {
      const action = (event.target as HTMLElement).closest('[data-action]')?.getAttribute('data-action')
      if (action === 'confirm') finish(true)
      else if (action === 'cancel' || event.target === dialog) finish(false)
    })
    document.body.append(dialog)
    dialog.showModal()
    // the safe choice has the focus, so a stray Enter does not delete anything
    dialog.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.focus()
  })
}
