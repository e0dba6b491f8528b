import { useEffect, useState } from 'react'

const FEEDBACK_MS = 1500

/** Copies text and remembers, briefly, which thing was copied (for a "Copied" label). */
export function useClipboard(): {
  copied: string | null
  failed: boolean
  copy(text: string, key?: string): Promise<void>
} {
  const [copied, setCopied] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (copied === null && !failed) return
    const timer = setTimeout(() => {
      setCopied(null)
      setFailed(false)
    }, FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [copied, failed])

  const copy = async (text: string, key = text) => {
    try {
      await navigator.clipboard.writeText(text)
      setFailed(false)
      setCopied(key)
    } catch {
      setCopied(null)
      setFailed(true)
    }
  }
  return { copied, failed, copy }
}
