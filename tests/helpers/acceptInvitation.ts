/** Opens an invitation link as its holder would: chooses a password and returns the session token. */
export async function acceptInvitation(
  link: string,
  account: { name?: string; password?: string; email?: string } = {},
): Promise<string> {
  const url = new URL(link)
  const code = /^\/invitation\/([\w-]+)$/.exec(url.pathname)?.[1]
  if (!code) throw new Error(`not an invitation link: ${link}`)
  const response = await fetch(`${url.origin}/api/invitations/${code}/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: account.name ?? 'Invitée',
      password: account.password ?? 'un mot de passe assez long',
      email: account.email,
    }),
  })
  if (response.status !== 200) throw new Error(`accept answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}
