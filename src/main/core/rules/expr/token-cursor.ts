import { errorAtSpan, type Expr, type Span } from './ast'
import { SyntaxFailure, type Token } from './lexer'

/** How a token reads in an error message. */
export function describe(token: Token): string {
  if (token.type === 'eof') return 'the end of the expression'
  if (token.type === 'string') return `the text ${token.text}`
  if (token.type === 'number') return `the number ${token.text}`
  return `'${token.text}'`
}

/** `line L, column C` of a token, for messages that point back to an opening bracket. */
export function at(token: Token): string {
  return `line ${token.line}, column ${token.column}`
}

/** Position over a token list with the look-ahead, match and error helpers the parser needs. */
export class TokenCursor {
  protected pos = 0

  constructor(protected readonly tokens: Token[]) {}

  /** A span starting where `first` starts; the parser sets `end` once the node's last token is consumed. */
  protected spanOf(first: Expr): Span {
    return { ...first.span }
  }

  protected spanFrom(token: Token): Span {
    return { start: token.start, end: token.end, line: token.line, column: token.column }
  }

  protected peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1] as Token
    return this.tokens[this.pos + ahead] ?? last
  }

  protected peekPunct<T extends string>(...options: T[]): T | undefined {
    const token = this.peek()
    return token.type === 'punct' ? options.find((o) => o === token.value) : undefined
  }

  protected isPunct(token: Token, value: string): boolean {
    return token.type === 'punct' && token.value === value
  }

  protected isWord(token: Token, word: string): boolean {
    return token.type === 'ident' && String(token.value).toLowerCase() === word
  }

  protected eatPunct(value: string): boolean {
    if (!this.isPunct(this.peek(), value)) return false
    this.pos++
    return true
  }

  protected eatWord(word: string): boolean {
    if (!this.isWord(this.peek(), word)) return false
    this.pos++
    return true
  }

  protected expectPunct(value: string, message: string): void {
    const token = this.peek()
    if (!this.eatPunct(value)) this.fail(token, `${message}, found ${describe(token)}`, [value])
  }

  protected expectWord(word: string, message: string): void {
    const token = this.peek()
    if (!this.eatWord(word)) this.fail(token, `${message}, found ${describe(token)}`, [word.toUpperCase()])
  }

  protected fail(token: Token, message: string, expected?: string[]): never {
    throw new SyntaxFailure(errorAtSpan(token, message, expected))
  }
}
