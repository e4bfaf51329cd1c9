/** A 1-based line and column (column counts UTF-16 code units, like editors and the yaml package). */
export interface LineCol {
  line: number
  column: number
}

/** Maps offsets to line/column on demand; built once per text (binary search over line starts). */
export class LineIndex {
  private readonly lineStarts: number[] = [0]

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 10) this.lineStarts.push(i + 1)
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1)
    }
  }

  /** Number of lines in the text. */
  get lineCount(): number {
    return this.lineStarts.length
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length))
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.lineStarts[mid] <= o) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 }
  }

  /** Offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]
    return Math.min(start + column - 1, this.text.length)
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length
    const next = this.lineStarts[line] ?? this.text.length + 1
    return this.text.slice(start, next - 1).replace(/\r$/, '')
  }
}
