// Business-card size (85 × 55 mm, ISO/IEC 7810 ID-1 is 85.6 × 54) on A4, 2 × 5 with no gutter:
// the ordinary perforated-card layout, so one cut line separates two cards.

export const POINTS_PER_MM = 72 / 25.4;
const mm = (value: number) => value * POINTS_PER_MM;

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const CARD = { width: mm(85), height: mm(55), padding: mm(3.5) } as const;
export const GRID = { columns: 2, rows: 5 } as const;
export const CARDS_PER_PAGE = GRID.columns * GRID.rows;

export const GRID_ORIGIN = {
  x: (PAGE.width - GRID.columns * CARD.width) / 2,
  y: (PAGE.height - GRID.rows * CARD.height) / 2,
} as const;

/** Cut marks sit in the margin, off the card edges by this gap so no mark shows on a card. */
export const CUT_MARK = { gap: mm(2), length: mm(6) } as const;

/** Top-left corner of the i-th card of a page, row by row. */
export function placeCard(index: number): { x: number; y: number } {
  const column = index % GRID.columns;
  const row = Math.floor(index / GRID.columns);
  return { x: GRID_ORIGIN.x + column * CARD.width, y: GRID_ORIGIN.y + row * CARD.height };
}

/** The cards of each page, in order. */
export function paginate<T>(cards: T[]): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_PAGE) pages.push(cards.slice(i, i + CARDS_PER_PAGE));
  return pages;
}
