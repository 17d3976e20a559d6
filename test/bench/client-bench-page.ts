/**
 * What the client benchmark runs inside the phone's page. Kept as plain script text: tsx
 * compiles functions with name helpers that do not exist in the page, and a string is
 * exactly what the page runs, with nothing added.
 */

/**
 * Installed before the app's own scripts on every load (context.addInitScript). It stamps,
 * in the page's own clock (performance.now(), 0 = navigation start):
 * - formUsableAt: the frame after the first report-form number input is in the DOM, enabled
 *   and laid out (what "usable" means to a thumb);
 * - saves: for every "Gửi"/"Vẫn gửi" press on a form, ms from the click to the moment the
 *   "Đã lưu trên máy" confirmation is inserted (the app shows it only after the IndexedDB
 *   write has committed);
 * - delivery: from the `online` event (or a press of "Đồng bộ ngay") to the outbox being empty.
 */
export const INSTRUMENT = String.raw`
window.__name = (f) => f;
(() => {
  const bench = (window.__bench = { formUsableAt: null, saves: [], clickAt: null, delivery: null });
  const usableInput = () => {
    const input = document.querySelector('form.report-form input[inputmode="decimal"]');
    if (!input || input.disabled) return false;
    const box = input.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  let formSeen = false;
  const findFlash = (node) => {
    if (node.nodeType !== 1) return null;
    if (node.matches('[data-testid="flash"]')) return node;
    return node.querySelector('[data-testid="flash"]');
  };
  new MutationObserver((records) => {
    if (!formSeen && usableInput()) {
      formSeen = true;
      requestAnimationFrame(() => { bench.formUsableAt = performance.now(); });
    }
    if (bench.clickAt === null) return;
    for (const record of records) {
      for (const node of record.addedNodes) {
        const flash = findFlash(node);
        if (flash && flash.textContent.includes('Đã lưu trên máy')) {
          bench.saves.push(performance.now() - bench.clickAt);
          bench.clickAt = null;
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button) return;
    if (button.type === 'submit' && location.pathname.startsWith('/report/')) bench.clickAt = performance.now();
  }, true);
})();
`;

/**
 * Starts watching for delivery: from the next `online` event (or press of "Đồng bộ ngay") until
 * the outbox store is empty, polled every 25 ms through plain IndexedDB.
 */
export const WATCH_DELIVERY = String.raw`(() => {
  const bench = window.__bench;
  bench.delivery = { start: null, end: null, trigger: null };
  const start = (trigger) => {
    if (bench.delivery.start !== null) return;
    bench.delivery.start = performance.now();
    bench.delivery.trigger = trigger;
    const open = indexedDB.open('so-thi-dua');
    open.onsuccess = () => {
      const db = open.result;
      const poll = () => {
        const req = db.transaction('outbox', 'readonly').objectStore('outbox').count();
        req.onsuccess = () => {
          if (req.result === 0) { bench.delivery.end = performance.now(); db.close(); }
          else setTimeout(poll, 25);
        };
      };
      poll();
    };
  };
  window.addEventListener('online', () => start('online'), { once: true });
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b && b.textContent.includes('Đồng bộ ngay')) start('button');
  }, true);
  return true;
})()`;
