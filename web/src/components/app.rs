//! The site's root and the widget page.
//!
//! [`App`] reads whether the document is the embed page and the URL fragment
//! ([`crate::route`]), and remounts the page whenever the fragment changes (a fresh model per
//! route: lessons and links never leak into each other). [`Widget`] is the playground itself:
//! it owns the model (a `use_reducer` over [`Store`]) built from the route (the saved
//! session, a lesson's preset, or a shared link's state), saves it where the route says
//! (never on the embed page), runs the play clock and the keyboard shortcuts, keeps
//! `<html lang>` in step with the language, and lays out the time controls and the panels.
//! On the embed page it has minimal chrome and answers the `postMessage` API
//! ([`crate::embed`]).

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::clock::{
    use_after_frame, use_clock, use_drop_later, use_next_slice, use_save_soon, use_warm_up,
};
use crate::components::calls::CallsGrid;
use crate::components::compare::Compare;
use crate::components::console::Console;
use crate::components::controls::ControlsBar;
use crate::components::editor::{Editor, Export};
use crate::components::help::Help;
use crate::components::kafka::KafkaPanels;
use crate::components::lang_switch::LangSwitch;
use crate::components::lesson::{LessonIndex, LessonPanel, LessonRoute, NotFound};
use crate::components::mirror::Mirror;
use crate::components::panel::Panel;
use crate::components::state_panel::StatePanel;
use crate::components::stats::Stats;
use crate::components::terminal::Terminal;
use crate::components::time_controls::TimeControls;
use crate::components::timeline::Timeline;
use crate::embed::use_embed_api;
use crate::i18n::Lang;
use crate::keys::use_shortcuts;
use crate::link::{self, LinkError};
use crate::model::{lesson_session, Action, Model, Notice, Session, Store};
use crate::on_screen::use_off_screen;
use crate::route::{self, Fragment, Route};
use crate::storage;

/// The site: the page the fragment names, remounted when it changes.
#[component]
pub fn App() -> Html {
    let fragment = use_state(route::current_fragment);
    let embed = *use_memo((), |_| route::is_embed());
    {
        let fragment = fragment.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || {
                fragment.set(route::current_fragment());
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }
    let key = (*fragment).clone();
    let f: AttrValue = key.clone().into();
    html! { <Page {key} fragment={f} {embed} /> }
}

/// Props of [`Page`] and [`Widget`].
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The URL fragment, `#` included.
    pub fragment: AttrValue,
    /// Whether this is the embed page.
    #[prop_or_default]
    pub embed: bool,
}

/// The language for a page without a session of its own: the link's, then the saved
/// choice (not on the embed page), then the browser's, then Chinese.
pub fn page_lang(frag: &Fragment, embed: bool) -> Lang {
    frag.lang
        .or_else(|| (!embed).then(storage::saved_lang).flatten())
        .or_else(route::browser_lang)
        .unwrap_or_default()
}

/// One page of the site, chosen by the fragment.
#[component]
pub fn Page(props: &PageProps) -> Html {
    let frag = route::parse(&props.fragment);
    let lang = page_lang(&frag, props.embed);
    use_effect_with(lang, |lang| set_document_lang(*lang));
    match &frag.route {
        Route::Lessons => html! { <LessonIndex {lang} /> },
        // A lesson's words are fetched (lesson_data) before its widget builds its model.
        Route::Lesson(id) => html! {
            <LessonRoute id={id.clone()} fragment={props.fragment.clone()} embed={props.embed} {lang} />
        },
        Route::State(payload) => match link::decode(payload).ok().and_then(|s| s.lesson) {
            Some(id) => html! {
                <LessonRoute {id} fragment={props.fragment.clone()} embed={props.embed} {lang} link=true />
            },
            None => html! { <Widget fragment={props.fragment.clone()} embed={props.embed} /> },
        },
        Route::NotFound => html! { <NotFound {lang} /> },
        _ => html! { <Widget fragment={props.fragment.clone()} embed={props.embed} /> },
    }
}

/// The `localStorage` key a route's session is saved under (`None`: never saved, as on the
/// embed page and for shared links).
pub fn save_key(frag: &Fragment, embed: bool) -> Option<String> {
    match &frag.route {
        _ if embed => None,
        Route::State(_) => None,
        Route::Lesson(id) => Some(storage::lesson_key(id)),
        _ => Some(storage::KEY.to_string()),
    }
}

/// The model a route starts from, and the `localStorage` key its session is saved under
/// ([`save_key`]). A saved session whose last run never finished is loaded halted
/// (`storage::Running`).
pub fn initial(frag: &Fragment, embed: bool) -> (Model, Option<String>) {
    let lang = page_lang(frag, embed);
    let key = save_key(frag, embed);
    storage::work_for(key.as_deref());
    let start = |session: Session, notice: Option<Notice>, saved: bool| match &key {
        Some(k) if saved && storage::was_running(k) => Model::halted(session),
        _ => Model::new(session, notice),
    };
    let model = match &frag.route {
        Route::State(payload) => match link::decode(payload) {
            Ok(shared) => Model::from_shared(shared),
            Err(e) => {
                let session = Session {
                    lang,
                    ..Session::default()
                };
                Model::new(session, Some(Notice::Link(e)))
            }
        },
        Route::Lesson(id) => {
            let saved = key.as_deref().and_then(storage::load_key);
            let (mut session, notice, from_save) = match saved {
                Some(Ok(s)) => (s, None, true),
                Some(Err(n)) => (lesson_session(id, lang), Some(n), false),
                None => (lesson_session(id, lang), None, false),
            };
            session.lang = lang;
            let mut m = start(session, notice, from_save);
            m.lesson = Some(id.clone());
            m
        }
        _ => {
            let loaded = key.as_deref().and_then(storage::load_key);
            let (mut session, notice, from_save) = match loaded {
                None => (Session::default(), None, false),
                Some(Ok(s)) => (s, None, true),
                Some(Err(n)) => (Session::default(), Some(n), false),
            };
            session.lang = frag
                .lang
                .or_else(|| (!embed).then(storage::saved_lang).flatten())
                .or(from_save.then_some(session.lang))
                .or_else(route::browser_lang)
                .unwrap_or_default();
            start(session, notice, from_save)
        }
    };
    (model, key)
}

/// The URL of the full playground showing `payload`.
fn share_url(payload: &str, embed: bool) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let mut base = href.split('#').next().unwrap_or_default().to_string();
    if embed {
        // embed.html -> index.html beside it.
        base.truncate(base.split('?').next().unwrap_or_default().len());
        base.truncate(base.rfind('/').map_or(0, |i| i + 1));
        base.push_str("index.html");
    }
    base.push('#');
    base.push_str(link::PREFIX);
    base.push_str(payload);
    base
}

/// The playground: time controls and panels over one model.
#[component]
pub fn Widget(props: &PageProps) -> Html {
    let embed = props.embed;
    let frag = Rc::new(route::parse(&props.fragment));
    let key = use_state({
        let frag = frag.clone();
        move || save_key(&frag, embed)
    });
    let store = use_reducer({
        let frag = frag.clone();
        move || Store(Rc::new(initial(&frag, embed).0))
    });
    let model: Rc<Model> = store.0.clone();
    // One callback for the widget's life, so a panel whose own inputs did not change gets
    // equal props and is not drawn again.
    let dispatch: Callback<Action> = (*use_memo((), {
        let d = store.dispatcher();
        move |_| Callback::from(move |a: Action| d.dispatch(a))
    }))
    .clone();
    {
        // Saved on every change, except the benchmark's own sessions: the whole session when
        // anything but the cursor changed, else the cursor alone (every step and frame of play).
        // The session's save waits a moment (`use_save_soon`), off the frame that shows the
        // change; the cursor's, a few bytes, is written at once.
        let benching = model.bench.as_ref().is_some_and(|b| !b.done);
        let at_zero = Session {
            cursor_ms: 0,
            ..model.session.clone()
        };
        {
            let key = (*key).clone().filter(|_| !benching);
            let session = model.clone();
            use_save_soon((at_zero, benching), move || {
                if let Some(key) = key {
                    storage::save_key(&key, &session.session);
                }
            });
        }
        let key = (*key).clone();
        use_effect_with(
            (model.session.cursor_ms, benching),
            move |(at, benching)| {
                if let (Some(key), false) = (key, *benching) {
                    storage::save_cursor(&key, *at);
                }
            },
        );
    }
    use_effect_with(model.session.lang, |lang| set_document_lang(*lang));
    use_clock(model.playing, dispatch.reform(Action::Tick));
    use_next_slice(model.progress, dispatch.reform(|_| Action::Continue));
    // While an edit's new run is held (behind, or caught up in a slice of its own), the panels
    // that draw the run keep the model they drew last, whose trace they show: equal props, so
    // they are not drawn again until the run's trace is; the program panel follows the edit.
    let drawn = use_mut_ref(|| model.clone());
    let (shown, replaced) = {
        let mut drawn = drawn.borrow_mut();
        let replaced = (model.held_since.is_none() || !drawn.trace.same(&model.trace))
            .then(|| std::mem::replace(&mut *drawn, model.clone()));
        (drawn.clone(), replaced)
    };
    // An edit's new run is drawn first where the learner looks: the panels out of view keep
    // the run they showed (`late`, `aria-busy`) until a task after the browser has drawn the
    // others, and are drawn at once when one comes into view.
    let main_ref = use_node_ref();
    let force = use_force_update();
    let late = use_mut_ref(|| None::<Rc<Model>>);
    let off = use_off_screen(main_ref.clone(), embed, {
        let (force, late) = (force.clone(), late.clone());
        Callback::from(move |_| {
            if late.borrow().is_some() {
                force.force_update();
            }
        })
    });
    if let Some(old) = &replaced {
        let mut late = late.borrow_mut();
        let benching = model.bench.as_ref().is_some_and(|b| !b.done);
        if late.is_none()
            && off.any()
            && !benching
            && !old.same_run(&shown)
            && !old.trace.batches.is_empty()
        {
            *late = Some(old.clone());
        }
    }
    let late_model = late.borrow().clone();
    use_after_frame(
        late_model.is_some(),
        Callback::from(move |_| {
            late.borrow_mut().take();
            force.force_update();
        }),
    );
    use_drop_later((model.clone(), replaced));
    // Not in debug builds (browser tests, `trunk serve`): their unoptimised engine would keep
    // the page busy for seconds, for no gain.
    use_warm_up(
        if cfg!(debug_assertions) { 0 } else { 4 },
        crate::model::warm_up,
    );
    use_shortcuts(dispatch.clone(), model.help);
    use_embed_api(embed, frag.parent.clone(), model.clone(), dispatch.clone());
    {
        // The benchmark's redraw is measured here, after the render it asked for.
        let dispatch = dispatch.clone();
        use_effect_with(model.bench.clone(), move |bench| {
            if let Some(b) = bench {
                if !b.done {
                    dispatch.emit(Action::BenchDrawn(js_sys::Date::now()));
                }
            }
        });
    }
    let share = use_state(|| None::<Result<String, LinkError>>);

    let lang = model.session.lang;
    let s = lang.strings();
    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |l: Lang| {
            if !embed {
                storage::save_lang(l);
            }
            dispatch.emit(Action::SetLang(l));
        })
    };
    let on_copy = {
        let share = share.clone();
        let model = model.clone();
        Callback::from(move |_: MouseEvent| {
            let url = link::encode(&model.shared()).map(|p| share_url(&p, embed));
            if let (Ok(url), Some(w)) = (&url, web_sys::window()) {
                // The clipboard may be refused (permissions, focus); the link is shown anyway,
                // and the refusal is caught rather than left as an unhandled rejection.
                // (A few bytes kept per click: the promise may settle any time later.)
                let ignore = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
                let _ = w.navigator().clipboard().write_text(url).catch(&ignore);
                ignore.forget();
            }
            share.set(Some(url));
        })
    };
    let on_open_full = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Ok(p), Some(w)) = (link::encode(&model.shared()), web_sys::window()) {
                let _ = w.open_with_url_and_target(&share_url(&p, true), "_blank");
            }
        })
    };
    let notice = model.notice.map(|n| {
        let text = match n {
            Notice::CorruptSave => s.notice_corrupt,
            Notice::Link(LinkError::Damaged) => s.notice_link_damaged,
            Notice::Link(LinkError::TooLarge) => s.notice_link_too_large,
            Notice::Link(LinkError::FutureVersion(_)) => s.notice_link_future,
            Notice::Stopped => s.notice_stopped,
        };
        html! {
            <div class="notice" role="alert">
                <span>{ text }</span>
                <button type="button" onclick={dispatch.reform(|_| Action::DismissNotice)}>{ s.dismiss }</button>
            </div>
        }
    });
    let shared_view = (*share).as_ref().map(|r| match r {
        Ok(url) => html! {
            <div class="share">
                <label>
                    <span>{ s.link_label }</span>
                    <input class="share-link" type="text" readonly=true value={url.clone()} />
                </label>
                <span role="status">{ s.link_copied }</span>
            </div>
        },
        Err(_) => {
            html! { <div class="share"><span role="status">{ s.link_too_large }</span></div> }
        }
    });
    let lesson = model.lesson_def();
    // The model a panel draws, and whether it shows an older run than the model's.
    let held = model.held_since.is_some();
    let given = |area: &str| -> (Rc<Model>, bool) {
        match &late_model {
            _ if area == "program" => (model.clone(), false),
            Some(late) if off.has(area) => (late.clone(), true),
            _ => (shown.clone(), held),
        }
    };
    let view = |area: &'static str, m: Rc<Model>| -> Html {
        let d = dispatch.clone();
        match area {
            "program" => {
                html! { <><ControlsBar model={m.clone()} dispatch={d.clone()} /><Editor model={m.clone()} dispatch={d.clone()} /><Export model={m} dispatch={d} /></> }
            }
            "terminal" => html! {
                <><Terminal model={m.clone()} dispatch={d.clone()} /><KafkaPanels model={m} dispatch={d} /></>
            },
            "timeline" => html! { <Timeline model={m} dispatch={d} /> },
            "calls" => html! { <CallsGrid model={m} dispatch={d} /> },
            "console" => html! { <Console model={m} dispatch={d} /> },
            "state" => html! { <StatePanel model={m} dispatch={d} /> },
            "mirror" => html! { <Mirror model={m} dispatch={d} /> },
            "compare" => html! { <Compare model={m} dispatch={d} /> },
            _ => html! { <Stats model={m} dispatch={d} /> },
        }
    };
    let lesson_panel = lesson.clone().map(|l| {
        html! { <LessonPanel lesson={l} model={model.clone()} dispatch={dispatch.clone()} {embed} /> }
    });
    let title = lesson.as_ref().map_or(s.title.to_string(), |l| {
        crate::lesson_data::text(&l.title, lang).to_string()
    });
    // The embed page: minimal chrome (no subtitle, links, restore or the benchmark panels).
    let panels: &[(&'static str, &'static crate::i18n::PanelText)] = if embed {
        &[
            ("program", &s.program),
            ("terminal", &s.terminal),
            ("timeline", &s.timeline),
            ("calls", &s.calls),
            ("console", &s.console),
            ("mirror", &s.mirror),
        ]
    } else {
        &[
            ("program", &s.program),
            ("terminal", &s.terminal),
            ("timeline", &s.timeline),
            ("calls", &s.calls),
            ("console", &s.console),
            ("mirror", &s.mirror),
            ("state", &s.state),
            ("stats", &s.stats),
            ("compare", &s.compare),
        ]
    };
    let panels = panels.iter().map(|(area, text)| {
        let (m, busy) = given(area);
        html! { <Panel area={*area} text={*text} {busy}>{ view(area, m) }</Panel> }
    });
    html! {
        <div class={classes!("app", embed.then_some("embed"))}>
            <header class="app-header">
                <div class="app-titles">
                    <h1>{ title }</h1>
                    if lesson.is_none() && !embed {
                        <p class="subtitle">{ s.subtitle }</p>
                    }
                </div>
                <div class="header-tools">
                    if embed {
                        <button type="button" class="open-full" onclick={on_open_full}>{ s.open_full }</button>
                    } else {
                        <nav aria-label={s.site_nav} class="site-nav">
                            if lesson.is_some() {
                                <a href="./">{ s.to_playground }</a>
                            }
                            <a href="#lessons">{ s.to_lessons }</a>
                        </nav>
                        <button type="button" class="restore" onclick={dispatch.reform(|_| Action::RestoreDefault)}>{ s.restore_default }</button>
                    }
                    <button type="button" class="copy-link" onclick={on_copy}>{ s.copy_link }</button>
                    <LangSwitch lang={lang} on_change={on_lang} />
                </div>
            </header>
            { for notice }
            { for shared_view }
            <TimeControls model={model.clone()} dispatch={dispatch.clone()} />
            if let Some((done, total)) = behind(model.progress) {
                <div class="computing" role="status">
                    <progress max={total.to_string()} value={done.to_string()}></progress>
                    <span>{ lang.computing(done, total) }</span>
                </div>
            }
            { for lesson_panel }
            <main class="panels" ref={main_ref} aria-busy={(model.progress.is_some() || late_model.is_some()).then_some("true")}>
                { for panels }
            </main>
            if model.help {
                <Help lang={lang} on_close={dispatch.reform(|_| Action::SetHelp(false))} />
            }
        </div>
    }
}

/// The progress to show: batches computed and due while a run is behind the cursor. A run
/// that caught up but waits a task to be drawn (`progress` with all batches done) shows none,
/// so a quick edit neither flashes the status nor has a screen reader announce it; the panels
/// are `aria-busy` until they show the run.
fn behind(progress: Option<(usize, usize)>) -> Option<(usize, usize)> {
    progress.filter(|(done, total)| done < total)
}

/// Sets the `lang` attribute of the document's root element, if there is a document.
fn set_document_lang(lang: Lang) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        // Setting an attribute on <html> cannot fail for a valid name; ignore the Result.
        let _ = root.set_attribute("lang", lang.tag());
    }
}

#[cfg(test)]
mod tests {
    use super::behind;

    #[test]
    fn the_status_shows_only_a_run_that_is_behind() {
        assert_eq!(behind(Some((15, 40))), Some((15, 40)));
        // Caught up, drawn in the next task: busy panels, no status.
        assert_eq!(behind(Some((40, 40))), None);
        assert_eq!(behind(None), None);
    }
}
