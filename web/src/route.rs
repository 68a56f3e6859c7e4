//! Which page the app shows, read from the document and the URL fragment.
//!
//! The site is one Trunk build: `index.html` (the playground, the lesson index and the lesson
//! pages) and `embed.html` (a copy of it made by a post-build hook, with
//! `<body data-mode="embed">`: one widget with minimal chrome, never saving anything). Routes
//! live in the fragment, so they work on any static server under any sub-path:
//!
//! | fragment | page |
//! | --- | --- |
//! | (none) | the playground |
//! | `#s=<payload>` | a shared state ([`crate::link`]), on the playground or its lesson |
//! | `#lessons` | the lesson index |
//! | `#lesson/<id>` | a lesson with its preset |
//! | `#lesson/<unknown>`, any other path with a `/` | the not-found page |
//! | anything else (an in-page anchor) | the playground |
//!
//! Any fragment may end in `?lang=zh` or `?lang=en` (and, for embeds, `&parent=<origin>`, the
//! page allowed to drive the widget); after a state's payload the parameters start with `&`.

use crate::i18n::Lang;

/// A page of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The playground, with the saved session.
    Playground,
    /// A shared state: the link's payload, not yet decoded.
    State(String),
    /// The lesson index.
    Lessons,
    /// A lesson, by slug (which may not exist).
    Lesson(String),
    /// Something else.
    NotFound,
}

/// A parsed fragment: the route and its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// The page.
    pub route: Route,
    /// `?lang=`: the language the link asks for.
    pub lang: Option<Lang>,
    /// `&parent=`: the origin of the page embedding the widget.
    pub parent: Option<String>,
}

impl Lang {
    /// The language a tag names: `zh`, `zh-CN`, `zh-TW` are Chinese, `en*` English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The short code used in links: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// Reads a fragment (with or without the leading `#`).
pub fn parse(fragment: &str) -> Fragment {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    // A state's payload is base64url, so its parameters follow an `&`.
    let sep = if f.starts_with(crate::link::PREFIX) {
        '&'
    } else {
        '?'
    };
    let (path, query) = f.split_once(sep).unwrap_or((f, ""));
    let mut lang = None;
    let mut parent = None;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("lang", v)) => lang = Lang::from_tag(v),
            Some(("parent", v)) => parent = Some(decode_component(v)),
            _ => {}
        }
    }
    let route = if path.is_empty() || path == "/" {
        Route::Playground
    } else if let Some(p) = crate::link::payload_of(path) {
        Route::State(p.to_string())
    } else if path == "lessons" || path == "lessons/" {
        Route::Lessons
    } else if let Some(id) = path.strip_prefix("lesson/") {
        Route::Lesson(id.trim_end_matches('/').to_string())
    } else if path.contains('/') {
        Route::NotFound
    } else {
        // A plain in-page anchor (`#main`) or something a host page added: the playground.
        Route::Playground
    };
    Fragment {
        route,
        lang,
        parent,
    }
}

/// `%XX`-decodes a query value (an origin: ASCII only).
fn decode_component(v: &str) -> String {
    let b = v.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The fragment of a lesson's page.
pub fn lesson_href(id: &str) -> String {
    let mut s = String::from("#lesson/");
    s.push_str(id);
    s
}

/// Whether the document is the embed page (`<body data-mode="embed">`, or a path ending in
/// `embed.html`).
pub fn is_embed() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let by_attr = w
        .document()
        .and_then(|d| d.body())
        .and_then(|b| b.get_attribute("data-mode"))
        .is_some_and(|m| m == "embed");
    by_attr
        || w.location()
            .pathname()
            .is_ok_and(|p| p.ends_with("/embed.html") || p.ends_with("/embed"))
}

/// The current fragment, `#` included (empty when none).
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The browser's preferred language, if it is one of ours.
pub fn browser_lang() -> Option<Lang> {
    web_sys::window()?
        .navigator()
        .language()
        .and_then(|l| Lang::from_tag(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_pages() {
        assert_eq!(parse("").route, Route::Playground);
        assert_eq!(parse("#").route, Route::Playground);
        assert_eq!(parse("#lessons").route, Route::Lessons);
        assert_eq!(
            parse("#lesson/inverse-reduce?lang=zh"),
            Fragment {
                route: Route::Lesson("inverse-reduce".into()),
                lang: Some(Lang::Zh),
                parent: None
            }
        );
        assert_eq!(parse("#s=AbC-_").route, Route::State("AbC-_".into()));
        let f = parse("#s=AbC&parent=http%3A%2F%2Fh%3A1");
        assert_eq!(f.route, Route::State("AbC".into()));
        assert_eq!(f.parent.as_deref(), Some("http://h:1"));
        assert_eq!(parse("#no/such/page").route, Route::NotFound);
        assert_eq!(parse("#main").route, Route::Playground);
        let f = parse("#lesson/x?lang=en&parent=https%3A%2F%2Fa.example");
        assert_eq!(f.lang, Some(Lang::En));
        assert_eq!(f.parent.as_deref(), Some("https://a.example"));
        assert_eq!(decode_component("%4"), "%4");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
