//! The course's words at run time: the lesson index and each lesson's page (texts, preset,
//! steps, the exercises' words), fetched as JSON from `lessons/` beside the page.
//!
//! `dstream lessons --out static/lessons` writes the files from the engine's lesson
//! definitions (`engine/tests/lessons_json.rs` fails when they are stale) and Trunk copies the
//! directory into the site, so the lessons' words are not compiled into the `.wasm`; the
//! engine keeps only the functions that check exercises (`dstream_engine::lessons::answer`,
//! `goal_reached`). URLs are relative: the site runs under any sub-path.
//!
//! A page that needs a lesson waits for [`use_lesson`] before it builds its model; a fetched
//! lesson is kept in a per-page cache ([`get`]) so the model and the panels read it
//! synchronously. Native tests fill the cache with [`insert`].

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

pub use dstream_engine::lessons::page::{LessonEntry, LessonPage, Texts};

use crate::i18n::Lang;

/// The index's URL, relative to the page.
pub const INDEX_URL: &str = "lessons/index.json";

/// A lesson page's URL, relative to the page.
pub fn page_url(id: &str) -> String {
    format!("lessons/{id}.json")
}

/// A text in `lang`.
pub fn text(t: &Texts, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &t.zh,
        Lang::En => &t.en,
    }
}

thread_local! {
    static PAGES: RefCell<BTreeMap<String, Rc<LessonPage>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The lesson `id`, if it has been fetched (or inserted).
pub fn get(id: &str) -> Option<Rc<LessonPage>> {
    PAGES.with(|p| p.borrow().get(id).cloned())
}

/// Keeps a lesson page for [`get`].
pub fn insert(page: LessonPage) -> Rc<LessonPage> {
    let page = Rc::new(page);
    PAGES.with(|p| p.borrow_mut().insert(page.id.clone(), page.clone()));
    page
}

/// What a fetch has given so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    /// Not yet.
    Loading,
    /// The data.
    Ready(Rc<T>),
    /// No such file, or not the JSON expected.
    Failed,
}

/// The body of `url`, when the server answers 2xx.
async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Fetches `url` once per value of `url` and reads it as JSON.
#[hook]
pub fn use_json<T: DeserializeOwned + Clone + PartialEq + 'static>(url: String) -> Load<T> {
    let state = use_state(|| Load::Loading);
    {
        let state = state.clone();
        use_effect_with(url, move |url| {
            if url.is_empty() {
                return;
            }
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let value = fetch_text(&url)
                    .await
                    .and_then(|t| serde_json::from_str::<T>(&t).ok());
                state.set(value.map_or(Load::Failed, |v| Load::Ready(Rc::new(v))));
            });
        });
    }
    (*state).clone()
}

/// Whether `id` names a lesson of the course (the engine knows every lesson's checks), so a
/// link's or route's lesson is validated before anything is fetched for it.
pub fn is_lesson(id: &str) -> bool {
    dstream_engine::lessons::CHECKS
        .iter()
        .any(|c| c.lesson == id)
}

/// The lesson `id`: from the cache, or fetched (then cached); an unknown id fails at once.
#[hook]
pub fn use_lesson(id: String) -> Load<LessonPage> {
    let cached = get(&id);
    let known = is_lesson(&id);
    let url = if cached.is_some() || !known {
        String::new()
    } else {
        page_url(&id)
    };
    let fetched = use_json::<LessonPage>(url);
    if let Some(p) = cached {
        return Load::Ready(p);
    }
    if !known {
        return Load::Failed;
    }
    match fetched {
        Load::Ready(p) if p.id == id => {
            PAGES.with(|c| c.borrow_mut().insert(id, p.clone()));
            Load::Ready(p)
        }
        Load::Ready(_) => Load::Failed,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::is_lesson;

    #[test]
    fn only_the_courses_lessons_are_fetched() {
        for l in dstream_engine::lessons::LESSONS {
            assert!(is_lesson(l.id), "{}", l.id);
        }
        for bad in [
            "",
            "index",
            "../index",
            "kafka/../index",
            "<img src=x onerror=alert(1)>",
        ] {
            assert!(!is_lesson(bad), "{bad}");
        }
    }
}
