// Accessibility as a test: axe-core on every view with data loaded, in normal and Large text, and
// a focus ring that stands out from whatever it sits on.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, openWorkspace, axeViolations } from '../lib.mjs';
import { paymentsOutage } from '../fixtures/payments-outage.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const METRICS_FIXTURE = join(here, '..', '..', 'core', 'tests', 'fixtures', 'metrics_workspace.json');

/** Three post-mortems being tracked (closed, blocked, deferred, overdue items) and a meeting. */
async function workspace() {
  const metrics = JSON.parse(await readFile(METRICS_FIXTURE, 'utf8'));
  return { ...metrics, postmortems: [...metrics.postmortems, ...paymentsOutage.postmortems] };
}

/** Each view, with what makes it show its data. */
const VIEWS = [
  { name: 'the post-mortem list', hash: '#/', ready: 'postmortem-row' },
  { name: 'the meeting page', hash: '#/pm/PM-2026-0051', ready: 'action-item' },
  { name: 'a tracked post-mortem', hash: '#/pm/PM-2026-0003', ready: 'action-item' },
  { name: 'every item', hash: '#/items', ready: 'portfolio-item' },
  { name: 'the review', hash: '#/review', ready: 'review-view' },
  {
    name: 'the people roster', hash: '#/people', ready: 'roster-entry',
    // A preview with people to add and a line that is not a person.
    async show(page) {
      await page.getByTestId('roster-paste').fill('Ana Smith <ana.smith@corp.example>\nCheckout SRE');
      await page.getByTestId('roster-preview').click();
      await page.getByTestId('roster-read').waitFor();
    },
  },
  {
    name: 'the dashboard', hash: '#/dashboard', ready: 'dashboard',
    // The fixture's months, so that every chart has bars.
    async show(page) {
      await page.getByTestId('dashboard-window').selectOption('90');
      await page.getByTestId('dashboard-date').fill('2026-03-31');
      await page.getByTestId('dashboard-window-label').filter({ hasText: '2026-01-01 to 2026-03-31' }).waitFor();
    },
  },
];

/** The WCAG contrast ratio of two `rgb()`/`rgba()` colours (alpha ignored: opaque here). */
function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The focused element's ring and the opaque colour it is drawn on (the nearest painted parent). */
function ringOnFocused() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let bg = null;
  for (let p = el.parentElement; p && !bg; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor;
    if (!/rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent') bg = c;
  }
  return {
    what: el.dataset.testid ?? `${el.localName}${el.className ? '.' + String(el.className).split(' ')[0] : ''}`,
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    colour: style.outlineColor,
    background: bg ?? 'rgb(255, 255, 255)',
  };
}

export default function (test) {
  for (const view of VIEWS) {
    test(`axe-core finds nothing on ${view.name}, in normal and Large text`, async ({ page, baseUrl }) => {
      const ws = await workspace();
      const found = [];
      for (const largeText of [false, true]) {
        await openWorkspace(page, baseUrl, ws, view.hash, { largeText });
        await page.getByTestId(view.ready).first().waitFor();
        if (view.show) await view.show(page);
        for (const line of await axeViolations(page)) found.push(`${largeText ? 'Large text' : 'normal'}: ${line}`);
      }
      assert.deepEqual(found, [], `axe-core on ${view.hash}:\n  ${found.join('\n  ')}`);
    });
  }

  test('every Tab stop shows a focus ring of at least 3:1 against what it sits on', async ({ page, baseUrl }) => {
    const ws = await workspace();
    const weak = [];
    for (const view of VIEWS) {
      await openWorkspace(page, baseUrl, ws, view.hash);
      await page.getByTestId(view.ready).first().waitFor();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(ringOnFocused);
        if (!ring) continue;
        const ratio = contrast(ring.colour, ring.background);
        if (ring.style === 'none' || ring.width < 2 || ratio < 3) {
          weak.push(`${view.hash} ${ring.what}: ${ring.style} ${ring.width}px ${ring.colour} on ${ring.background} (${ratio.toFixed(2)}:1)`);
        }
      }
    }
    assert.deepEqual([...new Set(weak)], [], 'focus rings under 3:1');
  });
}
