// What the UI bench runs inside the page (as an init script, before the app's own code): when the first screen
// shows, which tasks ran long, and the longest gap between two animation frames. Plain JavaScript in a string,
// as this folder is typed for Node, not the DOM.

export interface PageProbeReport {
  /** performance.now() (ms since navigation start) when the Overview held every account card; null until then. */
  firstScreenMs: number | null;
  /** The first frame after that: when the cards were painted. */
  paintedMs: number | null;
  longTasks: Array<{ startMs: number; durationMs: number }>;
  /** The longest gap between two animation frames since the last reset. */
  maxFrameGapMs: number;
}

/** The init script; `expectedCards` is how many account cards make the first screen. */
export function pageProbeScript(expectedCards: number): string {
  return `(() => {
  const probe = { firstScreenMs: null, paintedMs: null, longTasks: [], maxFrameGapMs: 0 };
  window.__pwProbe = probe;
  window.__pwProbeReset = () => { probe.longTasks = []; probe.maxFrameGapMs = 0; };
  const cards = () => document.querySelectorAll('[data-testid^="account-card-"]').length;
  const observer = new MutationObserver(() => {
    if (probe.firstScreenMs !== null || cards() < ${expectedCards}) return;
    probe.firstScreenMs = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { probe.paintedMs = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = null;
  const frame = (at) => {
    if (last !== null) probe.maxFrameGapMs = Math.max(probe.maxFrameGapMs, at - last);
    last = at;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;
}
