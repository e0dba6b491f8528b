import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_CONVERT_LIMITS } from '../../../../../src/main/core/convert'
import { convertFails, convertOk, tagsOf } from './webhook-request'

const HOOK = '/api/v1/messages/webhook/hook'

function jsonTags(text: string): Record<string, string> {
  return tagsOf(convertOk(HOOK, { contentType: 'application/json', body: text }).cmd)
}

describe('convertWebhook: JSON numbers keep their source text', () => {
  // Integers, decimals with trailing zeros and plain exponents-free literals are tags exactly as written,
  // whether the document takes the plain JSON.parse path or the source-keeping reviver.
  const literal = fc.oneof(
    fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String),
    fc
      .tuple(fc.integer({ min: -99999, max: 99999 }), fc.stringMatching(/^[0-9]{1,6}$/))
      .map(([i, f]) => `${i}.${f}`),
    fc.constantFrom('0', '-0', '9007199254740993', '123456789012345', '1234567890123456'),
  )
  it('for any mix of numbers in a document', () => {
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 6 }), (nums) => {
        const tags = jsonTags(`{"x":[${nums.join(',')}],"s":"-0.10"}`)
        expect(tags).toEqual({ ...Object.fromEntries(nums.map((n, i) => [`x[${i}]`, n])), s: '-0.10' })
      }),
      { numRuns: 300 },
    )
  })
})

describe('convertWebhook: JSON flattening (ATSD-BEHAVIOUR §2.3)', () => {
  it.each([
    ['integer', '{"n":-3}', { n: '-3' }],
    ['decimal', '{"n":1.5}', { n: '1.5' }],
    ['decimal kept as written', '{"n":1.50}', { n: '1.50' }],
    ['big integer keeps its digits', '{"id":12345678901234567890}', { id: '12345678901234567890' }],
    ['exponent integer written in full', '{"n":1e21}', { n: '1000000000000000000000' }],
    ['exponent with fraction', '{"n":1.5E+2}', { n: '150' }],
    ['negative exponent', '{"n":-1.5e-7}', { n: '-0.00000015' }],
    ['exponent with trailing zeros', '{"n":2.50e1}', { n: '25' }],
    ['zero with exponent', '{"n":-0e5}', { n: '0' }],
    // Small integers written as String() writes them take plain JSON.parse (json-text.ts); these do not.
    ['negative zero kept as written', '{"n":-0,"m":0}', { n: '-0', m: '0' }],
    ['16-digit integer keeps its digits', '{"n":9007199254740993}', { n: '9007199254740993' }],
    ['15-digit integer', '{"n":-999999999999999}', { n: '-999999999999999' }],
    [
      'one decimal turns the whole document to source-kept numbers',
      '{"a":7,"b":[1.0,2]}',
      { a: '7', 'b[0]': '1.0', 'b[1]': '2' },
    ],
    ['digits inside strings are not numbers', '{"s":"1.50 and -0","n":3}', { s: '1.50 and -0', n: '3' }],
    ['absurd exponent kept as written', '{"n":1e999}', { n: '1e999' }],
    ['booleans', '{"t":true,"f":false}', { t: 'true', f: 'false' }],
    ['double-quoted string is unquoted', '{"s":"\\"hi\\""}', { s: 'hi' }],
    ['single-quoted string is unquoted', `{"s":"'hi'"}`, { s: 'hi' }],
    ['only one quote pair is removed', `{"s":"''hi''"}`, { s: "'hi'" }],
    ['mismatched quotes stay', `{"s":"'hi\\""}`, { s: `'hi"` }],
    ['a lone quote stays', `{"s":"'"}`, { s: "'" }],
    ['null, {}, [] and "" give no tag', '{"a":null,"b":{},"c":[],"d":"","e":"\\"\\""}', {}],
    ['nested arrays', '{"m":[[1,2],[3]]}', { 'm[0][0]': '1', 'm[0][1]': '2', 'm[1][0]': '3' }],
    ['objects in arrays', '{"a":[{"b":1},{"c":{"d":2}}]}', { 'a[0].b': '1', 'a[1].c.d': '2' }],
    ['names lower-cased, whitespace to _', '{"A B":{"C\\tD":1}}', { 'a_b.c_d': '1' }],
    ['dots in keys stay', '{"a.b":1}', { 'a.b': '1' }],
    [
      '__proto__ is an ordinary name',
      '{"__proto__":{"x":1},"constructor":"c"}',
      { '__proto__.x': '1', constructor: 'c' },
    ],
    ['top-level array: names start at [i]', '[{"a":1},2]', { '[0].a': '1', '[1]': '2' }],
    ['unicode kept', '{"Имя":"Ада 👩‍💻"}', { имя: 'Ада 👩‍💻' }],
    ['duplicate keys: the last wins', '{"a":1,"a":2}', { a: '2' }],
  ])('§2.3 %s', (_label, text, expected) => {
    expect(jsonTags(text)).toEqual(expected)
  })

  it('§2.3 a top-level scalar produces no tag, with a warning', () => {
    const { cmd, warnings } = convertOk(HOOK, { contentType: 'application/json', body: '"just text"' })
    expect(tagsOf(cmd)).toEqual({})
    expect(warnings).toEqual(['the JSON body is a single value, not an object or array: it produces no tags'])
  })

  it('§2.3 tags come out in document order', () => {
    expect(Object.keys(jsonTags('{"z":1,"a":{"y":2,"b":3},"c":[4,5]}'))).toEqual([
      'z',
      'a.y',
      'a.b',
      'c[0]',
      'c[1]',
    ])
  })
})

describe('convertWebhook: content types and bodies (ATSD-BEHAVIOUR §1)', () => {
  it.each([
    ['application/json', 'application/json'],
    ['with charset', 'application/json; charset=utf-8'],
    ['upper case', 'Application/JSON'],
    ['+json variant', 'application/vnd.github+json'],
  ])('§1 %s is flattened', (_label, contentType) => {
    expect(tagsOf(convertOk(HOOK, { contentType, body: '{"a":1}' }).cmd)).toEqual({ a: '1' })
  })

  it.each([
    ['text/plain', 'text/plain', 'content type text/plain stored raw, converted from the query only'],
    [
      'multipart',
      'multipart/form-data; boundary=x',
      'content type multipart/form-data stored raw, converted from the query only',
    ],
    ['no content type', undefined, 'content type (none) stored raw, converted from the query only'],
  ])('§1 %s: converted from the query only, with a warning', (_label, contentType, warning) => {
    const { cmd, warnings } = convertOk(`${HOOK}?q=1`, { contentType, body: 'a=1' })
    expect(tagsOf(cmd)).toEqual({ q: '1' })
    expect(warnings).toEqual([warning])
  })

  it('§1 a GET body is ignored with a warning', () => {
    const { cmd, warnings } = convertOk(HOOK, {
      method: 'GET',
      contentType: 'application/json',
      body: '{"a":1}',
    })
    expect(tagsOf(cmd)).toEqual({})
    expect(warnings).toEqual(['GET body ignored: GET carries no payload, converted from the query only'])
  })

  it('§1 an empty body with a JSON content type is no payload, not an error', () => {
    expect(tagsOf(convertOk(HOOK, { contentType: 'application/json', body: '' }).cmd)).toEqual({})
  })

  it('§1 a UTF-8 byte order mark is skipped', () => {
    expect(jsonTags('\uFEFF{"a":1}')).toEqual({ a: '1' })
  })

  it('§1 a charset other than UTF-8 is ignored with a warning', () => {
    const { warnings } = convertOk(HOOK, {
      contentType: 'application/json; charset="ISO-8859-1"',
      body: '{}',
    })
    expect(warnings).toEqual(['charset iso-8859-1 ignored: the body was decoded as UTF-8'])
  })

  it.each([
    [
      'JSON',
      'application/json',
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xc3, 0x28, 0x22, 0x7d],
      { a: '\uFFFD\uFFFD(' },
    ],
    [
      'form',
      'application/x-www-form-urlencoded',
      [0x61, 0x3d, 0xfe, 0x25, 0x43, 0x33],
      { a: '\uFFFD\uFFFD' },
    ],
  ])(
    '§1 invalid UTF-8 in a %s body does not throw: bad bytes become U+FFFD',
    (_label, contentType, bytes, tags) => {
      const { cmd, warnings } = convertOk(HOOK, { contentType, body: Uint8Array.from(bytes) })
      expect(tagsOf(cmd)).toEqual(tags)
      expect(warnings).toContain('the body is not valid UTF-8: invalid bytes were replaced with U+FFFD')
    },
  )

  it('§2.2 form fields become tags like query parameters, values as given', () => {
    const { cmd } = convertOk(HOOK, {
      contentType: 'application/x-www-form-urlencoded',
      body: 'Build+Number=217&status=%27ok%27&a=1&a=2',
    })
    expect(tagsOf(cmd)).toEqual({ build_number: '217', status: "'ok'", a: '2' })
  })
})

describe('convertWebhook: malformed JSON (ATSD-BEHAVIOUR §2.6)', () => {
  it.each([
    ['trailing comma in array', '[1,]', 1, 4, "Unexpected token ']'"],
    ['trailing comma in object', '{"a":1,}', 1, 8, 'Expected double-quoted property name'],
    ['truncated literal', '{"a":tru}', 1, 9, "Unexpected token '}'"],
    ['bad literal on line 3', '{\n  "a": 1,\n  "b": tru\n}', 3, 11, 'Unexpected token "\\n"'],
    ['end of input', '{"a":', 1, 6, 'Unexpected end of JSON input'],
    ['whitespace only', '  \n ', 2, 2, 'Unexpected end of JSON input'],
    ['unterminated string', '{"a":"b', 1, 8, 'Unterminated string'],
    ['control character in string', '{"a":"x\ny"}', 1, 8, 'Bad control character in string literal'],
    ['leading zero', '{"a":01}', 1, 7, 'Unexpected number'],
    ['missing colon', '{"a" 1}', 1, 6, "Expected ':' after property name"],
    ['missing comma', '[1 2]', 1, 4, "Expected ',' or ']' after array element"],
    ['text after the document', '{"a":1} x', 1, 9, 'Unexpected non-whitespace character after JSON'],
    ['bad escape', '["\\x"]', 1, 4, 'Bad escaped character'],
    ['unexpected character on line 3', '\n\n  @', 3, 3, "Unexpected token '@'"],
    ['single quotes', "{'a':1}", 1, 2, 'Expected property name or'],
  ])('§2.6 %s → line %i, column %i', (_label, text, line, column, reason) => {
    const error = convertFails(HOOK, { contentType: 'application/json', body: text })
    expect(error).toMatchObject({ code: 'malformed_json', line, column })
    expect(error.message).toMatch(new RegExp(`^Malformed JSON at line ${line}, column ${column}: `))
    expect(error.message).toContain(reason)
    expect(error.message).not.toContain('is not valid JSON')
    const lineStart =
      text
        .split('\n')
        .slice(0, line - 1)
        .join('\n').length + (line > 1 ? 1 : 0)
    expect(error.offset).toBe(lineStart + column - 1)
  })
})

describe('convertWebhook: limits (too_complex)', () => {
  it('rejects a 100k-deep document with too_complex before parsing it, without a stack overflow', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000)
    const error = convertFails(HOOK, { contentType: 'application/json', body: text })
    expect(error.code).toBe('too_complex')
    expect(error.message).toContain('deeper than 64 levels')
  })

  it('refuses a document with too many values from its bytes, without decoding it into text', () => {
    const limits = { ...DEFAULT_CONVERT_LIMITS, maxJsonValues: 1000 }
    const body = `{${Array.from({ length: 1001 }, (_, i) => `"k${i}":${i}`).join(',')}}`
    const decode = vi.spyOn(TextDecoder.prototype, 'decode')
    try {
      const error = convertFails(HOOK, { contentType: 'application/json', body }, limits)
      expect(error.message).toContain('more than 1000 values')
      expect(decode).not.toHaveBeenCalled()
    } finally {
      decode.mockRestore()
    }
    // Commas, quotes and brackets inside non-ASCII strings are text, as in the decoded document.
    const text = JSON.stringify({ s: 'é,[{é,"é"}]'.repeat(400), n: 1 })
    expect(tagsOf(convertOk(HOOK, { contentType: 'application/json', body: text }, limits).cmd).n).toBe('1')
  })

  it('rejects an unbalanced deep prefix the same way', () => {
    expect(convertFails(HOOK, { contentType: 'application/json', body: '{"a":'.repeat(50_000) }).code).toBe(
      'too_complex',
    )
  })

  it('accepts exactly maxDepth levels and rejects one more', () => {
    const limits = { ...DEFAULT_CONVERT_LIMITS, maxDepth: 3 }
    expect(convertOk(HOOK, { body: { a: { b: [1] } } }, limits).cmd.tags['a.b[0]']).toBe('1')
    expect(convertFails(HOOK, { body: { a: { b: [[1]] } } }, limits).code).toBe('too_complex')
  })

  it('counts depth inside json.parse fields', () => {
    const limits = { ...DEFAULT_CONVERT_LIMITS, maxDepth: 3 }
    const url = `${HOOK}?json.parse=a.s`
    expect(convertOk(url, { body: { a: { s: '{"x":1}' } } }, limits).cmd.tags['a.s.x']).toBe('1')
    expect(convertFails(url, { body: { a: { s: '{"x":[1]}' } } }, limits).code).toBe('too_complex')
  })

  it('converts a large, wide document within the tag limit', () => {
    const body = Object.fromEntries(Array.from({ length: 9_000 }, (_, i) => [`k${i}`, { v: i, s: `x${i}` }]))
    const { cmd } = convertOk(
      HOOK,
      { body: { list: Array.from({ length: 500 }, (_, i) => i), ...body } },
      {
        ...DEFAULT_CONVERT_LIMITS,
        maxTags: 20_000,
      },
    )
    expect(Object.keys(cmd.tags)).toHaveLength(18_501)
    expect(cmd.tags['k8999.s']).toBe('x8999')
  })

  it('rejects more tags than maxTags, counting payload, query and header tags', () => {
    const limits = { ...DEFAULT_CONVERT_LIMITS, maxTags: 3 }
    expect(convertOk(`${HOOK}?q=1`, { body: { a: 1, b: 2 } }, limits).cmd.tags).toHaveProperty('q')
    const error = convertFails(`${HOOK}?q=1&r=2`, { body: { a: 1, b: 2 } }, limits)
    expect(error).toMatchObject({ code: 'too_complex', message: expect.stringContaining('more than 3 tags') })
    expect(convertFails(HOOK, { body: Array.from({ length: 100_000 }, () => 1) }).code).toBe('too_complex')
  })

  it('truncates names longer than maxNameLength, with a warning', () => {
    const limits = { ...DEFAULT_CONVERT_LIMITS, maxNameLength: 8 }
    const { cmd, warnings } = convertOk(
      `${HOOK}?querytagname=1&command.message=abcdefghij`,
      {
        body: { abcdefghij: 'long', short: { deeper: { deepest: 2 } }, ok: 3 },
      },
      limits,
    )
    expect(tagsOf(cmd)).toEqual({ abcdefgh: 'long', 'short.de': '2', ok: '3', querytag: '1' })
    expect(cmd.message).toBe('long')
    expect(warnings).toEqual(['3 tag name(s) longer than 8 characters truncated'])
  })

  it('never splits a surrogate pair when truncating', () => {
    const limits = { ...DEFAULT_CONVERT_LIMITS, maxNameLength: 4 }
    expect(Object.keys(tagsOf(convertOk(HOOK, { body: { 'abc😀x': 1 } }, limits).cmd))).toEqual(['abc'])
  })
})
