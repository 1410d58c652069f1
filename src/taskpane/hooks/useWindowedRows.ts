import * as React from "react";

export interface WindowedRowsOptions {
  /** Rows in the whole list. */
  readonly count: number;
  /** Every row's height in px; fixed, so any row's position is `index * rowHeight`. */
  readonly rowHeight: number;
  /** Rows rendered beyond each edge of the viewport, so a short scroll or arrow key finds them ready. */
  readonly overscan?: number;
  /** Used until the viewport has been measured (and where layout is not computed, as in jsdom). */
  readonly fallbackHeight?: number;
}

export interface WindowedRows {
  /** First rendered row. */
  readonly start: number;
  /** One past the last rendered row. */
  readonly end: number;
  /** Space to leave above and below the rendered rows so the scrollbar matches the whole list. */
  readonly padTop: number;
  readonly padBottom: number;
  /** Attach to the scrolling element. */
  readonly viewportRef: React.RefCallback<HTMLElement>;
  readonly onScroll: React.UIEventHandler<HTMLElement>;
  /** Scrolls just enough to bring the row fully into view. */
  scrollToIndex(index: number): void;
}

/**
 * Windowing for long lists of fixed-height rows: only the rows on screen (plus `overscan`) are
 * rendered, whatever `count` is.
 */
export function useWindowedRows({
  count,
  rowHeight,
  overscan = 8,
  fallbackHeight = 480,
}: WindowedRowsOptions): WindowedRows {
  const [scrollTop, setScrollTop] = React.useState(0);
  const [measuredHeight, setMeasuredHeight] = React.useState(0);
  const element = React.useRef<HTMLElement | null>(null);
  const observer = React.useRef<ResizeObserver | null>(null);

  const viewportRef = React.useCallback((node: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    element.current = node;
    if (node === null) return;
    setMeasuredHeight(node.clientHeight);
    if (typeof ResizeObserver !== "undefined") {
      observer.current = new ResizeObserver(() => setMeasuredHeight(node.clientHeight));
      observer.current.observe(node);
    }
  }, []);

  const height = measuredHeight > 0 ? measuredHeight : fallbackHeight;
  const maxScrollTop = Math.max(0, count * rowHeight - height);
  const top = Math.min(scrollTop, maxScrollTop);
  const start = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);

  const onScroll = React.useCallback((event: React.UIEvent<HTMLElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
  }, []);

  const scrollToIndex = React.useCallback(
    (index: number) => {
      const rowTop = index * rowHeight;
      let next = top;
      if (rowTop < top) next = rowTop;
      else if (rowTop + rowHeight > top + height) next = rowTop + rowHeight - height;
      if (next === top) return;
      if (element.current !== null) element.current.scrollTop = next;
      // Set directly too: the scroll event arrives a frame later (and never in jsdom).
      setScrollTop(next);
    },
    [rowHeight, top, height],
  );

  return {
    start,
    end,
    padTop: start * rowHeight,
    padBottom: Math.max(0, (count - end) * rowHeight),
    viewportRef,
    onScroll,
    scrollToIndex,
  };
}
