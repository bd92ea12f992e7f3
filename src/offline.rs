//! Offline: the service worker (built by `scripts/service-worker.sh`), the offer to
//! switch to a newly deployed version, and persistent storage.
//!
//! The service worker API is promise- and event-heavy; a few lines of JS here are much
//! smaller than the web-sys bindings for it, and easier to read.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function register_worker(url, onUpdate) {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(url).then((reg) => {
    // A new version waits until the reader chooses to reload: offer it.
    const offer = () => { if (reg.waiting && navigator.serviceWorker.controller) onUpdate(); };
    offer();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') offer(); });
    });
    // A page left open for days still hears of new deployments.
    setInterval(() => reg.update().catch(() => {}), 30 * 60 * 1000);
  }).catch((e) => console.warn('offline mode unavailable:', e.message));
}
export function served_by_worker() {
  return !!(navigator.serviceWorker && navigator.serviceWorker.controller);
}
export function activate_new_version() {
  navigator.serviceWorker.getRegistration().then((reg) => {
    if (!reg || !reg.waiting) { location.reload(); return; }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    reg.waiting.postMessage('activate-new-version');
  });
}
export async function storage_estimate() {
  if (!navigator.storage || !navigator.storage.estimate) return null;
  const e = await navigator.storage.estimate();
  const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : false;
  return [persisted, e.usage ?? 0, e.quota ?? 0];
}
export function worker_supported() {
  return 'serviceWorker' in navigator;
}
export function persistence_supported() {
  return !!(navigator.storage && navigator.storage.persist);
}
export async function request_persistence() {
  return !!(navigator.storage && navigator.storage.persist && await navigator.storage.persist());
}
"#)]
extern "C" {
    fn register_worker(url: &str, on_update: &Closure<dyn Fn()>);
    fn activate_new_version();
    #[wasm_bindgen(js_name = served_by_worker)]
    fn served_by_worker_js() -> bool;
    async fn storage_estimate() -> JsValue;
    async fn request_persistence() -> JsValue;
    /// Whether this browser can keep an offline copy of the app (it has service workers:
    /// not in some private windows, nor where they are turned off).
    #[wasm_bindgen(js_name = worker_supported)]
    pub fn offline_supported() -> bool;
    /// Whether this browser can be asked to keep the data for good.
    #[wasm_bindgen(js_name = persistence_supported)]
    pub fn can_ask_to_persist() -> bool;
}

/// Registers the service worker; `on_update` is called when a new version of the site
/// is installed and waiting.
pub fn start(on_update: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(on_update);
    register_worker(&crate::platform::site_url("sw.js"), &callback);
    callback.forget();
}

/// Switches to the waiting new version and reloads the page.
pub fn update_now() {
    activate_new_version();
}

/// What the browser says about this site's storage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Storage {
    /// The browser promised not to evict the data under storage pressure.
    pub persisted: bool,
    pub usage_bytes: f64,
    pub quota_bytes: f64,
}

pub async fn storage() -> Option<Storage> {
    let v = storage_estimate().await;
    let a: js_sys::Array = v.dyn_into().ok()?;
    Some(Storage { persisted: a.get(0).is_truthy(), usage_bytes: a.get(1).as_f64()?, quota_bytes: a.get(2).as_f64()? })
}

/// Asks the browser to keep the data even under storage pressure; whether it agreed.
pub async fn persist() -> bool {
    request_persistence().await.is_truthy()
}

/// Whether this page's files come from the service worker's cache: fetching one costs
/// no download then.
pub fn served_by_worker() -> bool {
    served_by_worker_js()
}
