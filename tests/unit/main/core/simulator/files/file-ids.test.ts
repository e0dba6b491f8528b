import { describe, expect, it } from 'vitest'
import { fileIdProblem, newFileIds } from '../../../../../../src/main/core/simulator/files/file-ids'

describe('newFileIds', () => {
  it('shapes ids like Telegram: photos AgAC…/AQAD…, documents BQAC…/AgAD…', () => {
    const photo = newFileIds('photo', Buffer.from('pixels'))
    const doc = newFileIds('document', Buffer.from('pixels'))
    expect(photo.fileId).toMatch(/^AgAC[A-Za-z0-9_-]{40,}$/)
    expect(photo.fileUniqueId).toMatch(/^AQAD[A-Za-z0-9_-]+$/)
    expect(doc.fileId).toMatch(/^BQAC[A-Za-z0-9_-]{40,}$/)
    expect(doc.fileUniqueId).toMatch(/^AgAD[A-Za-z0-9_-]+$/)
  })

  it('gives a new file_id each time but the same file_unique_id for the same bytes', () => {
    const a = newFileIds('document', Buffer.from('same'))
    const b = newFileIds('document', Buffer.from('same'))
    expect(a.fileId).not.toBe(b.fileId)
    expect(a.fileUniqueId).toBe(b.fileUniqueId)
    expect(newFileIds('document', Buffer.from('other')).fileUniqueId).not.toBe(a.fileUniqueId)
  })

  it('makes ids that pass its own garbage check', () => {
    expect(fileIdProblem(newFileIds('voice', Buffer.from('x')).fileId)).toBeNull()
  })
})

describe('fileIdProblem', () => {
  it.each([
    ['not base64!', 'Wrong character in the string'],
    ['AAAAA', 'Wrong string length'],
    ['QQ', "can't unserialize it"],
    ['AAAAAAAA', "can't unserialize it. Wrong last symbol"],
  ])('names td’s reason for %j', (text, reason) => {
    expect(fileIdProblem(text)).toBe(reason)
  })
})
