import { afterEach, describe, expect, it } from 'vitest'
import { pngOf } from '../../../../../helpers/images'
import { startSimHarness, tokenFor, type SimHarness } from '../sim-harness'

// Migration 010: files go with their chat or bot (ON DELETE CASCADE), as the chat's messages do.
let h: SimHarness
afterEach(() => h.close())

async function chatWithPhoto(botId: number) {
  const token = tokenFor(botId)
  const chat = await h.sim.createChat({ type: 'private', firstName: 'Ada', botToken: token })
  const form = new FormData()
  form.append('chat_id', String(chat.id))
  form.append('photo', new Blob([pngOf(4, 4)]), 'p.png')
  const res = await fetch(`${h.base}/bot${token}/sendPhoto`, { method: 'POST', body: form })
  const fileId = ((await res.json()) as { result: { photo: { file_id: string }[] } }).result.photo[0]!.file_id
  return { token, chatId: chat.id, fileId }
}

const fileCount = () =>
  Number((h.store.db.prepare('SELECT count(*) AS n FROM sim_files').get() as { n: number }).n)

describe('simulator files in SQLite', () => {
  it('removes a chat’s files with the chat and a bot’s files with the bot', async () => {
    h = await startSimHarness()
    const first = await chatWithPhoto(720_001)
    const second = await chatWithPhoto(720_002)
    expect(fileCount()).toBe(2)
    expect((await h.call(first.token, 'getFile', { file_id: first.fileId })).status).toBe(200)

    await h.store.writer.write(() =>
      h.store.db.prepare('DELETE FROM sim_chats WHERE id = ?').run(first.chatId),
    )
    expect(fileCount()).toBe(1)
    expect((await h.call(first.token, 'getFile', { file_id: first.fileId })).body.description).toBe(
      'Bad Request: invalid file_id',
    )
    await h.store.writer.write(() => h.store.db.prepare('DELETE FROM sim_bots WHERE id = ?').run(720_002))
    expect(fileCount()).toBe(0)
    expect(second.fileId).toMatch(/^AgAC/)
  })
})
