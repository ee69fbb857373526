// The restore points' shelf in IndexedDB (src/web/indexed_db.rs calls it through wasm-bindgen):
// one database, two object stores under the same number keys, each call one transaction. Kept
// in JS because IndexedDB's API is JS-shaped: the same four calls through the `idb` crate cost
// about 8.6 KB brotli of wasm (docs/SIZE.md). Every failure rejects with a sentence.
const DATABASE = 'followthrough';
const ABOUT = 'restore_points';
const DATA = 'restore_data';

const failed = (what, error) => `${what}: ${error?.message ?? error ?? 'IndexedDB gave no reason'}`;

function open() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined' || !indexedDB) {
      reject('this browser has no IndexedDB');
      return;
    }
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      for (const name of [ABOUT, DATA]) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(failed('the database could not be opened', request.error));
    request.onblocked = () => reject('the database is held by an older copy of this page: reload it');
  });
}

// Runs `work` in one transaction over `stores`; resolves with what its last request read, once
// the transaction has completed (so a write is kept when this resolves).
async function inTransaction(stores, mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      // A store that is missing or a key IndexedDB refuses throws here: a rejection below.
      const tx = db.transaction(stores, mode);
      let read;
      const request = work(tx);
      if (request) request.onsuccess = () => { read = request.result; };
      tx.oncomplete = () => resolve(read);
      tx.onerror = () => reject(failed('the browser did not keep it', tx.error));
      tx.onabort = () => reject(failed('the browser did not keep it', tx.error));
    });
  } catch (e) {
    throw typeof e === 'string' ? e : failed('IndexedDB refused it', e);
  } finally {
    db.close();
  }
}

export function shelfPut(key, about, data) {
  return inTransaction([ABOUT, DATA], 'readwrite', (tx) => {
    tx.objectStore(ABOUT).put(about, key);
    tx.objectStore(DATA).put(data, key);
  });
}

export function shelfDescriptions() {
  return inTransaction([ABOUT], 'readonly', (tx) => tx.objectStore(ABOUT).getAll());
}

export function shelfData(key) {
  return inTransaction([DATA], 'readonly', (tx) => tx.objectStore(DATA).get(key));
}

export function shelfForget(keys) {
  return inTransaction([ABOUT, DATA], 'readwrite', (tx) => {
    for (const store of [ABOUT, DATA]) for (const key of keys) tx.objectStore(store).delete(key);
  });
}
