//! Thin wrappers over browser APIs. Nothing here survives the tab: only `sessionStorage` is
//! used — never cookies or IndexedDB, and `localStorage` for one thing alone: the mark "this
//! device has been here", kept only when the person ticks it in the settings (off by
//! default) and removed by the quick exit.

use ibasho_protocol::ChatMessage;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// sessionStorage keys.
pub const SESSION_KEY: &str = "ibasho.session";
pub const LANG_KEY: &str = "ibasho.lang";
pub const FURIGANA_KEY: &str = "ibasho.furigana";
pub const SIZE_KEY: &str = "ibasho.size";
pub const NEUTRAL_KEY: &str = "ibasho.neutral";
pub const THEME_KEY: &str = "ibasho.theme";

/// Where the quick exit goes when the operator set nothing.
const DEFAULT_EXIT_URL: &str = "https://www.google.com/search?q=%E5%A4%A9%E6%B0%97";

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn session_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Empties this tab's sessionStorage for the site.
pub fn session_clear() {
    if let Some(storage) = storage() {
        let _ = storage.clear();
    }
}

/// The one `localStorage` key: the person chose to keep a mark that this device was here.
const VISITED_KEY: &str = "ibasho.visited";

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The visited mark, if the person chose to keep one.
pub fn local_mark() -> Option<String> {
    local()?.get_item(VISITED_KEY).ok().flatten()
}

/// Keeps (or takes away) the visited mark.
pub fn set_local_mark(on: bool) {
    if let Some(storage) = local() {
        let _ = if on {
            storage.set_item(VISITED_KEY, "1")
        } else {
            storage.remove_item(VISITED_KEY)
        };
    }
}

/// Whether this device's storage for the site was empty when the page opened: the only way
/// the server learns of a first visit (and only once, in `hello`). Never kept.
pub fn first_visit_at_start() -> bool {
    local_mark().is_none() && session_get(SESSION_KEY).is_none() && session_get(LANG_KEY).is_none()
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A number in 0.0..1.0.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// A fresh `client_id` for a message: unique within the session is all it needs to be.
pub fn new_client_id() -> String {
    format!(
        "{:x}-{:x}",
        now_ms() as u64,
        (random() * f64::from(u32::MAX)) as u64
    )
}

/// `ws://` or `wss://` to this page's host.
pub fn websocket_url() -> String {
    let location = window().location();
    let scheme = match location.protocol().as_deref() {
        Ok("https:") => "wss",
        _ => "ws",
    };
    let host = location.host().unwrap_or_default();
    format!("{scheme}://{host}/ws")
}

/// The neutral site the quick exit goes to, as the operator configured it in the page.
pub fn exit_url() -> String {
    meta_content("ibasho-exit-url").unwrap_or_else(|| DEFAULT_EXIT_URL.to_owned())
}

/// Waits `ms` milliseconds (before the app's own executor runs).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// What the page's `<meta name=NAME>` says, if it says something (and was filled in).
pub fn meta_content(name: &str) -> Option<String> {
    document()
        .query_selector(&format!("meta[name='{name}']"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|content| !content.is_empty() && !content.contains("{{"))
}

/// Leaves for the neutral site without a history entry (`location.replace`).
pub fn replace_location(url: &str) {
    let _ = window().location().replace(url);
}

/// Sets an attribute on `<html>`.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// A performance mark, for measuring time to "joined" in tests.
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// GETs `url` and returns the body text; `None` on any failure.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = JsFuture::from(window().fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

/// GETs `url` with `Authorization: Bearer <token>` and returns the body text; `None` on any
/// failure (a refusal included).
pub async fn fetch_text_with_bearer(url: &str, token: &str) -> Option<String> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().ok()?;
    headers
        .set("Authorization", &format!("Bearer {token}"))
        .ok()?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).ok()?;
    let response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

/// "HH:MM" of a message, in the person's own time zone as the browser knows it (so the
/// bundle carries no time-zone database).
pub fn message_time(message: &ChatMessage) -> String {
    local_time(message.at)
}

/// "M/D HH:MM" of an instant in the browser's own time zone.
pub fn local_day_time(at: jiff::Timestamp) -> String {
    let millis = at.as_millisecond() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    format!(
        "{}/{} {:02}:{:02}",
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The day of an instant in the browser's own time zone: "12/5（土）" or "Sat 12/5".
pub fn local_day(at: jiff::Timestamp, lang: ibasho_protocol::Lang) -> String {
    let millis = at.as_millisecond() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let weekday = date.get_day() as usize % 7;
    crate::countdown::day_label(lang, date.get_month() + 1, date.get_date(), weekday)
}

/// When `at` is in the person's own day, and in how long: "今日 18:00（あと52分）".
pub fn moment_words(at: jiff::Timestamp, lang: ibasho_protocol::Lang) -> String {
    let millis = at.as_millisecond() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let now = js_sys::Date::new_0();
    // Whole local days between today and that day (midnight to midnight, in local time).
    let midnight = |d: &js_sys::Date| {
        js_sys::Date::new_with_year_month_day(
            d.get_full_year(),
            d.get_month() as i32,
            d.get_date() as i32,
        )
        .get_time()
    };
    let days = ((midnight(&date) - midnight(&now)) / 86_400_000.0).round() as i64;
    let moment = crate::countdown::LocalMoment {
        days_from_today: days,
        month: date.get_month() + 1,
        day: date.get_date(),
        weekday: date.get_day() as usize % 7,
        hour: date.get_hours(),
        minute: date.get_minutes(),
    };
    let left = ((millis - now.get_time()) / 1000.0).floor() as i64;
    crate::countdown::moment_words(lang, moment, left)
}

/// Follows the visual viewport (what is left of the screen when the on-screen keyboard is
/// up, or when zoomed): `--app-height` and `--app-top` on `<html>`, which the room's layout
/// fits itself into, and a call back so that a conversation at its end stays at its end.
pub fn follow_visual_viewport(changed: impl Fn() + 'static) {
    let Some(viewport) = window().visual_viewport() else {
        return;
    };
    let apply = {
        let viewport = viewport.clone();
        move || {
            if let Some(root) = document()
                .document_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let style = root.style();
                let _ = style.set_property("--app-height", &format!("{}px", viewport.height()));
                let _ = style.set_property("--app-top", &format!("{}px", viewport.offset_top()));
            }
            changed();
        }
    };
    apply();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(apply);
    let _ = viewport.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
    let _ = viewport.add_event_listener_with_callback("scroll", listener.as_ref().unchecked_ref());
    // For the life of the page.
    listener.forget();
}

/// Whether this browser can read text aloud (its own speech synthesis: nothing leaves the
/// device).
pub fn can_speak() -> bool {
    js_sys::Reflect::has(&window(), &JsValue::from_str("speechSynthesis")).unwrap_or(false)
}

/// Reads `text` aloud with the browser's own voice: a Japanese one when there is one.
pub fn speak(text: &str) {
    let Ok(synthesis) = window().speech_synthesis() else {
        return;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    utterance.set_lang("ja-JP");
    let voices = synthesis.get_voices();
    if let Some(voice) = voices
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .find(|v| v.lang().starts_with("ja"))
    {
        utterance.set_voice(Some(&voice));
    }
    // One voice at a time: a new reading replaces the last.
    synthesis.cancel();
    synthesis.speak(&utterance);
}

/// A system notification, only if the person already allowed this site to show them (it is
/// never asked for: a permission is something the browser would keep).
pub fn notify_if_allowed(title: &str, body: &str) {
    if !has_notifications() {
        return;
    }
    if web_sys::Notification::permission() != web_sys::NotificationPermission::Granted {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    if let Ok(notification) = web_sys::Notification::new_with_options(title, &options) {
        NOTIFICATIONS.with(|shown| shown.borrow_mut().push(notification));
    }
}

/// Whether this browser has system notifications.
fn has_notifications() -> bool {
    js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).unwrap_or(false)
}

/// Asks the browser to allow this site's notifications (only ever from a click: a staff
/// member turning them on). True unless they cannot be had: the answer comes later, and
/// each notification is shown only if it was yes.
pub fn ask_notifications() -> bool {
    if !has_notifications() {
        return false;
    }
    match web_sys::Notification::permission() {
        // Refused before: the browser asks no more.
        web_sys::NotificationPermission::Denied => false,
        web_sys::NotificationPermission::Granted => true,
        _ => {
            let _ = web_sys::Notification::request_permission();
            true
        }
    }
}

thread_local! {
    /// The notifications this page showed, to take back on the quick exit.
    static NOTIFICATIONS: std::cell::RefCell<Vec<web_sys::Notification>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Takes back every notification this page showed (the quick exit: nothing of the visit
/// stays on the screen).
pub fn close_notifications() {
    NOTIFICATIONS.with(|shown| {
        for notification in shown.borrow_mut().drain(..) {
            notification.close();
        }
    });
}

/// The element that has the keyboard focus now (to give it back when a sheet or dialog
/// that takes it closes).
pub fn focused() -> Option<web_sys::HtmlElement> {
    document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Gives the focus back to `element`, if it is still on the page.
pub fn refocus(element: Option<web_sys::HtmlElement>) {
    if let Some(element) = element.filter(|e| e.is_connected()) {
        let _ = element.focus();
    }
}

/// The element with `id`, as an `HtmlElement`.
pub fn element(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Puts the cursor in the message box (the person chose to write).
pub fn focus_composer() {
    request_animation_frame(|| {
        if let Some(composer) = element("composer") {
            let _ = composer.focus();
        }
    });
}

/// "HH:MM" of an instant in the browser's own time zone.
pub fn local_time(at: jiff::Timestamp) -> String {
    let millis = at.as_millisecond() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Whether this page load is a reload (not a new visit, nor a closed tab reopened).
pub fn navigation_was_reload() -> bool {
    let Some(performance) = window().performance() else {
        return false;
    };
    let entries = performance.get_entries_by_type("navigation");
    let first = entries.get(0);
    js_sys::Reflect::get(&first, &JsValue::from_str("type"))
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == "reload")
}
