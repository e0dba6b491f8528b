/** Image types the simulator sends as a photo when the user attaches them (others go as a document). */
const PHOTO_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'])

export const isPhotoType = (mimeType: string): boolean => PHOTO_TYPES.has(mimeType.toLowerCase())

/** Base64 of bytes, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** A picked file as the control API's `sendSimFile` takes it. */
export async function readUpload(
  file: File,
): Promise<{ kind: 'photo' | 'document'; fileName: string; mimeType?: string; base64: string }> {
  const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()))
  return {
    kind: isPhotoType(file.type) ? 'photo' : 'document',
    fileName: file.name || 'file',
    ...(file.type && { mimeType: file.type }),
    base64,
  }
}

/** A data: URL for stored bytes (the renderer's CSP allows data: images). */
export const dataUrlOf = (mimeType: string | null, base64: string): string =>
  `data:${mimeType ?? 'application/octet-stream'};base64,${base64}`
