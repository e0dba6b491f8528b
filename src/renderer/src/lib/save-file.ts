/**
 * Saves text as a file the way a browser page can: a Blob behind a temporary `<a download>`. In the
 * Electron shell the same click opens the system's save dialog.
 */
export function saveTextFile(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by now; revoking later keeps slow browsers from losing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
