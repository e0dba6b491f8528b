/** Where a node or an error sits in the source: offsets are 0-based, line and column 1-based (UTF-16 units). */
export interface Span {
  start: number
  end: number
  line: number
  column: number
}

/** A syntax, name or evaluation error, positioned for the editor to underline. */
export interface ExprError {
  message: string
  /** 1-based. */
  line: number
  /** 1-based, counted in UTF-16 code units; a tab counts as one. */
  column: number
  /** What the parser would have accepted here (syntax errors only). */
  expected?: string[]
  /** 0-based offset into the source (for a template part: into the whole template text). */
  offset: number
  /** Length of the offending text; 0 at the end of the input. */
  length?: number
}

/** The outcome of pure code: a value, or an error the caller shows to the user. */
export type ExprResult<T> = { ok: true; value: T } | { ok: false; error: ExprError }

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or'

/**
 * The expression AST: a discriminated union on `kind`; every node carries its source `span`.
 * `tag` is a tag read (`tags.a.b`, `tags['a.b']`); `field` any other bare name (known or not);
 * method-call syntax `x.f(a)` is stored as `call` with `method: true` and `x` as the first argument.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'field'; name: string; span: Span }
  | { kind: 'tag'; name: string; span: Span }
  | { kind: 'member'; object: Expr; name: string; span: Span }
  | { kind: 'index'; object: Expr; index: Expr; span: Span }
  | { kind: 'call'; name: string; args: Expr[]; method: boolean; span: Span }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; span: Span }
  | { kind: 'between'; value: Expr; low: Expr; high: Expr; negated: boolean; span: Span }
  | { kind: 'like'; value: Expr; patterns: Expr[]; negated: boolean; span: Span }
  | { kind: 'in'; value: Expr; items: Expr[]; negated: boolean; span: Span }
  | { kind: 'conditional'; test: Expr; consequent: Expr; alternate: Expr; span: Span }

/** Input limits: longer or deeper expressions are a syntax error, never a stack overflow. */
export const MAX_EXPRESSION_LENGTH = 10_000
export const MAX_NESTING = 200
export const MAX_TREE_DEPTH = 1_000

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** An error positioned at `offset` of `text`. */
export function errorAt(
  text: string,
  offset: number,
  length: number,
  message: string,
  expected?: string[],
): ExprError {
  const { line, column } = positionAt(text, offset)
  const error: ExprError = { message, line, column, offset, length }
  if (expected) error.expected = expected
  return error
}

/** An error covering a span (a node's or a token's), with what the parser expected there. */
export function errorAtSpan(span: Span, message: string, expected?: string[]): ExprError {
  const error: ExprError = {
    message,
    line: span.line,
    column: span.column,
    offset: span.start,
    length: span.end - span.start,
  }
  if (expected) error.expected = expected
  return error
}

/** The direct children of a node, in source order. */
export function childrenOf(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'literal':
    case 'field':
    case 'tag':
      return []
    case 'list':
      return expr.items
    case 'member':
      return [expr.object]
    case 'index':
      return [expr.object, expr.index]
    case 'call':
      return expr.args
    case 'unary':
      return [expr.operand]
    case 'binary':
      return [expr.left, expr.right]
    case 'between':
      return [expr.value, expr.low, expr.high]
    case 'like':
      return [expr.value, ...expr.patterns]
    case 'in':
      return [expr.value, ...expr.items]
    case 'conditional':
      return [expr.test, expr.consequent, expr.alternate]
  }
}
