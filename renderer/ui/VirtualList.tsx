import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in pixels (the CSS must agree). */
  rowHeight: number;
  /** Height of the scrolling viewport in pixels. */
  height: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no blank rows. */
  overscan?: number;
  rowKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** aria-rowindex of the first data row (1-based; the header row is usually 1). */
  firstRowIndex?: number;
  className?: string;
  /** Where to start scrolled to (a list shown again, as it was left); told back on every scroll. */
  scrollTop?: number;
  onScrollTop?: (scrollTop: number) => void;
}

/**
 * Windowing: only the rows in view (plus a few) are in the DOM, placed absolutely inside a spacer
 * as tall as all rows, so 100,000 carriers scroll as smoothly as 10. Positions are set through
 * element.style (CSSOM), which the page's CSP allows; no style attributes reach the HTML.
 */
export function VirtualList<T>({ items, rowHeight, height, overscan = 8, rowKey, renderRow, firstRowIndex = 2, className, scrollTop: initialScrollTop = 0, onScrollTop }: VirtualListProps<T>) {
  const [scrollTop, setScrollTop] = useState(initialScrollTop);
  const viewport = useRef<HTMLDivElement>(null);
  // Shown again: back where it was left (the state says so; the new element must too).
  useLayoutEffect(() => {
    if (viewport.current && initialScrollTop > 0) viewport.current.scrollTop = initialScrollTop;
    // Only when mounted: afterwards the element's own scrolling leads.
  }, []);
  const total = items.length * rowHeight;
  // After a filter shrinks the list, the old scroll position may point past its end.
  const top = Math.min(scrollTop, Math.max(0, total - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  const visible = items.slice(first, last);
  const onScroll = (el: HTMLDivElement) => {
    setScrollTop(el.scrollTop);
    onScrollTop?.(el.scrollTop);
  };
  return (
    <div className={className ? `vlist ${className}` : 'vlist'} role="rowgroup" ref={viewport} style={{ height, overflowY: 'auto', position: 'relative' }} onScroll={(e) => onScroll(e.currentTarget)}>
      <div style={{ height: total, position: 'relative' }}>
        {visible.map((item, i) => (
          <div
            key={rowKey(item)}
            role="row"
            aria-rowindex={firstRowIndex + first + i}
            className="vlist-row"
            style={{ position: 'absolute', top: (first + i) * rowHeight, left: 0, right: 0, height: rowHeight }}
          >
            {renderRow(item, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
}
