// Runs Debian's nginx with the shipped configuration (deploy/nginx/followthrough.conf) on
// 127.0.0.1, serving a build at the root and under SUB_PATH, as a hosting team would. Its own
// prefix, pid, logs and temp paths live in a temporary folder: no root needed, no system service.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUB_PATH } from './server.mjs';
import { compress } from '../scripts/precompress.mjs';
import { stampServiceWorker } from '../scripts/service-worker.mjs';

export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
export const SNIPPET = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'deploy', 'nginx', 'followthrough.conf');
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const MIME_TYPES = '/etc/nginx/mime.types';

/** Whether nginx and the brotli module are installed (scripts/setup installs them). */
export function nginxMissing() {
  for (const path of [NGINX, BROTLI_MODULE, MIME_TYPES]) if (!existsSync(path)) return `${path} is missing: run scripts/setup`;
  return null;
}

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

function accepting(port) {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1', () => { socket.end(); ok(true); }).once('error', () => ok(false));
  });
}

/**
 * Starts nginx serving `root` (a build folder) at / and SUB_PATH. Resolves to
 * { url, subUrl, port, close, errorLog } once it accepts connections.
 */
export async function startNginx(root) {
  const missing = nginxMissing();
  if (missing) throw new Error(missing);
  const dist = resolve(root);
  // nginx's workers run as "nobody" when started as root: they must be able to read the build.
  chmodSync(dist, 0o755);
  const dir = mkdtempSync(join(tmpdir(), 'followthrough-nginx-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `
load_module ${BROTLI_MODULE};
daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
    include ${MIME_TYPES};
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    sendfile on;
    server {
        listen 127.0.0.1:${port};
        location / {
            root ${dist};
            include ${SNIPPET};
        }
        location = ${SUB_PATH.replace(/\/$/, '')} { return 301 ${SUB_PATH}; }
        location ${SUB_PATH} {
            alias ${dist}/;
            include ${SNIPPET};
        }
    }
}
`);
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  const errorLog = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start (${child.exitCode}): ${stderr}${errorLog()}`);
    if (await accepting(port)) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not accept connections on ${port} within 10 s: ${stderr}${errorLog()}`);
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const url = `http://127.0.0.1:${port}/`;
  let closed = null;
  return {
    url,
    subUrl: new URL(SUB_PATH, url).href,
    port,
    errorLog,
    close() {
      closed ??= (async () => {
        if (child.exitCode === null) {
          child.kill('SIGTERM'); // fast shutdown
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

/**
 * Copies a build into a fresh temporary folder (removed by the returned `remove`), for a test
 * that deploys a new version into it.
 */
export function copyBuild(dist) {
  const dir = mkdtempSync(join(tmpdir(), 'followthrough-site-'));
  cpSync(dist, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Deploys a "new version" of the build in `dir` as a release would: index.html changes (a
 * `<meta name="followthrough-deploy" content="<label>">` marks it), so the service worker gets a
 * new build id, and its compressed copies are written again.
 */
export function deployNewVersion(dir, label) {
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', `<head>\n<meta name="followthrough-deploy" content="${label}">`));
  const build = stampServiceWorker(dir);
  compress(dir, 'sw.js');
  return build;
}

/** Waits until the page's service worker is active (it then serves the app offline). */
export async function workerActive(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker.state !== 'activated') {
      await new Promise((ok) => worker.addEventListener('statechange', () => worker.state === 'activated' && ok()));
    }
  });
}
