//! Small browser helpers: where the site is served from, file downloads.

use wasm_bindgen::JsCast;

/// The path the site is served under (e.g. `/catalogue` on GitHub Pages), read from the
/// `app-base` meta tag the build writes in place of Trunk's `<base href>` (which the
/// page's policy forbids); empty at the domain root.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=app-base]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    base.trim_end_matches('/').to_owned()
}

/// URL of a file published beside the app (e.g. `catalogue.json`).
pub fn site_url(file: &str) -> String {
    format!("{}/{file}", base_path())
}

/// Offers `text` to the user as a downloaded file.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    web_sys::Url::revoke_object_url(&url).ok();
    Ok(())
}

/// Today's date where the reader is.
pub fn today() -> jiff::civil::Date {
    let d = js_sys::Date::new_0();
    jiff::civil::date(d.get_full_year() as i16, (d.get_month() + 1) as i8, d.get_date() as i8)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A small per-browser setting (theme, runbook progress); `None` when storage is blocked.
pub fn local_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

/// The reader's IANA time zone, as the browser reports it.
pub fn reader_time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|z| z.as_string()).unwrap_or_default()
}

/// The wall-clock time now in `time_zone`, computed by the browser's `Intl`, so the app
/// ships no time-zone database. `None` for a zone the browser does not know.
pub fn now_in(time_zone: &str) -> Option<jiff::civil::DateTime> {
    zones().civil(time_zone, now())
}

/// `at` on the reader's clock ("2026-12-02 14:05"), or in UTC when the browser does not
/// say its time zone.
pub fn format_local(at: jiff::Timestamp) -> String {
    match zones().civil(&reader_time_zone(), at) {
        Some(t) => t.strftime("%Y-%m-%d %H:%M").to_string(),
        None => at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// Time-zone rules from the browser's `Intl`, one formatter per zone and one answer per
/// zone and hour kept (offsets change on the hour or half hour at most).
#[derive(Default)]
pub struct IntlZones {
    formats: std::cell::RefCell<std::collections::HashMap<String, Option<js_sys::Intl::DateTimeFormat>>>,
    /// Per zone: the offset at the start of each hour asked, and whether each day asked
    /// has one offset all day (`Some`) or not (`None`).
    offsets: std::cell::RefCell<std::collections::HashMap<String, std::collections::HashMap<i64, Option<i32>>>>,
    days: std::cell::RefCell<std::collections::HashMap<String, std::collections::HashMap<i64, Option<Option<i32>>>>>,
}

impl IntlZones {
    fn format(&self, zone: &str) -> Option<js_sys::Intl::DateTimeFormat> {
        self.formats
            .borrow_mut()
            .entry(zone.to_owned())
            .or_insert_with(|| {
                let options = js_sys::Object::new();
                for (k, v) in [
                    ("timeZone", zone),
                    ("hourCycle", "h23"),
                    ("year", "numeric"),
                    ("month", "numeric"),
                    ("day", "numeric"),
                    ("hour", "numeric"),
                    ("minute", "numeric"),
                    ("second", "numeric"),
                ] {
                    js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
                }
                let locales = js_sys::Array::of1(&"en-US".into());
                // An unknown zone makes the constructor throw; catch it instead of aborting.
                let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
                let constructor: js_sys::Function =
                    js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
                let format = js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&locales, &options)).ok()?;
                Some(format.unchecked_into())
            })
            .clone()
    }

    /// The wall-clock time in `zone` at `at`.
    pub fn civil(&self, zone: &str, at: jiff::Timestamp) -> Option<jiff::civil::DateTime> {
        let format = self.format(zone)?;
        let parts = format.format_to_parts(&js_sys::Date::new(&(at.as_millisecond() as f64).into()));
        let get = |name: &str| -> Option<i64> {
            parts.iter().find_map(|p| {
                let ty = js_sys::Reflect::get(&p, &"type".into()).ok()?.as_string()?;
                (ty == name).then(|| js_sys::Reflect::get(&p, &"value".into()).ok()?.as_string()?.parse().ok())?
            })
        };
        let (y, mo, d, h, mi, s) =
            (get("year")?, get("month")?, get("day")?, get("hour")?, get("minute")?, get("second")?);
        jiff::civil::DateTime::new(y as i16, mo as i8, d as i8, h as i8, mi as i8, s as i8, 0).ok()
    }
}

impl IntlZones {
    /// The offset of `zone` at the start of `hour` (hours since the epoch), asked of `Intl` once.
    fn hourly(&self, zone: &str, hour: i64) -> Option<i32> {
        if let Some(known) = self.offsets.borrow().get(zone).and_then(|z| z.get(&hour)) {
            return *known;
        }
        let start = jiff::Timestamp::from_second(hour * 3600).ok()?;
        let offset = self.civil(zone, start).map(|local| {
            let utc = jiff::tz::Offset::UTC.to_datetime(start);
            (utc.duration_until(local).as_secs()) as i32
        });
        self.offsets.borrow_mut().entry(zone.to_owned()).or_default().insert(hour, offset);
        offset
    }
}

impl catalogue_core::feasibility::ZoneRules for IntlZones {
    /// A day whose offset is the same at its start and at the next day's (UTC) has it all
    /// day (zones change offset at most once a day, and by the hour or half hour): asked
    /// twice per day instead of every hour, which counts when thousands of incidents are.
    fn offset_seconds(&self, zone: &str, at: jiff::Timestamp) -> Option<i32> {
        let hour = at.as_second().div_euclid(3600);
        let day = hour.div_euclid(24);
        let uniform = self.days.borrow().get(zone).and_then(|z| z.get(&day)).copied();
        let uniform = match uniform {
            Some(known) => known,
            None => {
                let (start, end) = (self.hourly(zone, day * 24), self.hourly(zone, day * 24 + 24));
                let known = (start == end).then_some(start);
                self.days.borrow_mut().entry(zone.to_owned()).or_default().insert(day, known);
                known
            }
        };
        uniform.unwrap_or_else(|| self.hourly(zone, hour))
    }
}

/// Zone rules shared by every page, so what `Intl` answered is asked once per visit.
pub fn zones() -> &'static IntlZones {
    thread_local!(static ZONES: &'static IntlZones = Box::leak(Box::default()));
    ZONES.with(|z| *z)
}

/// Lets the browser handle input and paint before the next piece of long work.
pub async fn yield_to_browser() {
    sleep(std::time::Duration::ZERO).await;
}

/// Waits (a timer: other work goes on meanwhile).
pub async fn sleep(time: std::time::Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, time.as_millis() as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Records a `performance.mark` now (what tests and benchmarks wait for).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Waits until the next frame is painted, so that what was just put on screen shows
/// before what comes next is started; or at most a moment, since a page in a background
/// tab gets no frames.
pub async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        // Animation frames run before the frame's paint; a timer set then runs after it.
        on_animation_frame(move || {
            let _ =
                web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Records a `performance.mark` once the next frame is painted (what benchmarks read).
pub fn mark_next_frame(name: &'static str) {
    on_animation_frame(move || mark(name));
}

/// Runs `f` before the next frame is painted. Plain web-sys rather than Leptos's helper:
/// the first screen uses it before Leptos's code has arrived.
fn on_animation_frame(f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = web_sys::window().expect("window").request_animation_frame(f.unchecked_ref());
}

/// Now, from the browser's clock (jiff's own clock needs a feature that pulls in more JS).
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(js_sys::Date::now() as i64).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

thread_local! {
    /// The channel tabs of this site tell each other about saved changes on.
    static CHANGES: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new("catalogue-changes").ok();
}

/// Tells the other tabs that the stored catalogue changed.
pub fn broadcast_change() {
    CHANGES.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&"changed".into());
        }
    });
}

/// Calls `f` whenever another tab saved a change (for the life of the page).
pub fn on_broadcast_change(f: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    CHANGES.with(|c| {
        if let Some(c) = c {
            let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| f());
            c.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            handler.forget();
        }
    });
}

/// Asks before leaving while `dirty()` says there are unsaved changes: closing or
/// reloading the page (the browser's own prompt) and following a link inside the app (a
/// confirmation; the draft is kept either way). Both listeners go when the guard is dropped.
pub fn warn_before_unload(dirty: impl Fn() -> bool + 'static) -> impl Drop {
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    struct Guard(Vec<(&'static str, bool, Closure<dyn Fn(web_sys::Event)>)>);
    impl Drop for Guard {
        fn drop(&mut self) {
            let Some(w) = web_sys::window() else { return };
            for (event, capture, handler) in self.0.drain(..) {
                let _ =
                    w.remove_event_listener_with_callback_and_bool(event, handler.as_ref().unchecked_ref(), capture);
            }
        }
    }
    let dirty = Rc::new(dirty);
    let on_unload = {
        let dirty = dirty.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            if dirty() {
                e.prevent_default();
                if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    e.set_return_value("You have unsaved changes.");
                }
            }
        })
    };
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        if link.get_attribute("href").is_some_and(|h| h.starts_with('#')) || !dirty() {
            return;
        }
        let leave = web_sys::window()
            .and_then(|w| w.confirm_with_message("You have unsaved changes. Leave this form? Your draft is kept in this browser and restored when you come back.").ok())
            .unwrap_or(true);
        if !leave {
            e.prevent_default();
            e.stop_immediate_propagation();
        }
    });
    let mut guard = Guard(Vec::new());
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback_and_bool("beforeunload", on_unload.as_ref().unchecked_ref(), false);
        let _ = w.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    }
    guard.0.push(("beforeunload", false, on_unload));
    guard.0.push(("click", true, on_click));
    guard
}

/// Removes a per-browser setting.
pub fn local_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Calls `left` when the page is left (`pagehide`), and `back` when it comes back from
/// the browser's back/forward cache; if either says work under way was lost, the page is
/// loaded anew, since what it showed is no longer what is stored.
pub fn on_page_left(left: impl Fn() -> bool + 'static, back: impl Fn() -> bool + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let Some(w) = web_sys::window() else { return };
    let lost = Rc::new(Cell::new(false));
    let hide = Closure::<dyn Fn()>::new({
        let lost = lost.clone();
        move || {
            if left() {
                lost.set(true);
            }
        }
    });
    let show = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let restored = js_sys::Reflect::get(&event, &"persisted".into()).is_ok_and(|p| p.is_truthy());
        if restored && (back() | lost.replace(false)) {
            let _ = web_sys::window().map(|w| w.location().reload());
        }
    });
    let _ = w.add_event_listener_with_callback("pagehide", hide.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("pageshow", show.as_ref().unchecked_ref());
    // For the page's whole life.
    hide.forget();
    show.forget();
}
