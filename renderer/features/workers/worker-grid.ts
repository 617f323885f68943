/** Column widths of the worker grid, header and rows alike; built here because attribute columns vary by pool. */
export function workerGridTemplate(showAccount: boolean, attributeCount: number): string {
  return [
    'minmax(8rem, 2fr)',
    ...(showAccount ? ['minmax(6rem, 1fr)'] : []),
    'minmax(5rem, 1fr)',
    '6.5rem',
    'repeat(3, minmax(6rem, 1fr))',
    'minmax(6rem, 1fr)',
    ...(attributeCount > 0 ? [`repeat(${attributeCount}, minmax(5.5rem, 1fr))`] : []),
  ].join(' ');
}
