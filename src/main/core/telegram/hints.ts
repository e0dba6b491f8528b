/**
 * Plain-language hints for the failures people meet when connecting a bot (TELEGRAM.md §2–§3). The original
 * text is always shown too; a hint only says what to do about it.
 */
export function webhookHint(message: string | null | undefined): string | null {
  if (!message) return null
  const m = message.toLowerCase()
  if (m.includes('ssl') || m.includes('certificate')) {
    return 'Telegram could not verify the HTTPS certificate: for a self-signed one, upload its PEM (direct HTTPS mode does); the name in it must match the URL host.'
  }
  if (m.includes('ports 80, 88, 443 or 8443'))
    return 'Telegram delivers only to ports 443, 80, 88 or 8443: use one of them, or a tunnel.'
  if (m.includes('https url must be provided'))
    return 'Telegram needs an https:// URL: use ngrok, your own HTTPS proxy, or direct HTTPS.'
  if (m.includes('is reserved'))
    return 'That address is private or local: Telegram cannot reach it. Use a public host or a tunnel.'
  if (m.includes('failed to resolve host'))
    return 'The host name does not resolve in public DNS: check the spelling, or use a tunnel.'
  if (m.includes('401')) {
    return 'Hookbench answered 401: the webhook user or secret in the URL does not match. Register the webhook again from Hookbench.'
  }
  if (m.includes('connection refused') || m.includes('timed out') || m.includes('timeout')) {
    return 'Telegram cannot connect: is the tunnel online, and does the URL point at this machine?'
  }
  if (/\b5\d\d\b/.test(m))
    return 'The receiver answered with a server error: look at the request in the inspector.'
  return null
}
