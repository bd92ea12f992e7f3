// One small driver per browser engine, all with the same few calls the core journeys need:
// Chromium (Debian's /usr/bin/chromium) and Firefox ESR (over WebDriver BiDi) driven by
// puppeteer-core, WebKit (WebKitGTK's MiniBrowser) by selenium-webdriver through
// WebKitWebDriver. No browser or driver is ever downloaded: every binary is Debian's.
// puppeteer-core is the 24 line: 25 needs Node 22.12, and this project runs on Node 20.
import puppeteer from 'puppeteer-core';
import { Builder, By } from 'selenium-webdriver';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
const TIMEOUT = 20000;

/// Starts the engine's browser; `page()` opens a fresh tab (or window) in it.
export async function launch(engine) {
  if (engine === 'chromium') {
    return puppeteerBrowser(await puppeteer.launch({
      browser: 'chrome',
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    }));
  }
  if (engine === 'firefox') {
    return puppeteerBrowser(await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      headless: true,
    }));
  }
  if (engine === 'webkit') return webkitBrowser();
  throw new Error(`unknown engine ${engine}`);
}

// ---- puppeteer-core: Chromium over CDP, Firefox over WebDriver BiDi -------------------

function puppeteerBrowser(browser) {
  return {
    async page() {
      const page = await browser.newPage();
      const errors = [];
      const appAt404 = new Set();
      page.on('response', (r) => {
        if (r.status() === 404 && r.request().isNavigationRequest()) appAt404.add(r.url());
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message ?? e}`));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        // A deep link is answered by the site's 404 page (a copy of the app, as GitHub
        // Pages does); Chromium logs that status as a console error, which is expected.
        if (m.text().includes('status of 404') && appAt404.has(m.location().url)) return;
        errors.push(`console: ${m.text()}`);
      });
      const api = {
        errors,
        collect: async () => {},
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        reload: () => reloaded(api, () => page.reload({ waitUntil: 'load' })),
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        click: (selector) => page.locator(selector).setTimeout(TIMEOUT).click(),
        type: async (selector, text) => { await waitFor(api, selector); await page.type(selector, text); },
        fill: (selector, text) => page.locator(selector).setTimeout(TIMEOUT).fill(text),
        setFile: async (selector, path) => (await page.waitForSelector(selector, { timeout: TIMEOUT })).uploadFile(path),
        close: () => page.close(),
      };
      return api;
    },
    close: () => browser.close(),
  };
}

// ---- selenium-webdriver + WebKitWebDriver: WebKitGTK's MiniBrowser -------------------

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function webkitBrowser() {
  const port = await freePort();
  // MiniBrowser has no headless mode: it needs a display (scripts/test.sh runs the
  // journeys under xvfb-run).
  const driverProcess = spawn(process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver', [`--port=${port}`],
    { stdio: 'ignore' });
  const server = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${server}/status`)).ok) break;
    } catch (e) {
      if (i > 100) throw new Error(`WebKitWebDriver did not start: ${e.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The server is given, so selenium-manager never looks for (or downloads) a driver.
  const driver = await new Builder().usingServer(server).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': {
      binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      args: ['--automation'],
    },
  }).build();
  return {
    async page() {
      const errors = [];
      // WebDriver classic has no page-error events: after each load, the page records its
      // uncaught errors, rejections and console errors in `window.__errors`, read before
      // every assertion on errors. Errors thrown before that listener is added are missed.
      const watch = () => driver.executeScript(() => {
        if (window.__errors) return;
        window.__errors = [];
        addEventListener('error', (e) => window.__errors.push(`pageerror: ${e.message}`));
        addEventListener('unhandledrejection', (e) => window.__errors.push(`pageerror: ${e.reason}`));
        const log = console.error.bind(console);
        console.error = (...a) => { window.__errors.push(`console: ${a.join(' ')}`); log(...a); };
      });
      const collect = async () => {
        errors.push(...await driver.executeScript(() => { const e = window.__errors ?? []; window.__errors = []; return e; }));
      };
      const element = async (selector) => {
        await waitFor(api, selector);
        return driver.findElement(By.css(selector));
      };
      const api = {
        errors,
        collect,
        goto: async (url) => { await driver.get(url); await watch(); },
        reload: async () => { await collect(); await reloaded(api, () => driver.navigate().refresh()); await watch(); },
        // WebDriver returns `undefined` as null, and awaits a promise the script returns.
        evaluate: (fn, ...args) => driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args),
        click: async (selector) => (await element(selector)).click(),
        type: async (selector, text) => (await element(selector)).sendKeys(text),
        fill: async (selector, text) => { const e = await element(selector); await e.clear(); await e.sendKeys(text); },
        // WebDriver sets a file input's file by typing its path into it.
        setFile: async (selector, path) => (await element(selector)).sendKeys(path),
        close: async () => { await collect(); },
      };
      return api;
    },
    close: async () => {
      await driver.quit().catch(() => {});
      driverProcess.kill();
    },
  };
}

/// Reloads, and resolves once a new document is there (not the one before, still shown).
async function reloaded(page, reload) {
  await page.evaluate(() => { window.__before_reload = true; });
  await reload();
  await until(page, () => document.readyState !== 'loading' && !window.__before_reload, [], TIMEOUT, 'a new document');
}

// ---- waits, the same in every engine: poll the page until what the reader sees is there --

/// Waits for an element matching `selector` that is laid out (not hidden), whose text
/// includes `text` when given; returns its text.
export async function waitFor(page, selector, { text, timeout = TIMEOUT } = {}) {
  return until(page, (selector, text) => {
    for (const e of document.querySelectorAll(selector)) {
      if (e.getClientRects().length === 0) continue;
      if (text === null || e.textContent.includes(text)) return e.textContent;
    }
    return null;
  }, [selector, text ?? null], timeout, `${selector}${text ? ` with "${text}"` : ''}`);
}

/// Polls `fn` in the page until it returns something other than null, false or undefined.
export async function until(page, fn, args = [], timeout = TIMEOUT, what = String(fn)) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await page.evaluate(fn, ...args);
      if (value !== null && value !== false && value !== undefined) return value;
    } catch (e) {
      // A page being replaced (a reload, a navigation) cannot be asked: ask again.
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
