import type { Page } from 'playwright-core';

export interface ScrollOptions {
  /** Stop once this many rows are loaded and the table is scrolled to the bottom. */
  target: number;
  /** Give up after this long (the figures then say so). */
  capMs: number;
  /** Pixels scrolled per animation frame: ~36 rows of 56 px, a fast fling, so every frame renders new rows. */
  stepPx?: number;
  /** Stop when no new page arrived for this long while waiting at the bottom. */
  stallMs?: number;
}

export interface ScrollResult {
  rowsLoaded: number;
  domRows: number;
  /** Data row number (1-based) of the last row rendered at the end. */
  lastRowReached: number;
  elapsedMs: number;
  scrolledPx: number;
  waitFrames: number;
  /** Frames over 50 ms during which a new page of rows had just been appended. */
  longAtPage: number;
  capped: boolean;
  stalled: boolean;
  frames: { count: number; p50: number; p95: number; p99: number; max: number; over50: number; over100: number };
}

interface RawResult extends Omit<ScrollResult, 'frames'> {
  frameMs: number[];
}

/*
 * Runs in the page as source text, not as a serialized function: tsx/esbuild may wrap nested
 * functions in a `__name` helper that does not exist in the page. Scrolls the page (the report's
 * one scroll area) a step per animation frame and records every frame's duration; at the bottom
 * it waits (still recording frames) for the next page to load.
 */
const IN_PAGE = `async ({ target, capMs, stepPx, stallMs }) => {
  const table = document.querySelector('[role="table"][aria-label="Integration report results"]');
  if (!table) throw new Error('report table not found');
  // The page is the report's one scroll area (issue 17): the rows scroll with the window.
  const scroller = document.scrollingElement;
  if (!scroller) throw new Error('page scroll element not found');
  // aria-rowcount is every matching row plus the header; data-loaded-rows is what has been fetched.
  const loaded = () => Number(table.getAttribute('data-loaded-rows'));
  const frameMs = [];
  const start = performance.now();
  let last = start, scrolledPx = 0, waitFrames = 0, capped = false, stalled = false;
  let lastCount = loaded(), lastGrowth = start, lastCountBefore = lastCount, longAtPage = 0;
  await new Promise((resolve) => {
    const tick = (now) => {
      frameMs.push(now - last);
      last = now;
      const count = loaded();
      if (count !== lastCount) { lastCount = count; lastGrowth = now; }
      // A long frame right after a page arrived points at appending rows, not at scrolling.
      if (frameMs.at(-1) > 50) { if (count !== lastCountBefore) longAtPage++; }
      lastCountBefore = count;
      const max = scroller.scrollHeight - scroller.clientHeight;
      if (scroller.scrollTop >= max - 1) {
        if (count >= target) return resolve();
        if (now - lastGrowth > stallMs) { stalled = true; return resolve(); }
        waitFrames++;
      } else {
        const before = scroller.scrollTop;
        scroller.scrollTop = Math.min(max, before + stepPx);
        scrolledPx += scroller.scrollTop - before;
      }
      if (now - start > capMs) { capped = true; return resolve(); }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return {
    rowsLoaded: loaded(),
    domRows: table.querySelectorAll('[role="row"][aria-rowindex]').length,
    // Cross-checks data-loaded-rows: at the bottom the last rendered row is the last loaded one.
    lastRowReached: Math.max(0, ...Array.from(table.querySelectorAll('[role="row"][aria-rowindex]'), (r) => Number(r.getAttribute('aria-rowindex')) - 1)),
    elapsedMs: performance.now() - start,
    scrolledPx, waitFrames, capped, stalled, frameMs, longAtPage,
  };
}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Scrolls the Integration report table to the end in the page and returns frame-time figures. */
export async function measureScroll(page: Page, options: ScrollOptions): Promise<ScrollResult> {
  const args = { stepPx: 2000, stallMs: 10_000, ...options };
  const raw = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(args)})`)) as RawResult;
  const { frameMs, ...rest } = raw;
  // The first entry is the gap before the first frame, not a frame.
  const sorted = frameMs.slice(1).sort((a, b) => a - b);
  return {
    ...rest,
    frames: {
      count: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? NaN,
      over50: sorted.filter((t) => t > 50).length,
      over100: sorted.filter((t) => t > 100).length,
    },
  };
}
