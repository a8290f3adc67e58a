//! The app's state: Copy handles to signals, shared through context. Browser objects live in
//! local storage (`StoredValue::new_local`), never in a `Send` signal.

use crate::small::Set;

use ibasho_protocol::{Lang, Role, RoomInfo, StaffLogin, StaffRole};
use leptos::prelude::*;

use super::wire::Wire;
use crate::areas::{Seat, States};
use crate::console::Console;
use crate::conversations::Conversations;
use crate::counsel::Counsel;
use crate::desk::Desk;
use crate::link::Link;
use crate::safety::Safety;
use crate::supervision::Supervision;
use crate::voice::Voice;

/// The sentence for `key` in the page's language, following the setting as it changes.
/// One closure type for every such sentence on the page: each `move || t(…)` written out
/// would be a type of its own, with its own copy of the rendering code in the bundle.
pub fn tr(
    lang: RwSignal<Lang>,
    key: &'static str,
) -> impl Fn() -> AnyView + Copy + Send + Sync + 'static {
    move || super::words::tv(lang.get(), key)
}

/// Follows `key` (a memo of what shapes a view, read when it changes): it is read, not only
/// tracked — a memo nobody reads is never worked out, and so would never change.
pub fn follow<T: Send + Sync + 'static>(key: Memo<T>) {
    key.with(|_| ());
}

/// [`tr`] as plain text, for attributes (`title`, `aria-label`, `placeholder`).
pub fn tra(
    lang: RwSignal<Lang>,
    key: &'static str,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || crate::i18n::t(lang.get(), key)
}

/// Which screen is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Lobby,
    /// Choosing a handle for this room.
    Entry(String),
    /// In this room.
    Room(String),
    /// The week's scheduled sittings.
    Week,
    /// Staff signing in.
    StaffSignIn,
    /// The audit log (administrators).
    Audit,
    /// The usage figures (administrators).
    Figures,
    /// The participants' voice (administrators).
    Voices,
    /// The counselor's console.
    Console,
    /// The supervisor's console.
    Supervision,
}

/// The lobby's room list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomList {
    Loading,
    Loaded(Vec<RoomInfo>),
    Failed,
}

/// The text size setting, applied as `data-text-size` on `<html>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSize {
    Normal,
    Large,
    Larger,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Larger];

    pub fn as_str(self) -> &'static str {
        match self {
            TextSize::Normal => "normal",
            TextSize::Large => "large",
            TextSize::Larger => "larger",
        }
    }

    pub fn parse(text: &str) -> TextSize {
        match text {
            "large" => TextSize::Large,
            "larger" => TextSize::Larger,
            _ => TextSize::Normal,
        }
    }
}

/// The colour theme: the system's (`prefers-color-scheme`), or the person's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(text: &str) -> Theme {
        match text {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

/// A message a menu is open for (one at a time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuTarget {
    pub room: String,
    pub message_id: String,
    pub handle: String,
    pub text: String,
    pub mine: bool,
}

/// What the person is about to do, asked first (one tap to confirm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Staff: take a message down.
    Delete { room: String, message_id: String },
    /// Staff: mute someone for 10 minutes.
    Mute { room: String, handle: String },
    /// Staff: take someone out of the room.
    Remove { room: String, handle: String },
    /// Staff: suggest a counselor to the writer of a message.
    Escalate {
        room: String,
        handle: String,
        message_id: String,
        urgent: bool,
    },
    /// Staff: end the room's sitting now.
    CloseRoom { room: String },
    /// The person: ask for a counselor (from a room, or the lobby).
    AskCounselor { room: Option<String> },
    /// The person: end the conversation with the counselor.
    EndConversation { id: String },
    /// A counselor: end the case with this outcome.
    EndCase {
        id: String,
        outcome: ibasho_protocol::CaseOutcome,
    },
    /// A counselor: give the case to another (the person waits again).
    HandOver { id: String },
    /// Staff: a crisis alert seen to, for every desk.
    DismissAlert {
        room: String,
        message_id: String,
        alert_id: Option<String>,
    },
}

/// What the person asked for on the entry screen, sent with `hello`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wish {
    pub handle: Option<String>,
    pub role: Option<Role>,
    /// A staff sign-in, kept only until `hello` has gone out.
    pub staff: Option<StaffLogin>,
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub text_size: RwSignal<TextSize>,
    pub neutral_title: RwSignal<bool>,
    /// Furigana on standard Japanese (this tab only).
    pub furigana: RwSignal<bool>,
    pub screen: RwSignal<Screen>,
    pub rooms: RwSignal<RoomList>,
    /// The session's handle, once welcomed.
    pub me: RwSignal<Option<String>>,
    /// For a staff session: its role (the facilitator's controls are shown).
    pub staff: RwSignal<Option<StaffRole>>,
    /// The time now (ms since the epoch), moved on by the lobby, for countdowns.
    pub now_ms: RwSignal<f64>,
    /// The room area: the rooms the person is in (or is entering), by id.
    pub conversations: RwSignal<Conversations>,
    pub link: RwSignal<Link>,
    /// A sentence for the person (an error, a change); shown in a status region.
    pub notice: RwSignal<Option<String>>,
    /// The latest message from someone else, for the polite live region.
    pub announcement: RwSignal<String>,
    /// Just listening: no composer until the person chooses to write.
    pub listening: RwSignal<bool>,
    pub wish: RwSignal<Wish>,
    /// Entry words typed for rooms that need one, until the room is joined (then forgotten).
    pub entry_words: StoredValue<crate::small::Map<String, String>>,
    /// What every area sends through (and how a session is kept or ended).
    pub wire: Wire,
    /// Bumped for each new socket; callbacks of an older socket ignore themselves.
    pub socket_generation: StoredValue<u32>,
    /// Performance mark for the first `joined` was set.
    pub joined_marked: StoredValue<bool>,
    /// The facilitator's desk: alerts, reports, who is muted, their escalations (staff).
    pub desk: RwSignal<Desk>,
    /// The person's request to talk with a counselor, and the consent dialog.
    pub counsel: RwSignal<Counsel>,
    /// The counselor's console: duty, the queue, urgent calls, cases.
    pub console: RwSignal<Console>,
    /// The supervisor's console: the overview, calls, the cases observed.
    pub supervision: RwSignal<Supervision>,
    /// Staff alerts: the sound is off (the visual call stays).
    pub alerts_muted: RwSignal<bool>,
    /// Staff alerts: system notifications are on (turned on, and allowed by the browser).
    pub alerts_notify: RwSignal<bool>,
    /// Who this person hides on this device (nothing is sent).
    pub safety: RwSignal<Safety>,
    /// True from a page reload until its session is resumed: the rooms the server restores
    /// are then adopted (the page had forgotten them). At any other time, a room the server
    /// restores that the person is not in (left while offline) is left again.
    pub adopting: StoredValue<bool>,
    pub theme: RwSignal<Theme>,
    /// The message whose menu is open.
    pub menu: RwSignal<Option<MenuTarget>>,
    /// The room whose menu (back, leave, counselor, listen only, settings) is open.
    pub room_menu: RwSignal<Option<String>>,
    /// The display settings are open as a sheet (from the room menu).
    pub settings_open: RwSignal<bool>,
    /// What waits for the person's confirmation.
    pub asking: RwSignal<Option<Ask>>,
    /// The report form is open for this message.
    pub reporting: RwSignal<Option<MenuTarget>>,
    /// A message to bring into view and mark (from the desk): room, message id.
    pub highlight: RwSignal<Option<(String, String)>>,
    /// Closed rooms the person asked to hear about when they open (this tab only).
    pub watching: RwSignal<Set<String>>,
    /// A watched room that opened (told until the person looks).
    pub opened: RwSignal<Option<String>>,
    /// Notified when the visual viewport changes (the on-screen keyboard, zoom).
    pub viewport: Trigger,
    /// The one optional question after a sitting or a case.
    pub voice: RwSignal<Voice>,
    /// This device keeps the mark that it was here (the person ticked it).
    pub visited_mark: RwSignal<bool>,
    /// The tab's storage was empty when the page opened: the first `hello` says so.
    pub first_visit: StoredValue<bool>,
}

impl Ctx {
    pub fn new(lang: Lang, text_size: TextSize, neutral_title: bool, theme: Theme) -> Ctx {
        Ctx {
            lang: RwSignal::new(lang),
            text_size: RwSignal::new(text_size),
            neutral_title: RwSignal::new(neutral_title),
            furigana: RwSignal::new(crate::i18n::furigana()),
            screen: RwSignal::new(Screen::Lobby),
            rooms: RwSignal::new(RoomList::Loading),
            me: RwSignal::new(None),
            staff: RwSignal::new(None),
            now_ms: RwSignal::new(js_sys::Date::now()),
            conversations: RwSignal::new(Conversations::default()),
            link: RwSignal::new(Link::default()),
            notice: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            listening: RwSignal::new(false),
            wish: RwSignal::new(Wish::default()),
            entry_words: StoredValue::new(crate::small::Map::new()),
            wire: Wire::new(),
            socket_generation: StoredValue::new(0),
            joined_marked: StoredValue::new(false),
            adopting: StoredValue::new(false),
            desk: RwSignal::new(Desk::default()),
            safety: RwSignal::new(Safety::default()),
            counsel: RwSignal::new(Counsel::default()),
            console: RwSignal::new(Console::default()),
            supervision: RwSignal::new(Supervision::default()),
            alerts_muted: RwSignal::new(false),
            alerts_notify: RwSignal::new(false),
            theme: RwSignal::new(theme),
            menu: RwSignal::new(None),
            room_menu: RwSignal::new(None),
            settings_open: RwSignal::new(false),
            asking: RwSignal::new(None),
            reporting: RwSignal::new(None),
            highlight: RwSignal::new(None),
            watching: RwSignal::new(Set::new()),
            opened: RwSignal::new(None),
            viewport: Trigger::new(),
            voice: RwSignal::new(Voice::default()),
            visited_mark: RwSignal::new(super::browser::local_mark().is_some()),
            first_visit: StoredValue::new(super::browser::first_visit_at_start()),
        }
    }

    /// Whether `room` is a counselor's 1:1 room (in no list, nothing to moderate there).
    pub fn is_case_room(room: &str) -> bool {
        ibasho_protocol::is_private_room(room)
    }

    /// Whether this tab is a counselor's (the one way this is asked).
    pub fn is_counselor(&self) -> bool {
        self.seat() == Seat::Counselor
    }

    /// Whether this tab is a supervisor's.
    pub fn is_supervisor(&self) -> bool {
        self.seat() == Seat::Supervisor
    }

    /// `read` of case `id` as this tab knows it now: its counselor's card, or (`observing`)
    /// its observer's; the default when there is none.
    pub fn read_case<T: Default>(
        &self,
        id: &str,
        observing: bool,
        read: impl FnOnce(&crate::console::CaseCard) -> T,
    ) -> T {
        let found = if observing {
            self.supervision.with(|s| s.observing.get(id).map(read))
        } else {
            self.console.with(|c| c.cases.get(id).map(read))
        };
        found.unwrap_or_default()
    }

    /// Whose side of a case this tab is on.
    pub fn seat(&self) -> Seat {
        match self.staff.get_untracked() {
            Some(StaffRole::Counselor) => Seat::Counselor,
            Some(StaffRole::Supervisor) => Seat::Supervisor,
            _ => Seat::Person,
        }
    }

    /// Who a room is for, as the latest room list says.
    pub fn room_audience(&self, room: &str) -> Option<ibasho_protocol::Audience> {
        self.rooms.with_untracked(|list| match list {
            RoomList::Loaded(rooms) => rooms.iter().find(|r| r.id == room).map(|r| r.audience),
            _ => None,
        })
    }

    /// When the sitting of a scheduled room that is open now ends.
    pub fn room_closes_at(&self, room: &str) -> Option<jiff::Timestamp> {
        self.rooms.with(|list| match list {
            RoomList::Loaded(rooms) => rooms.iter().find(|r| r.id == room)?.closes_at,
            _ => None,
        })
    }

    /// A programme room's agenda and the segment now, as the latest room list says.
    pub fn room_programme(&self, room: &str) -> Option<ibasho_protocol::Programme> {
        self.rooms.with(|list| match list {
            RoomList::Loaded(rooms) => rooms.iter().find(|r| r.id == room)?.programme.clone(),
            _ => None,
        })
    }

    /// Whether entering `room` needs an entry word (合言葉).
    pub fn needs_entry_word(&self, room: &str) -> bool {
        self.rooms.with_untracked(|list| match list {
            RoomList::Loaded(rooms) => rooms.iter().any(|r| r.id == room && r.entry_word),
            _ => false,
        })
    }

    /// The title of a room in the current language (Japanese when there is no English);
    /// reactive: a view showing it follows the language setting.
    pub fn room_title(&self, room: &str) -> String {
        let lang = self.lang.get();
        // A counselor's 1:1 room is in no list.
        if Ctx::is_case_room(room) {
            return crate::i18n::t(lang, "counsel-room_title");
        }
        self.rooms.with(|list| match list {
            RoomList::Loaded(rooms) => rooms
                .iter()
                .find(|r| r.id == room)
                .map(|r| crate::i18n::localized(lang, &r.title, r.title_en.as_deref()).to_owned())
                .unwrap_or_else(|| room.to_owned()),
            _ => room.to_owned(),
        })
    }
}

/// Each area's state is its own signal: changing one notifies that area's views alone.
impl States for Ctx {
    fn conversations<T>(&self, change: impl FnOnce(&mut Conversations) -> T) -> T {
        changed(self.conversations, change)
    }
    fn counsel<T>(&self, change: impl FnOnce(&mut Counsel) -> T) -> T {
        changed(self.counsel, change)
    }
    fn console<T>(&self, change: impl FnOnce(&mut Console) -> T) -> T {
        changed(self.console, change)
    }
    fn supervision<T>(&self, change: impl FnOnce(&mut Supervision) -> T) -> T {
        changed(self.supervision, change)
    }
    fn desk<T>(&self, change: impl FnOnce(&mut Desk) -> T) -> T {
        changed(self.desk, change)
    }
    fn voice<T>(&self, change: impl FnOnce(&mut Voice) -> T) -> T {
        changed(self.voice, change)
    }
}

fn changed<S: Send + Sync + 'static, T>(
    signal: RwSignal<S>,
    change: impl FnOnce(&mut S) -> T,
) -> T {
    let mut change = Some(change);
    let mut out = None;
    signal.update(|state| out = change.take().map(|change| change(state)));
    out.expect("a live signal")
}
