//! Saving the session in `localStorage` and reading it back.
//!
//! A save that is missing gives the default session quietly; one that cannot be read (corrupt
//! JSON, another format version, values out of range) gives the default with
//! [`Notice::CorruptSave`], and is left in place until the next save overwrites it.

use crate::model::{Notice, Session};

/// The `localStorage` key of the session.
pub const KEY: &str = "dstream-playground/session";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved session, or the default (with a notice when a save was there but unreadable).
pub fn load() -> (Session, Option<Notice>) {
    let Some(text) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return (Session::default(), None);
    };
    match Session::from_json(&text) {
        Some(session) => (session, None),
        None => (Session::default(), Some(Notice::CorruptSave)),
    }
}

/// Saves the session; a full or disabled storage is ignored (the page still works).
pub fn save(session: &Session) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &session.to_json());
    }
}
