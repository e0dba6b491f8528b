import {
  errorAt,
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING,
  MAX_TREE_DEPTH,
  type BinaryOperator,
  type Expr,
  type ExprResult,
  childrenOf,
} from './ast'
import { SyntaxFailure, tokenize, type LineOrigin, type Token } from './lexer'
import { at, describe, TokenCursor } from './token-cursor'

/**
 * Parses one expression of the rule language (docs/expressions.md) into an AST.
 * Never throws: syntax errors come back with 1-based line/column and what was expected.
 */
export function parseExpression(source: string): ExprResult<Expr> {
  return parseExpressionIn(source, 0, source.length)
}

/** Parses `text[start, end)`; spans and errors are positioned in the whole `text` (used by templates). */
export function parseExpressionIn(
  text: string,
  start: number,
  end: number,
  origin?: LineOrigin,
): ExprResult<Expr> {
  if (end - start > MAX_EXPRESSION_LENGTH) {
    const message = `The expression is ${end - start} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`
    return { ok: false, error: errorAt(text, start, 0, message) }
  }
  try {
    const parser = new Parser(tokenize(text, start, end, origin))
    return { ok: true, value: parser.parseAll() }
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.detail }
    throw e
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'between', 'true', 'false', 'null'])
const COMPARISON: Record<string, BinaryOperator> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
}

// A recursive-descent parser, one method per precedence level (lowest first):
// ternary < OR < AND < NOT < comparison/LIKE/IN/BETWEEN < additive < multiplicative < unary minus < postfix.
class Parser extends TokenCursor {
  private nesting = 0
  private readonly depths = new WeakMap<Expr, number>()

  parseAll(): Expr {
    const expr = this.ternary()
    const next = this.peek()
    if (next.type !== 'eof') {
      const hint = this.isWord(next, 'not') ? '; NOT here must be followed by LIKE, IN or BETWEEN' : ''
      this.fail(next, `Unexpected ${describe(next)} after a complete expression${hint}`, [
        'an operator',
        'the end of the expression',
      ])
    }
    return expr
  }

  private ternary(): Expr {
    this.enter(this.peek())
    const test = this.or()
    let result = test
    const question = this.peek()
    if (this.eatPunct('?')) {
      const consequent = this.ternary()
      this.expectPunct(':', `Expected ':' to complete the conditional '?' at ${at(question)}`)
      const alternate = this.ternary()
      result = this.node({ kind: 'conditional', test, consequent, alternate, span: this.spanOf(test) })
    }
    this.nesting--
    return result
  }

  private or(): Expr {
    let left = this.and()
    while (this.eatPunct('||') || this.eatWord('or')) {
      const right = this.and()
      left = this.node({ kind: 'binary', op: 'or', left, right, span: this.spanOf(left) })
    }
    return left
  }

  private and(): Expr {
    let left = this.not()
    while (this.eatPunct('&&') || this.eatWord('and')) {
      const right = this.not()
      left = this.node({ kind: 'binary', op: 'and', left, right, span: this.spanOf(left) })
    }
    return left
  }

  private not(): Expr {
    const token = this.peek()
    if (this.eatPunct('!') || this.eatWord('not')) {
      this.enter(token)
      const operand = this.not()
      this.nesting--
      return this.node({ kind: 'unary', op: 'not', operand, span: this.spanFrom(token) })
    }
    return this.comparison()
  }

  private comparison(): Expr {
    const value = this.additive()
    const token = this.peek()
    const negated = this.isWord(token, 'not') && this.isPredicateWord(this.peek(1))
    if (negated) this.pos++
    const keyword = this.peek()
    let result: Expr
    if (this.eatWord('like')) {
      const patterns = this.operandList(keyword, 'LIKE')
      result = this.node({ kind: 'like', value, patterns, negated, span: this.spanOf(value) })
    } else if (this.eatWord('in')) {
      const items = this.operandList(keyword, 'IN')
      result = this.node({ kind: 'in', value, items, negated, span: this.spanOf(value) })
    } else if (this.eatWord('between')) {
      const low = this.additive()
      this.expectWord('and', `Expected AND in 'BETWEEN low AND high' (BETWEEN at ${at(keyword)})`)
      const high = this.additive()
      result = this.node({ kind: 'between', value, low, high, negated, span: this.spanOf(value) })
    } else {
      const op = token.type === 'punct' ? COMPARISON[String(token.value)] : undefined
      if (!op) return value
      this.pos++
      const right = this.additive()
      result = this.node({ kind: 'binary', op, left: value, right, span: this.spanOf(value) })
    }
    const after = this.peek()
    if (after.type === 'punct' && COMPARISON[String(after.value)]) {
      this.fail(after, `Comparisons do not chain: combine them with AND (at ${at(after)})`, ['AND', 'OR'])
    }
    return result
  }

  // The right side of LIKE / IN: a parenthesised list, or any single operand (a text or a list value).
  private operandList(keyword: Token, name: string): Expr[] {
    const open = this.peek()
    if (!this.eatPunct('(')) return [this.additive()]
    const items = this.items(')', open, `the ${name} list`)
    if (items.length === 0)
      this.fail(open, `${name} needs at least one value (at ${at(keyword)})`, ['expression'])
    return items
  }

  private additive(): Expr {
    let left = this.multiplicative()
    for (;;) {
      const op = this.peekPunct('+', '-')
      if (!op) return left
      this.pos++
      const right = this.multiplicative()
      left = this.node({ kind: 'binary', op, left, right, span: this.spanOf(left) })
    }
  }

  private multiplicative(): Expr {
    let left = this.unary()
    for (;;) {
      const op = this.peekPunct('*', '/', '%')
      if (!op) return left
      this.pos++
      const right = this.unary()
      left = this.node({ kind: 'binary', op, left, right, span: this.spanOf(left) })
    }
  }

  private unary(): Expr {
    const token = this.peek()
    if (this.eatPunct('-')) {
      this.enter(token)
      const operand = this.unary()
      this.nesting--
      return this.node({ kind: 'unary', op: '-', operand, span: this.spanFrom(token) })
    }
    return this.postfix(this.primary())
  }

  private postfix(target: Expr): Expr {
    let expr = target
    for (;;) {
      const token = this.peek()
      if (this.eatPunct('.')) {
        const nameToken = this.memberName()
        const name = String(nameToken.value)
        const open = this.peek()
        if (this.eatPunct('(')) {
          const args = [expr, ...this.items(')', open, `the argument list of ${name}()`)]
          expr = this.node({ kind: 'call', name, args, method: true, span: this.spanOf(target) })
        } else {
          expr = this.node({ kind: 'member', object: expr, name, span: this.spanOf(target) })
        }
      } else if (this.eatPunct('[')) {
        const index = this.ternary()
        this.expectPunct(']', `Expected ']' to close the index opened at ${at(token)}`)
        expr = this.indexNode(expr, index, target)
      } else {
        return expr
      }
    }
  }

  private indexNode(object: Expr, index: Expr, target: Expr): Expr {
    // tags['a.b'] with a literal name is a tag read, so names can be checked and collected.
    if (object.kind === 'field' && object.name === 'tags' && index.kind === 'literal') {
      if (typeof index.value === 'string') {
        return this.node({ kind: 'tag', name: index.value, span: this.spanOf(target) })
      }
    }
    return this.node({ kind: 'index', object, index, span: this.spanOf(target) })
  }

  private primary(): Expr {
    const token = this.peek()
    if (token.type === 'number' || token.type === 'string') {
      this.pos++
      return this.node({ kind: 'literal', value: token.value, span: this.spanFrom(token) })
    }
    if (token.type === 'ident') return this.identifier(token)
    if (this.eatPunct('(')) {
      const inner = this.ternary()
      this.expectPunct(')', `Expected ')' to close the group opened at ${at(token)}`)
      return inner
    }
    if (this.eatPunct('[')) {
      const items = this.items(']', token, 'the list')
      return this.node({ kind: 'list', items, span: this.spanFrom(token) })
    }
    return this.fail(token, `Expected an expression but found ${describe(token)}`, ['expression'])
  }

  private identifier(token: Token): Expr {
    const word = String(token.value)
    const lower = word.toLowerCase()
    if (lower === 'true' || lower === 'false' || lower === 'null') {
      this.pos++
      const value = lower === 'null' ? null : lower === 'true'
      return this.node({ kind: 'literal', value, span: this.spanFrom(token) })
    }
    if (KEYWORDS.has(lower)) {
      this.fail(token, `Expected an expression but found the keyword ${word.toUpperCase()}`, ['expression'])
    }
    this.pos++
    const open = this.peek()
    if (this.eatPunct('(')) {
      const args = this.items(')', open, `the argument list of ${word}()`)
      return this.node({ kind: 'call', name: word, args, method: false, span: this.spanFrom(token) })
    }
    if (word === 'tags') return this.tagPath(token)
    return this.node({ kind: 'field', name: word, span: this.spanFrom(token) })
  }

  // `tags.message.chat.id` names the tag "message.chat.id": segments are taken greedily, except a
  // segment followed by '(' which is a method call (`tags.isEmpty()`, `tags.a.contains('x')`).
  // `[0]` right after a segment belongs to the name too (`tags.authors[0]`), as flattened JSON names it.
  private tagPath(token: Token): Expr {
    const segments: string[] = []
    for (;;) {
      if (this.isPunct(this.peek(), '.') && this.isNameToken(this.peek(1))) {
        if (this.isPunct(this.peek(2), '(')) break
        this.pos++
        segments.push(this.peek().text)
        this.pos++
        continue
      }
      const last = segments.length - 1
      const number = this.peek(1)
      if (
        last >= 0 &&
        this.isPunct(this.peek(), '[') &&
        number.type === 'number' &&
        /^\d+$/.test(number.text)
      ) {
        if (this.isPunct(this.peek(2), ']')) {
          segments[last] += `[${number.text}]`
          this.pos += 3
          continue
        }
      }
      break
    }
    if (segments.length === 0) return this.node({ kind: 'field', name: 'tags', span: this.spanFrom(token) })
    return this.node({ kind: 'tag', name: segments.join('.'), span: this.spanFrom(token) })
  }

  // Comma-separated expressions up to `close`; the opening token has been consumed.
  private items(close: string, open: Token, what: string): Expr[] {
    const items: Expr[] = []
    if (!this.eatPunct(close)) {
      for (;;) {
        items.push(this.ternary())
        if (this.eatPunct(close)) break
        const next = this.peek()
        if (!this.eatPunct(',')) {
          this.fail(next, `Expected ',' or '${close}' to close ${what} opened at ${at(open)}`, [',', close])
        }
      }
    }
    return items
  }

  private memberName(): Token {
    const token = this.peek()
    if (!this.isNameToken(token)) {
      this.fail(token, `Expected a field or function name after '.' but found ${describe(token)}`, ['name'])
    }
    this.pos++
    return token
  }

  private isNameToken(token: Token): boolean {
    return token.type === 'ident' || (token.type === 'number' && /^\d+(\.\d+)*$/.test(token.text))
  }

  private isPredicateWord(token: Token): boolean {
    return this.isWord(token, 'like') || this.isWord(token, 'in') || this.isWord(token, 'between')
  }

  private enter(token: Token): void {
    if (++this.nesting > MAX_NESTING) {
      this.fail(token, `The expression is nested more than ${MAX_NESTING} levels deep; simplify it`)
    }
  }

  // Registers a node's depth: long operator chains build deep trees without deep recursion here,
  // but evaluation walks them recursively, so their depth is capped as well.
  private node(expr: Expr): Expr {
    let depth = 0
    for (const child of childrenOf(expr)) depth = Math.max(depth, this.depths.get(child) ?? 0)
    if (depth + 1 > MAX_TREE_DEPTH) {
      const token = this.tokens[Math.max(0, this.pos - 1)] ?? this.peek()
      this.fail(
        token,
        `The expression has more than ${MAX_TREE_DEPTH} nested operations; split it or use IN (...)`,
      )
    }
    this.depths.set(expr, depth + 1)
    expr.span.end = this.tokens[Math.max(0, this.pos - 1)]?.end ?? expr.span.start
    return expr
  }
}
