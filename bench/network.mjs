// Cold start over a throttled network, behind Debian's nginx with the shipped configuration
// (deploy/nginx/followthrough.conf, precompressed brotli): the "Network" section of
// docs/PERFORMANCE.md. A fresh browser context per run: empty HTTP cache, no service worker.
// Throttling is Chromium's own (DevTools protocol Network.emulateNetworkConditions), applied to
// the page before it navigates.
import { newContext, checkErrors, loadWorkspace, sampleWorkspace } from './lib.mjs';

/** The issue's profiles: Chromium DevTools' Fast 4G and Slow 4G (throughput in bytes/s). */
export const PROFILES = {
  'Fast 4G': { downloadThroughput: (9e6 / 8), uploadThroughput: (1.5e6 / 8), latency: 170 },
  'Slow 4G': { downloadThroughput: (1.6e6 / 8), uploadThroughput: (0.75e6 / 8), latency: 560 },
};

/** The goal: interactive within a second on Fast 4G, with an empty workspace. */
export const GOAL_FAST_4G = 1000;

/** The rows measured in each run: [profile, items in the saved workspace]. */
export const ROWS = [['Fast 4G', 0], ['Fast 4G', 1000], ['Slow 4G', 0]];

/**
 * One cold start: { interactive, fcp, bytes } from the start of navigation. With `items`, a
 * workspace of that size is saved first (through the import UI, in the same origin), then the
 * HTTP cache and the service worker are cleared, so only storage is warm.
 */
export async function coldStart(browser, url, profile, items, label) {
  const { context, errors } = await newContext(browser, label);
  try {
    if (items) {
      const setup = await context.newPage();
      const loaded = await loadWorkspace(setup, url, sampleWorkspace(items));
      if (loaded.mark !== 'Saved') throw new Error(`the ${items}-item workspace was not saved (save mark: "${loaded.mark}")`);
      const cdp = await context.newCDPSession(setup);
      await cdp.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'service_workers,cache_storage' });
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      await setup.close();
    }
    await context.addInitScript(() => window.__bench.armStartup({ target: '[data-testid="new-postmortem"]', mode: 'list' }));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES[profile] });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    await page.goto(url, { waitUntil: 'commit' });
    const s = await page.waitForFunction(() => {
      const s = window.__bench?.startup;
      return s && (s.interactive != null || s.error) ? s : null;
    }, null, { polling: 50, timeout: 60_000 }).then((h) => h.jsonValue());
    if (s.error) throw new Error(s.error);
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    const rows = await page.getByTestId('postmortem-row').count();
    if (items && rows === 0) throw new Error('the saved workspace\'s list was not shown');
    checkErrors(errors);
    await cdp.detach().catch(() => {});
    return { interactive: s.interactive, fcp, bytes };
  } finally {
    await context.close().catch(() => {});
  }
}
