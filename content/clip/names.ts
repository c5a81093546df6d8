/** The registry name of the reader's clippings on a page (a public contract, like the kind names). */
export const CLIPPING_HIGHLIGHT = 'cnai-clipping';
