// Security: a strict CSP with no violations, user text rendered as text, only http(s) links.
import { assert, openApp, createPostMortem, openItem, openHeader } from '../lib.mjs';

const XSS = `<img src=x onerror="window.__xss=1">"><script>window.__xss=2</script>`;

async function recordViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

export default function (test) {
  test('the app runs under its CSP with zero violations', async ({ page, context, baseUrl }) => {
    await recordViolations(context);
    await openApp(page, baseUrl);
    const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    await createPostMortem(page, 'CSP walk-through', 'SEV1');
    await page.getByTestId('quick-title').fill('Add an alert on checkout 5xx rate above 2% for 5 minutes');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await item.waitFor();
    await item.getByTestId('element-verb').hover();
    await item.getByTestId('priority').click();
    await page.getByTestId('board-card').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('large-text').click();
    await page.reload();
    await page.getByTestId('action-item').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });

  test('the CSP is enforced: an injected inline script does not run', async ({ page, context, baseUrl }) => {
    await recordViolations(context);
    await openApp(page, baseUrl);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.appendChild(s);
    });
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.equal(await page.evaluate(() => window.__ran), undefined);
  });

  test('markup typed into every field is shown as text, never run', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, XSS);
    await openHeader(page);
    for (const id of ['pm-incident', 'pm-facilitator', 'pm-summary']) {
      await page.getByTestId(id).fill(XSS);
    }
    await page.getByTestId('quick-title').fill(XSS);
    await page.getByTestId('quick-owner').fill(XSS);
    await page.getByTestId('quick-ticket').fill(XSS);
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await openItem(item);
    await item.locator('summary', { hasText: 'More:' }).click();
    for (const id of ['item-description', 'item-team']) await item.getByTestId(id).fill(XSS);
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('postmortem-title').first().waitFor();
    assert.equal(await page.getByTestId('postmortem-title').first().innerText(), XSS);
    await page.goBack();
    await page.getByTestId('action-item').first().waitFor();
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('img[src=x]').count(), 0);
    assert.equal(await page.getByTestId('action-item').first().getByTestId('item-open').textContent(), XSS);
    assert.equal(await (await openItem(page.getByTestId('action-item').first())).getByTestId('item-title').inputValue(), XSS);
  });

  test('only http and https links are made clickable', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Links');
    await page.getByTestId('quick-title').fill('Add a runbook link to the paging alert for the ledger');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await openItem(item);
    await item.locator('summary', { hasText: 'More:' }).click();
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>']) {
      await item.getByTestId('item-url').fill(bad);
      await item.getByText('Only http and https links are opened.').waitFor();
      assert.equal(await page.locator('a[href*="script:" i], a[href^="data:"]').count(), 0, bad);
    }
    await item.getByTestId('item-url').fill('https://tracker.example/PAY-1');
    await item.getByRole('link', { name: 'Open the ticket' }).waitFor();
    assert.equal(await item.getByRole('link', { name: 'Open the ticket' }).getAttribute('href'), 'https://tracker.example/PAY-1');
    await openHeader(page);
    await page.getByTestId('pm-doc').fill('javascript:alert(document.domain)');
    await page.getByTestId('pm-header').getByText('Only http and https links are opened.').waitFor();
    assert.equal(await page.locator('a[href^="javascript" i]').count(), 0);
  });
}
