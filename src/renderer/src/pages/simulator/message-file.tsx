import { useEffect } from 'react'
import type { SimFileRef } from '@shared/simulator'
import { Icon } from '../../components/icon'
import { dataUrlOf } from '../../lib/file-upload'
import { formatBytes } from '../../lib/format'
import { saveBase64File } from '../../lib/save-file'
import { selectFile, selectFileError, useSimulatorStore } from '../../store/simulator-store'

export interface MessageFileProps {
  file: SimFileRef
}

const KIND_NAMES: Record<SimFileRef['kind'], string> = {
  photo: 'Photo',
  document: 'File',
  audio: 'Audio',
  video: 'Video',
  voice: 'Voice message',
  animation: 'Animation',
  sticker: 'Sticker',
}

/** A message's file as Telegram shows it: photos and stickers inline, other files as a download with name and size. */
export function MessageFile({ file }: MessageFileProps) {
  const content = useSimulatorStore(selectFile(file.fileId))
  const error = useSimulatorStore(selectFileError(file.fileId))
  const loadFile = useSimulatorStore((s) => s.loadFile)
  const inline = file.kind === 'photo' || file.kind === 'sticker'
  const size = file.width && file.height ? `${file.width}×${file.height}` : ''

  // The bytes come from the core when the picture is shown (the transcript carries only the file's id).
  useEffect(() => {
    if (inline) void loadFile(file.fileId)
  }, [inline, file.fileId, loadFile])

  if (inline) {
    if (error) return <p className="bubble__file-error">Could not load the photo: {error.message}</p>
    return content ? (
      <img
        className="bubble__photo"
        src={dataUrlOf(content.mimeType, content.base64)}
        width={file.width ?? undefined}
        height={file.height ?? undefined}
        alt={`${KIND_NAMES[file.kind]} ${size}`.trim()}
      />
    ) : (
      <span className="bubble__photo bubble__photo--loading" role="img" aria-label="Loading the photo…" />
    )
  }
  const name = file.fileName ?? `${file.kind}`
  const save = async () => {
    const loaded = await loadFile(file.fileId)
    if (loaded) saveBase64File(name, loaded.base64, loaded.mimeType)
  }
  return (
    <button
      type="button"
      className="bubble__document"
      aria-label={`Download ${name}, ${formatBytes(file.size)}`}
      onClick={() => void save()}
    >
      <span className="bubble__document-icon" aria-hidden="true">
        <Icon name="download" />
      </span>
      <span className="bubble__document-name">{name}</span>
      <span className="bubble__document-size">
        {KIND_NAMES[file.kind]} · {formatBytes(file.size)}
        {file.mimeType && ` · ${file.mimeType}`}
      </span>
      {error && <span className="bubble__file-error">{error.message}</span>}
    </button>
  )
}
