/** The most text a frame sends to ask whether it is worth a scan (a frame with more is scanned). */
export const FRAME_TEXT_MAX = 64 * 1024;
