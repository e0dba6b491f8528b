/**
 * Saves text as a file the way a browser page can: a Blob behind a temporary `<a download>`. In the
 * Electron shell the same click opens the system's save dialog.
 */
export function saveTextFile(fileName: string, text: string, mime: string): void {
  saveBlob(fileName, new Blob([text], { type: `${mime};charset=utf-8` }))
}

/** Saves bytes given as base64 (a simulator file) the same way. */
export function saveBase64File(fileName: string, base64: string, mime: string | null): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  saveBlob(fileName, new Blob([bytes], { type: mime ?? 'application/octet-stream' }))
}

function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
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
