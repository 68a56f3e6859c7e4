//! Saving sessions and the language choice in `localStorage`, and reading them back.
//!
//! The playground's session lives under [`KEY`]; each lesson page keeps its own under
//! [`lesson_key`], so a lesson never overwrites the playground. The embed page saves nothing
//! (two widgets on one page never share state). The learner's language choice is kept
//! apart, under [`LANG_KEY`], for every page.
//!
//! A save that is missing gives the default session quietly; one that cannot be read (corrupt
//! JSON, another format version, values out of range, over [`MAX_SAVED`] bytes) gives the
//! default with [`Notice::CorruptSave`], and is left in place until the next save overwrites
//! it.
//!
//! While the engine works on a saved session (a run, or the freeing of an old one), a mark
//! says so under the session's key ([`Running`]); the work takes it away when it ends. A mark
//! found on loading means the last visit never finished that work: the page died in it (a
//! program that overran the browser's stack, a bug of ours), or was closed. That session is
//! then loaded halted ([`Notice::Stopped`]): its program and lines are all there, and it runs
//! again only when the learner asks, so a program that kills the page cannot do it again on
//! every load and lock the learner out of their own work.

use crate::i18n::Lang;
use crate::model::{Notice, Session};

/// The `localStorage` key of the playground's session.
pub const KEY: &str = "dstream-playground/session";
/// The `localStorage` key of the language the learner chose.
pub const LANG_KEY: &str = "dstream-playground/lang";

/// The `localStorage` key of a lesson page's session.
pub fn lesson_key(id: &str) -> String {
    let mut k = String::from("dstream-playground/lesson/");
    k.push_str(id);
    k
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The most bytes of a save that are read: past it, the save is refused unread (it was not
/// written by the page, whose state a link's 64 KB cap already bounds in practice).
pub const MAX_SAVED: usize = 1 << 20;

/// The session saved under `key`: `None` when there is none, `Some(Err)` when unreadable.
pub fn load_key(key: &str) -> Option<Result<Session, Notice>> {
    let text = storage()?.get_item(key).ok()??;
    if text.len() > MAX_SAVED {
        return Some(Err(Notice::CorruptSave));
    }
    let mut session = Session::from_json(&text).ok_or(Notice::CorruptSave);
    if let (Ok(s), Some(at)) = (&mut session, saved_cursor(key)) {
        s.cursor_ms = at;
    }
    Some(session)
}

/// Where the cursor of the session under `key` is kept apart: time moves on every step and
/// frame of play, and writing a few bytes then costs far less than the whole session.
fn cursor_key(key: &str) -> String {
    let mut k = String::from(key);
    k.push_str("/cursor");
    k
}

/// The cursor saved apart for `key`'s session, if it reads as a time.
fn saved_cursor(key: &str) -> Option<i64> {
    let text = storage()?.get_item(&cursor_key(key)).ok()??;
    text.parse().ok().filter(|at: &i64| *at >= 0)
}

/// Saves the cursor of `key`'s session (the rest is saved when it changes, by [`save_key`]).
pub fn save_cursor(key: &str, cursor_ms: i64) {
    if let Some(s) = storage() {
        let _ = s.set_item(&cursor_key(key), &cursor_ms.to_string());
    }
}

/// The `localStorage` key of the mark [`Running`] leaves for `key`'s session.
fn running_key(key: &str) -> String {
    let mut k = String::from(key);
    k.push_str("/running");
    k
}

thread_local! {
    /// The key of the session the page's engine works for (`None`: not saved, as on the
    /// embed page), and how many [`Running`] marks are open.
    static MARKED: std::cell::RefCell<(Option<String>, u32)> = const { std::cell::RefCell::new((None, 0)) };
}

/// Says that the engine's work from now on is for the session saved under `key`.
pub fn work_for(key: Option<&str>) {
    MARKED.with(|m| m.borrow_mut().0 = key.map(str::to_string));
}

/// Whether the last visit left `key`'s session with its work unfinished.
pub fn was_running(key: &str) -> bool {
    storage().is_some_and(|s| s.get_item(&running_key(key)).ok().flatten().is_some())
}

/// The engine at work for the page's saved session, from its creation to its drop: a mark
/// under the session's key while it lasts (nested ones share the outermost's).
pub struct Running(());

impl Running {
    /// Marks the work as begun.
    pub fn start() -> Running {
        MARKED.with(|m| {
            let mut m = m.borrow_mut();
            m.1 += 1;
            if let (1, Some(key)) = (m.1, &m.0) {
                if let Some(s) = storage() {
                    let _ = s.set_item(&running_key(key), "1");
                }
            }
        });
        Running(())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        MARKED.with(|m| {
            let mut m = m.borrow_mut();
            m.1 = m.1.saturating_sub(1);
            if let (0, Some(key)) = (m.1, &m.0) {
                if let Some(s) = storage() {
                    let _ = s.remove_item(&running_key(key));
                }
            }
        });
    }
}

/// The playground's saved session, or the default (with a notice when a save was there but
/// unreadable).
pub fn load() -> (Session, Option<Notice>) {
    match load_key(KEY) {
        None => (Session::default(), None),
        Some(Ok(session)) => (session, None),
        Some(Err(n)) => (Session::default(), Some(n)),
    }
}

/// Saves a session under `key` but its cursor, which [`save_cursor`] keeps apart (and which
/// may have moved on since); a full or disabled storage is ignored (the page still works).
pub fn save_key(key: &str, session: &Session) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, &session.to_json());
    }
}

/// The language the learner chose last, if any.
pub fn saved_lang() -> Option<Lang> {
    let tag = storage()?.get_item(LANG_KEY).ok()??;
    Lang::from_tag(&tag)
}

/// Remembers the learner's language choice.
pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}
