import { describe, expect, it } from 'vitest'
import { parseExpression, type Expr } from '../../../../../../src/main/core/rules/expr'

// Prints an AST fully parenthesised, so each row states exactly how the source grouped.
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? `'${e.value}'` : String(e.value)
    case 'list':
      return `[${e.items.map(show).join(', ')}]`
    case 'field':
      return e.name
    case 'tag':
      return `tags[${JSON.stringify(e.name)}]`
    case 'member':
      return `${show(e.object)}.${e.name}`
    case 'index':
      return `${show(e.object)}[${show(e.index)}]`
    case 'call': {
      const [first, ...rest] = e.args
      if (e.method && first) return `${show(first)}.${e.name}(${rest.map(show).join(', ')})`
      return `${e.name}(${e.args.map(show).join(', ')})`
    }
    case 'unary':
      return e.op === 'not' ? `(NOT ${show(e.operand)})` : `(-${show(e.operand)})`
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`
    case 'between':
      return `(${show(e.value)} ${e.negated ? 'NOT ' : ''}BETWEEN ${show(e.low)} AND ${show(e.high)})`
    case 'like':
      return `(${show(e.value)} ${e.negated ? 'NOT ' : ''}LIKE (${e.patterns.map(show).join(', ')}))`
    case 'in':
      return `(${show(e.value)} ${e.negated ? 'NOT ' : ''}IN (${e.items.map(show).join(', ')}))`
    case 'conditional':
      return `(${show(e.test)} ? ${show(e.consequent)} : ${show(e.alternate)})`
  }
}

function parsed(source: string): string {
  const result = parseExpression(source)
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`)
  return show(result.value)
}

describe('parseExpression precedence', () => {
  it.each([
    ['AND binds tighter than OR', 'a OR b AND c', '(a or (b and c))'],
    ['AND before OR on the left', 'a AND b OR c', '((a and b) or c)'],
    [
      '§5.1 example',
      "type = 'webhook' && source = 'slack' || entity = 'telegram'",
      "(((type = 'webhook') and (source = 'slack')) or (entity = 'telegram'))",
    ],
    ['lower-case keywords', 'a and b or not c', '((a and b) or (NOT c))'],
    ['NOT is above comparison', 'NOT a = b', '(NOT (a = b))'],
    ['NOT is below AND', 'NOT a AND b', '((NOT a) and b)'],
    ['! is NOT', '!a || b', '((NOT a) or b)'],
    ['double negation', 'NOT NOT a', '(NOT (NOT a))'],
    ['comparison above AND', 'x + 1 > 2 AND y', '(((x + 1) > 2) and y)'],
    ['multiplicative above additive', '1 + 2 * 3', '(1 + (2 * 3))'],
    ['additive is left-associative', '1 - 2 - 3', '((1 - 2) - 3)'],
    ['multiplicative is left-associative', '8 / 4 % 3', '((8 / 4) % 3)'],
    ['unary minus above multiplicative', '-2 * 3', '((-2) * 3)'],
    ['postfix above unary minus', '-now.millis', '(-now.millis)'],
    ['parentheses', '(1 + 2) * 3', '((1 + 2) * 3)'],
    ['ternary is lowest', 'a OR b ? c : d', '((a or b) ? c : d)'],
    ['ternary is right-associative', 'a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['BETWEEN takes additive bounds', 'x BETWEEN 1 + 1 AND 5 OR y', '((x BETWEEN (1 + 1) AND 5) or y)'],
    ['NOT BETWEEN', 'x NOT BETWEEN 1 AND 2', '(x NOT BETWEEN 1 AND 2)'],
    ['LIKE single pattern', "message LIKE '/start*'", "(message LIKE ('/start*'))"],
    ['LIKE list', "x LIKE ('a*', 'b?')", "(x LIKE ('a*', 'b?'))"],
    ['NOT LIKE and IN', "x NOT LIKE 'a*' AND y IN (1, 2)", "((x NOT LIKE ('a*')) and (y IN (1, 2)))"],
    ['NOT IN', "x not in ('a')", "(x NOT IN ('a'))"],
    ['prefix NOT over IN', "NOT x IN ('a')", "(NOT (x IN ('a')))"],
    ['IN with a list value', "x IN ['a', 'b']", "(x IN (['a', 'b']))"],
    ['== is =', 'a == b', '(a = b)'],
    ['<> is !=', 'a <> b', '(a != b)'],
    ['string concatenation then equality', "'a' + 'b' = 'ab'", "(('a' + 'b') = 'ab')"],
    ['dotted tag name', 'tags.message.chat.id = 5', '(tags["message.chat.id"] = 5)'],
    ['tag with keyword segment', 'tags.in.and', 'tags["in.and"]'],
    ['tag name with array index', 'tags.repository.authors[0]', 'tags["repository.authors[0]"]'],
    ['bracketed tag name', 'tags[\'x-y\'] = tags["a.b"]', '(tags["x-y"] = tags["a.b"])'],
    ['method on a tag', "tags.a.b.contains('x')", 'tags["a.b"].contains(\'x\')'],
    ['method on tags', 'tags.isEmpty()', 'tags.isEmpty()'],
    ['dynamic tag index', 'tags[entity]', 'tags[entity]'],
    ['function then method', "upper(message).contains('HI')", "upper(message).contains('HI')"],
    ['index after call', "split(x, ',')[0]", "split(x, ',')[0]"],
    ['member of now', 'now.day_of_week', 'now.day_of_week'],
    ['list literal', "[1, 'a', null, true]", "[1, 'a', null, true]"],
    ['count()', 'count() >= 3', '(count() >= 3)'],
    ['comments', '// first\na /* mid */ = 1', '(a = 1)'],
    ['string escapes', '\'it\\\'s\' + "\\"q\\"\\n"', "('it's' + '\"q\"\n')"],
    ['unknown escapes keep the backslash', "'\\d+'", "'\\d+'"],
    ['numbers', '1.5e3 + 0.25', '(1500 + 0.25)'],
  ])('%s: %s', (_label, source, expected) => {
    expect(parsed(source)).toBe(expected)
  })

  it('records the source span of each node', () => {
    const result = parseExpression("entity = 'x'\n  AND upper(type) = 'Y'")
    expect(result.ok && result.value).toMatchObject({
      kind: 'binary',
      op: 'and',
      span: { start: 0, end: 36, line: 1, column: 1 },
      right: { left: { kind: 'call', span: { start: 19, end: 30, line: 2, column: 7 } } },
    })
  })
})

describe('parseExpression syntax errors', () => {
  it.each([
    [
      'unclosed group',
      'a AND (b OR c',
      1,
      14,
      [')'],
      "Expected ')' to close the group opened at line 1, column 7",
    ],
    [
      'group closed on a later line',
      "type = 'a'\nAND (source = 'b'\n",
      3,
      1,
      [')'],
      'opened at line 2, column 5',
    ],
    ['unclosed call', 'upper(x', 1, 8, [',', ')'], 'the argument list of upper() opened at line 1, column 6'],
    ['unclosed list', '[1, 2', 1, 6, [',', ']'], 'the list opened at line 1, column 1'],
    ['unclosed IN list', "x IN ('a' 'b')", 1, 11, [',', ')'], 'the IN list'],
    ['empty IN list', 'x IN ()', 1, 6, ['expression'], 'IN needs at least one value'],
    ['missing ternary colon', 'a ? b', 1, 6, [':'], "Expected ':'"],
    ['BETWEEN without AND', 'x BETWEEN 1 5', 1, 13, ['AND'], 'Expected AND'],
    ['unterminated single-quoted string', "x = 'abc", 1, 5, ["'"], 'Unterminated string'],
    ['unterminated double-quoted string', 'x = "abc', 1, 5, ['"'], 'Unterminated string'],
    ['single &', 'a & b', 1, 3, ['&&'], "use '&&'"],
    ['single |', 'a | b', 1, 3, ['||'], "use '||'"],
    ['unknown character', 'a # b', 1, 3, undefined, "Unexpected character '#'"],
    ['missing right operand', '1 +', 1, 4, ['expression'], 'Expected an expression but found the end'],
    ['empty expression', '', 1, 1, ['expression'], 'Expected an expression'],
    ['two operands', 'a b', 1, 3, ['an operator', 'the end of the expression'], "Unexpected 'b'"],
    [
      'NOT without predicate',
      'a NOT b',
      1,
      3,
      ['an operator', 'the end of the expression'],
      'LIKE, IN or BETWEEN',
    ],
    ['chained comparison', '1 < 2 < 3', 1, 7, ['AND', 'OR'], 'Comparisons do not chain'],
    ['dot without a name', 'x.', 1, 3, ['name'], "after '.'"],
    ['unclosed index', 'x[1', 1, 4, [']'], "Expected ']'"],
    ['unterminated comment', 'a /* b', 1, 3, ['*/'], 'Unterminated comment'],
    ['keyword as operand', 'AND x', 1, 1, ['expression'], 'keyword AND'],
    ['trailing comma', 'f(1,)', 1, 5, ['expression'], "found ')'"],
    [
      'error on a later line',
      "entity = 'a'\n  AND\n  type = ",
      3,
      10,
      ['expression'],
      'Expected an expression',
    ],
    ['unexpected closing paren', 'a)', 1, 2, ['an operator', 'the end of the expression'], "Unexpected ')'"],
  ])('%s: %j', (_label, source, line, column, expected, message) => {
    const result = parseExpression(source)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toMatchObject({ line, column })
    expect(result.error.message).toContain(message)
    expect(result.error.expected).toEqual(expected)
  })

  it('rejects nesting deeper than the limit with a syntax error, not a stack overflow', () => {
    const result = parseExpression('('.repeat(3000) + '1' + ')'.repeat(3000))
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 201 } })
    expect(!result.ok && result.error.message).toContain('nested more than 200 levels')
  })

  it('accepts nesting up to the limit', () => {
    expect(parseExpression('('.repeat(150) + '1' + ')'.repeat(150)).ok).toBe(true)
  })

  it('rejects operator chains that would build a tree deeper than the limit', () => {
    const result = parseExpression(Array.from({ length: 2000 }, () => 'a').join(' || '))
    expect(!result.ok && result.error.message).toContain('more than 1000 nested operations')
  })

  it('rejects expressions longer than 10000 characters', () => {
    const result = parseExpression(`'${'x'.repeat(10_000)}'`)
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 1, offset: 0 } })
    expect(!result.ok && result.error.message).toContain('the limit is 10000')
  })
})
