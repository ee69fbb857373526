// A workspace as a folder (issue 18, the app's side): Import takes a folder (or several files)
// of per-post-mortem files as `followthrough split` writes them, and Export writes the same
// files. The folder is core/tests/fixtures/folder/, made by the command line; the core's
// tests (core/tests/folder.rs) hold that it is what `split` gives.
//
// Writing into a folder goes through the File System Access API's showDirectoryPicker, whose
// native dialog a headless browser cannot answer: the test hands the page a folder of the
// browser's own private file system instead (a real FileSystemDirectoryHandle), and reads it
// back. Without the picker, each file is downloaded.
import { assert, openApp, createPostMortem, waitSaved, stored } from '../lib.mjs';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../core/tests/fixtures/folder/', import.meta.url));

async function fixtureFiles() {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(dir + n, 'utf8')])));
}

async function importFolder(page) {
  await page.getByTestId('import-folder').setInputFiles(dir);
  await page.getByTestId('import-preview').waitFor();
}

export default function (test) {
  test('a folder of split files imports as one workspace, and Export writes the same files', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await importFolder(page);
    assert.match(await page.getByTestId('import-preview').innerText(), /A folder with 3 post-mortem\(s\) and 12 item\(s\)/);
    await page.getByTestId('import-replace').check();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await waitSaved(page);
    const ws = JSON.parse(await stored(page));
    assert.deepEqual(ws.postmortems.map((p) => p.id).sort(), ['PM-2025-0040', 'PM-2026-0003', 'PM-2026-0011']);
    assert.equal(ws.postmortems.flatMap((p) => p.action_items).length, 12);
    await page.getByTestId('restore-points-summary').click();
    await page.getByTestId('restore-point').filter({ hasText: 'Before replacing the workspace with the folder folder' }).waitFor();

    await page.evaluate(() => {
      window.showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle('postmortems', { create: true });
    });
    await page.getByTestId('export-folder').click();
    await page.getByTestId('notice').filter({ hasText: '4 files written into postmortems' }).waitFor();
    const written = await page.evaluate(async () => {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('postmortems');
      const out = {};
      for await (const [name, handle] of folder.entries()) out[name] = await (await handle.getFile()).text();
      return out;
    });
    const expected = await fixtureFiles();
    assert.deepEqual(Object.keys(written).sort(), Object.keys(expected));
    for (const name of Object.keys(expected)) assert.equal(written[name], expected[name], `${name}, byte for byte`);
  });

  test('without a folder picker, Export downloads each file, the same as split writes', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await importFolder(page);
    await page.getByTestId('import-replace').check();
    await page.getByTestId('import-confirm').click();
    await waitSaved(page);
    await page.evaluate(() => Object.defineProperty(window, 'showDirectoryPicker', { value: undefined, configurable: true }));
    const downloads = [];
    const all = new Promise((resolve) => page.on('download', (d) => downloads.push(d) === 4 && resolve()));
    await page.getByTestId('export-folder').click();
    await page.getByTestId('notice').filter({ hasText: '4 files downloaded' }).waitFor();
    await all;
    const expected = await fixtureFiles();
    const got = Object.fromEntries(await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await readFile(await d.path(), 'utf8')])));
    assert.deepEqual(Object.keys(got).sort(), Object.keys(expected));
    for (const name of Object.keys(expected)) assert.equal(got[name], expected[name], `${name}, byte for byte`);
  });

  test('several post-mortem files merge in without the settings; a bad one is named', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Already here');
    await waitSaved(page);
    const files = ['PM-2025-0040.json', 'PM-2026-0011.json'].map((name) => dir + name);
    await page.getByTestId('import-file').setInputFiles(files);
    await page.getByTestId('import-preview').waitFor();
    assert.match(await page.getByTestId('import-preview').innerText(), /A folder with 2 post-mortem\(s\)/);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await waitSaved(page);
    const ws = JSON.parse(await stored(page));
    assert.equal(ws.postmortems.length, 3, 'merged beside the post-mortem already here');

    await page.getByTestId('import-file').setInputFiles([
      { name: 'PM-1.json', mimeType: 'application/json', buffer: Buffer.from('{"postmortem": {"id": 3}}') },
      { name: 'PM-2026-0003.json', mimeType: 'application/json', buffer: await readFile(dir + 'PM-2026-0003.json') },
    ]);
    await page.getByTestId('import-error').filter({ hasText: /PM-1\.json: postmortem\.id/ }).waitFor();
    assert.equal(await page.getByTestId('import-preview').count(), 0, 'nothing to confirm');
  });
}
