import type { Locator } from 'playwright-core';

/**
 * How far (px) a button's text sits from the text of the other cells of its row: the largest
 * difference between the top of its first line and the top of each other cell's first line.
 * 0 when they read on one line; a cell button whose padding pushes its text down gives 7.
 */
export async function rowTextMisalignment(button: Locator): Promise<number> {
  return button.evaluate((b) => {
    const firstLineTop = (el: Element): number | null => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
      const node = walker.nextNode();
      if (!node) return null;
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getClientRects()[0]?.top ?? null;
    };
    const row = b.closest('tr, [role="row"]');
    if (!row) throw new Error('the button is not in a table row');
    const own = firstLineTop(b);
    if (own === null) throw new Error('the button has no text');
    const others = [...row.querySelectorAll('td, [role="cell"], [role="gridcell"]')]
      .filter((c) => !c.contains(b))
      .map(firstLineTop)
      .filter((top): top is number => top !== null);
    if (others.length === 0) throw new Error('the row has no other cell with text');
    return Math.max(...others.map((top) => Math.abs(top - own)));
  });
}
