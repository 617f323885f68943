// A node:test reporter for the fault suite: collects "<fault> @ <pool>" results and prints them as a table of
// faults x pools once the run ends. The spec reporter runs beside it for the usual output and summary.
const NAME = /^(.+) @ ([a-z]+)$/;

function pad(text, width) {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

export default async function* tableReporter(source) {
  const results = new Map();
  const pools = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    const match = NAME.exec(event.data.name);
    if (!match) continue;
    const [, fault, pool] = match;
    if (!pools.includes(pool)) pools.push(pool);
    if (!results.has(fault)) results.set(fault, new Map());
    results.get(fault).set(pool, event.type === 'test:pass' ? 'pass' : 'FAIL');
  }
  const faultWidth = Math.max(5, ...[...results.keys()].map((fault) => fault.length));
  const widths = pools.map((pool) => Math.max(pool.length, 4));
  const row = (first, cells) => `| ${pad(first, faultWidth)} | ${cells.map((cell, index) => pad(cell, widths[index])).join(' | ')} |`;
  const lines = [row('fault', pools), `|${'-'.repeat(faultWidth + 2)}|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`];
  let failed = 0;
  let total = 0;
  for (const [fault, byPool] of results) {
    const cells = pools.map((pool) => byPool.get(pool) ?? '-');
    failed += cells.filter((cell) => cell === 'FAIL').length;
    total += cells.filter((cell) => cell !== '-').length;
    lines.push(row(fault, cells));
  }
  yield `\nFault suite: faults x pools\n${lines.join('\n')}\n${total - failed} of ${total} cases passed${failed > 0 ? `, ${failed} FAILED` : ''}.\n`;
}
