/**
 * Test helper: a crafted raw DEFLATE stream that inflates to `size` zero bytes (rounded up to a
 * multiple of 258, plus one) while holding only ~size/159 bytes itself. One fixed-Huffman block: a
 * literal 0, then "copy 258 bytes from distance 1" over and over. Built bit by bit, so making it
 * allocates nothing like the output it stands for (tests can measure memory around it).
 */
export function deflateBombOfZeros(size: number): Uint8Array {
  const pairs = Math.ceil((size - 1) / 258)
  const out = new Uint8Array(Math.ceil((3 + 8 + pairs * 13 + 7) / 8))
  let bit = 0
  const put = (b: number) => {
    if (b) out[bit >> 3] |= 1 << (bit & 7)
    bit++
  }
  // Header fields are written least significant bit first; Huffman codes most significant bit first.
  const field = (value: number, count: number) => {
    for (let i = 0; i < count; i++) put((value >> i) & 1)
  }
  const code = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i--) put((value >> i) & 1)
  }
  field(1, 1) // BFINAL
  field(1, 2) // BTYPE = 01, fixed Huffman codes
  code(0b00110000, 8) // literal 0
  for (let i = 0; i < pairs; i++) {
    code(0b11000101, 8) // length symbol 285: 258 bytes
    code(0, 5) // distance symbol 0: distance 1
  }
  code(0, 7) // end of block (symbol 256)
  return out
}
