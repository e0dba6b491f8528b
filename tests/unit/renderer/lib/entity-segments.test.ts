import { describe, expect, it } from 'vitest'
import { describeEntity, entityHref, entitySegments } from '../../../../src/renderer/src/lib/entity-segments'

describe('entitySegments', () => {
  it('cuts the text at every entity boundary, outermost entity first', () => {
    const segments = entitySegments('bold italic', [
      { type: 'bold', offset: 0, length: 11 },
      { type: 'italic', offset: 5, length: 6 },
    ])
    expect(segments.map((s) => [s.text, s.entities.map((e) => e.type)])).toEqual([
      ['bold ', ['bold']],
      ['italic', ['bold', 'italic']],
    ])
  })

  it('counts offsets in UTF-16 units, as the Bot API does', () => {
    const segments = entitySegments('😀 hi', [{ type: 'bold', offset: 3, length: 2 }])
    expect(segments.map((s) => s.text)).toEqual(['😀 ', 'hi'])
  })

  it('clips entities past the end of the text', () => {
    expect(entitySegments('ab', [{ type: 'code', offset: 1, length: 9 }]).map((s) => s.text)).toEqual([
      'a',
      'b',
    ])
  })
})

describe('entityHref', () => {
  it('opens only http(s), tg and mailto links', () => {
    expect(entityHref({ type: 'text_link', offset: 0, length: 1, url: 'https://e.example/' }, 'x')).toBe(
      'https://e.example/',
    )
    expect(
      entityHref({ type: 'text_link', offset: 0, length: 1, url: 'javascript:alert(1)' }, 'x'),
    ).toBeUndefined()
    expect(entityHref({ type: 'url', offset: 0, length: 1 }, 'http://a.example')).toBe('http://a.example')
  })

  it('describes an entity for the list', () => {
    expect(describeEntity({ type: 'pre', offset: 2, length: 3, language: 'ts' })).toBe('pre @2+3 ts')
  })
})
