/** The sentence around a mention, as a DOM range (for "Save sentence" in the card). */
import { isBlock, nodeIndexAt, TextWalker } from '../walker';

const SENTENCE_END = /[.!?。！？；;]/;

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
  // Where blocks start inside this one (nested blocks): a sentence never runs across one.
  const cuts = new Set(batch.cuts);
  const mStart = batch.starts[si]! + range.startOffset;
  const mEnd = batch.starts[ei]! + range.endOffset;
  let start = mStart;
  while (start > 0) {
    if (cuts.has(start)) break;
    const ch = text[start - 1]!;
    // A full stop followed by a space (or a CJK full stop) ends the previous sentence.
    if (SENTENCE_END.test(ch) && (ch.charCodeAt(0) > 0x2000 || /\s/.test(text[start] ?? ' '))) break;
    start--;
  }
  let end = mEnd;
  while (end < text.length) {
    if (cuts.has(end)) break;
    const ch = text[end]!;
    end++;
    if (SENTENCE_END.test(ch) && (ch.charCodeAt(0) > 0x2000 || end >= text.length || /\s/.test(text[end]!))) break;
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
