import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import { num, numOrNull, str, strOrNull, type Row } from '../../store/rows'
import type { FileKind } from './file-ids'

/** A stored file (migration 010) without its bytes. */
export interface FileRow {
  id: number
  botId: number
  chatId: number | null
  kind: FileKind
  fileId: string
  fileUniqueId: string
  filePath: string
  fileName: string | null
  mimeType: string | null
  size: number
  width: number | null
  height: number | null
  createdAt: number
}

export type NewFile = Omit<FileRow, 'id' | 'filePath' | 'size'> & { bytes: Buffer; extension: string }

const COLUMNS =
  'id, bot_id, chat_id, kind, file_id, file_unique_id, file_path, file_name, mime_type, size, width, height, created_at'

const toFile = (r: Row): FileRow => ({
  id: num(r, 'id'),
  botId: num(r, 'bot_id'),
  chatId: numOrNull(r, 'chat_id'),
  kind: str(r, 'kind') as FileKind,
  fileId: str(r, 'file_id'),
  fileUniqueId: str(r, 'file_unique_id'),
  filePath: str(r, 'file_path'),
  fileName: strOrNull(r, 'file_name'),
  mimeType: strOrNull(r, 'mime_type'),
  size: num(r, 'size'),
  width: numOrNull(r, 'width'),
  height: numOrNull(r, 'height'),
  createdAt: num(r, 'created_at'),
})

/** SQLite access for simulator files (migration 010). Writes must run inside `store.writer.write`. */
export function createFilesRepo(db: DatabaseSync) {
  const one = (sql: string, ...params: SQLInputValue[]) => db.prepare(sql).get(...params) as Row | undefined
  const byFileId = db.prepare(`SELECT ${COLUMNS} FROM sim_files WHERE file_id = ?`)
  const byPath = db.prepare(`SELECT ${COLUMNS} FROM sim_files WHERE bot_id = ? AND file_path = ?`)
  return {
    /** The file a file_id names (of any bot: the caller checks the owner). */
    byFileId: (fileId: string) => {
      const row = byFileId.get(fileId) as Row | undefined
      return row ? toFile(row) : null
    },
    /** The file at getFile's `file_path` of one bot (downloads). */
    byPath: (botId: number, filePath: string) => {
      const row = byPath.get(botId, filePath) as Row | undefined
      return row ? toFile(row) : null
    },
    bytes: (id: number): Buffer | null => {
      const row = one('SELECT bytes FROM sim_files WHERE id = ?', id)
      return row?.bytes instanceof Uint8Array ? Buffer.from(row.bytes) : null
    },
    /** Stores a new file; its file_path is `<kind directory>/file_<id>.<extension>`. */
    insert(f: NewFile, directory: string): FileRow {
      const row = one(
        `INSERT INTO sim_files (bot_id, chat_id, kind, file_id, file_unique_id, file_path, file_name, mime_type, size,
         width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        f.botId,
        f.chatId,
        f.kind,
        f.fileId,
        f.fileUniqueId,
        f.fileName,
        f.mimeType,
        f.bytes.length,
        f.width,
        f.height,
        f.bytes,
        f.createdAt,
      )!
      const id = num(row, 'id')
      const filePath = `${directory}/file_${id}${f.extension ? `.${f.extension}` : ''}`
      db.prepare('UPDATE sim_files SET file_path = ? WHERE id = ?').run(filePath, id)
      return toFile({ ...one(`SELECT ${COLUMNS} FROM sim_files WHERE id = ?`, id)! })
    },
  }
}
export type FilesRepo = ReturnType<typeof createFilesRepo>
