/**
 * How the queue board fills a screen: as many columns and rows of table
 * cards as fit at a size readable across a hall, the cards sized to fill the
 * screen, and pages when there are more tables than fit on one.
 */

/** The smallest card, in CSS pixels, at which a card's text stays readable from five metres on a 1080p screen. */
export const MIN_CARD = { width: 420, height: 290 } as const;

export interface BoardLayout {
  /** Cards per page; pages = ceil(tables / perPage). */
  perPage: number;
  pages: number;
  /** The grid for a page of `shown` cards. */
  columns: number;
  rows: number;
  /**
   * True on a screen narrower than two cards (a phone): one column of cards
   * as tall as their text, the page scrolled by hand, never paged (a card
   * squeezed to fit a phone's page once clipped its wait to 0 px).
   */
  scroll: boolean;
}

/** The layout for `tables` cards in an area of `width` × `height` CSS pixels (the screen less the heading). */
export function boardLayout(tables: number, width: number, height: number): BoardLayout {
  if (width < 2 * MIN_CARD.width) return { perPage: Math.max(1, tables), pages: 1, columns: 1, rows: Math.max(1, tables), scroll: true };
  const maxColumns = Math.max(1, Math.floor(width / MIN_CARD.width));
  const minHeight = MIN_CARD.height;
  const maxRows = Math.max(1, Math.floor(height / minHeight));
  const perPage = maxColumns * maxRows;
  const shown = Math.max(1, Math.min(tables, perPage));
  const pages = Math.max(1, Math.ceil(tables / perPage));
  // Of the grids that hold a page, the one whose cards come nearest the ideal
  // shape (a little wider than tall), with the fewest empty cells.
  const ideal = MIN_CARD.width / minHeight;
  let best = { columns: maxColumns, rows: Math.ceil(shown / maxColumns), score: -Infinity };
  for (let columns = 1; columns <= maxColumns; columns++) {
    const rows = Math.ceil(shown / columns);
    if (rows > maxRows) continue;
    const aspect = width / columns / (height / rows);
    const shape = Math.min(aspect / ideal, ideal / aspect);
    const score = shape - (columns * rows - shown) / (columns * rows);
    if (score > best.score) best = { columns, rows, score };
  }
  return { perPage, pages, columns: best.columns, rows: best.rows, scroll: false };
}
