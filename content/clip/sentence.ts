/** The sentence around a mention, as a DOM range (for "Save sentence" in the card). */
import { isBlock, nodeIndexAt, TextWalker } from '../walker';
import { sentenceEnds } from './sentence-ends';

export function sentenceRange(doc: Document, range: AbstractRange): Range | null {
  let block: Element | null = range.startContainer.parentElement;
  while (block && !isBlock(block)) block = block.parentElement;
  if (!block) return null;
  const batch = new TextWalker(block).next();
  if (!batch || !batch.nodes.length) return null;
  const si = batch.nodes.indexOf(range.startContainer as Text);
  const ei = batch.nodes.indexOf(range.endContainer as Text);
  if (si < 0 || ei < 0) return null;
  const text = batch.text;
  const mStart = batch.starts[si]! + range.startOffset;
  const mEnd = batch.starts[ei]! + range.endOffset;
  // The last sentence end or block start at or before the mention, and the first after it.
  let start = 0;
  let end = text.length;
  for (const c of batch.cuts) {
    if (c <= mStart) start = Math.max(start, c);
    if (c >= mEnd) end = Math.min(end, c);
  }
  for (const e of sentenceEnds(text)) {
    if (e <= mStart) start = Math.max(start, e);
    else if (e >= mEnd) {
      end = Math.min(end, e);
      break;
    }
  }
  while (start < mStart && /\s/.test(text[start]!)) start++;
  while (end > mEnd && /\s/.test(text[end - 1]!)) end--;
  const a = nodeIndexAt(batch.starts, start);
  const b = nodeIndexAt(batch.starts, Math.max(start, end - 1));
  const r = doc.createRange();
  r.setStart(batch.nodes[a]!, start - batch.starts[a]!);
  r.setEnd(batch.nodes[b]!, end - batch.starts[b]!);
  return r;
}
