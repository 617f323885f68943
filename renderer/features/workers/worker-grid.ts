/** Narrowest width of each built-in column in rem, in order: name, (account), group, state, 3 hashrates, last share. */
const NAME_REM = 8;
const ACCOUNT_REM = 6;
const GROUP_REM = 5;
const STATE_REM = 6.5;
const FIGURE_REM = 6;
/** Pool attribute headings ("Connections", "Rental ID") need a little more than the figures under them. */
const ATTRIBUTE_REM = 7.5;

/** The grid's column gap and side padding in px: must equal `.worker-grid` in styles.css. */
const COLUMN_GAP_PX = 8;
const SIDE_PADDING_PX = 12;
/** Room for the scrollbar gutter that header and list both reserve. */
const GUTTER_PX = 16;

/** Column widths of the worker grid, header and rows alike; built here because attribute columns vary by pool. */
export function workerGridTemplate(showAccount: boolean, attributeCount: number): string {
  return [
    `minmax(${NAME_REM}rem, 2fr)`,
    ...(showAccount ? [`minmax(${ACCOUNT_REM}rem, 1fr)`] : []),
    `minmax(${GROUP_REM}rem, 1fr)`,
    `${STATE_REM}rem`,
    `repeat(3, minmax(${FIGURE_REM}rem, 1fr))`,
    `minmax(${FIGURE_REM}rem, 1fr)`,
    ...(attributeCount > 0 ? [`repeat(${attributeCount}, minmax(${ATTRIBUTE_REM}rem, 1fr))`] : []),
  ].join(' ');
}

/** The narrowest the grid can be without columns overlapping: below it, the table scrolls sideways in its box. */
export function workerGridMinWidth(showAccount: boolean, attributeCount: number): string {
  const columns = 7 + (showAccount ? 1 : 0) + attributeCount;
  const rem = NAME_REM + (showAccount ? ACCOUNT_REM : 0) + GROUP_REM + STATE_REM + 4 * FIGURE_REM + attributeCount * ATTRIBUTE_REM;
  return `calc(${rem}rem + ${(columns - 1) * COLUMN_GAP_PX + 2 * SIDE_PADDING_PX + GUTTER_PX}px)`;
}
