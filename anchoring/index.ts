/** Anchoring clippings to pages: selectors from ranges, and ranges back from selectors. */
export { anchor, anchorMany, type AnchorMethod, type AnchorResult, type AnchorSelectors } from './anchor';
export { describeOffsets, describeRange, type RangeDescription } from './describe';
export { locateQuote, similarity, type LocateOptions, type TextMatch } from './match';
export {
  documentText,
  isUnrenderedSpan,
  isUnrenderedText,
  offsetsToRange,
  pointToOffset,
  rangeToOffsets,
  type DocumentText,
  type RangeLike,
  type TextOffsets,
} from './text';
