import { useRef } from 'react';

/** The first visible line after the least scrolling that keeps `cursor` in a window of `height` lines. */
export function keepInView(top: number, cursor: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let next = top;
  if (cursor < next) next = cursor;
  if (cursor >= next + h) next = cursor - h + 1;
  return Math.max(0, Math.min(next, Math.max(0, count - h)));
}

/** keepInView with the previous position remembered by the view (scrolling is presentation, not state). */
export function useScrollTop(cursor: number, height: number, count: number): number {
  const top = useRef(0);
  top.current = keepInView(top.current, cursor, height, count);
  return top.current;
}
