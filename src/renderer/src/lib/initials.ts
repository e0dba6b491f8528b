/** `Hookbench Test Bot` → `HT`: the avatar of a bot or chat without a picture. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0] ?? '')
  return (letters.slice(0, 2).join('') || '?').toUpperCase()
}
