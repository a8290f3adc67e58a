//! Reaching staff who are not looking (the counselor's and the supervisor's consoles): a
//! request on a desk they serve, or a counselor calling for a supervisor, is read out, sounds
//! once (a short tone made with WebAudio: no sound file), raises a system notification if
//! they turned notifications on, and the number waiting shows in the tab's title — in a tab
//! in the background too. The browser is asked for notifications only when they turn them
//! on (a permission is something the browser keeps), never on its own.

use std::cell::RefCell;

use leptos::prelude::*;

use super::browser;
use super::kit;
use super::state::Ctx;
use super::words::tv;
use crate::i18n::{m, t, tf};

thread_local! {
    /// One audio context for the page, made on a click: a browser lets a page sound later
    /// (in the background too) only once the person did something on it.
    static AUDIO: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
}

/// Makes the audio context ready (called from a click: going on duty, the switches).
pub fn prepare_sound() {
    AUDIO.with_borrow_mut(|audio| {
        if audio.is_none() {
            *audio = web_sys::AudioContext::new().ok();
        }
        if let Some(audio) = audio {
            let _ = audio.resume();
        }
    });
}

/// A short, soft tone (a browser that does not allow sound yet simply stays quiet).
fn tone() {
    // (After a reload nothing was clicked yet: made now, it sounds if the browser lets it.)
    prepare_sound();
    AUDIO.with_borrow(|audio| {
        let Some(audio) = audio else { return };
        let (Ok(oscillator), Ok(gain)) = (audio.create_oscillator(), audio.create_gain()) else {
            return;
        };
        oscillator.frequency().set_value(660.0);
        gain.gain().set_value(0.08);
        let now = audio.current_time();
        let _ = oscillator.connect_with_audio_node(&gain);
        let _ = gain.connect_with_audio_node(&audio.destination());
        let _ = oscillator.start();
        let _ = oscillator.stop_with_when(now + 0.25);
    });
}

/// Something staff should know now (`key`: its sentence, with `args`): read out, a tone
/// unless the sound is off, a system notification if they turned them on.
pub fn raise(ctx: Ctx, key: &str, args: &[(&str, &str)]) {
    let lang = ctx.lang.get_untracked();
    let sentence = tf(lang, key, args);
    if !ctx.alerts_muted.get_untracked() {
        tone();
    }
    if ctx.alerts_notify.get_untracked() {
        // Counts only, never who or what (a notification shows on a locked screen).
        browser::notify_if_allowed(&t(lang, "app-name"), &sentence);
    }
    ctx.announcement.set(sentence);
}

/// Moves the page's clock on every 15 seconds while a console is shown (its waiting times
/// count on between the server's frames).
pub fn tick(ctx: Ctx) {
    ctx.now_ms.set(browser::now_ms());
    let ticker = set_interval_with_handle(
        move || ctx.now_ms.set(browser::now_ms()),
        std::time::Duration::from_secs(15),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = ticker {
            handle.clear();
        }
    });
}

/// The number waiting for this staff member (requests on their desks, or counselors
/// calling), for the tab's title.
pub fn waiting(ctx: Ctx) -> usize {
    ctx.console.with(crate::console::Console::waiting)
        + ctx
            .supervision
            .with(crate::supervision::Supervision::waiting)
}

/// A console's duty line: whether on duty (`say`: its two sentences), the switch (`act`:
/// its two words, `toggle` what it does — the sound is made ready on that click), and the
/// sound and notification switches.
pub fn duty_line(
    ctx: Ctx,
    on_duty: Memo<bool>,
    say: (&'static str, &'static str),
    act: (&'static str, &'static str),
    toggle: Callback<()>,
) -> AnyView {
    let lang = ctx.lang;
    let (muted, notify) = (ctx.alerts_muted, ctx.alerts_notify);
    let ask_notify = Callback::new(move |()| {
        prepare_sound();
        if notify.get_untracked() {
            notify.set(false);
            return;
        }
        let on = browser::ask_notifications();
        notify.set(on);
        if !on {
            ctx.notice
                .set(Some(m(ctx.lang.get_untracked(), "console-notify_refused")));
        }
    });
    let mute = Callback::new(move |()| {
        prepare_sound();
        muted.update(|muted| *muted = !*muted);
    });
    let duty = Callback::new(move |()| {
        prepare_sound();
        toggle.run(());
    });
    view! {
        <p class="duty" data-duty=move || on_duty.get().to_string()>
            {move || tv(lang.get(), if on_duty.get() { say.0 } else { say.1 })}
            " "
            {kit::control(lang, act, "duty", "", (on_duty, false), duty)}
            " "
            {kit::control(lang, ("console-unmute", "console-mute"), "mute", "", (Memo::new(move |_| muted.get()), true), mute)}
            " "
            {kit::control(lang, ("console-notify", "console-notify"), "notify", "", (Memo::new(move |_| notify.get()), true), ask_notify)}
        </p>
    }
    .into_any()
}
