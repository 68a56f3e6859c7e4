//! The whole page: the heading and language switch, the time controls, and the panels
//! (Program, `nc` terminal, Timeline, Calls, Console, State, Text mirror, Streaming statistics).
//!
//! It owns the model (a `use_reducer` over [`Store`]), restores the session from
//! `localStorage` on mount and saves it on every change, runs the play clock and the keyboard
//! shortcuts, and keeps `<html lang>` in step with the language switch.

use std::rc::Rc;

use yew::prelude::*;

use crate::clock::use_clock;
use crate::components::calls::CallsGrid;
use crate::components::console::Console;
use crate::components::controls::ControlsBar;
use crate::components::editor::Editor;
use crate::components::help::Help;
use crate::components::lang_switch::LangSwitch;
use crate::components::mirror::Mirror;
use crate::components::panel::Panel;
use crate::components::state_panel::StatePanel;
use crate::components::stats::Stats;
use crate::components::terminal::Terminal;
use crate::components::time_controls::TimeControls;
use crate::components::timeline::Timeline;
use crate::i18n::Lang;
use crate::keys::use_shortcuts;
use crate::model::{Action, Model, Notice, Store};
use crate::storage;

/// The whole playground page.
#[component]
pub fn App() -> Html {
    let store = use_reducer(|| {
        let (session, notice) = storage::load();
        Store(Rc::new(Model::new(session, notice)))
    });
    let model: Rc<Model> = store.0.clone();
    let dispatch: Callback<Action> = {
        let d = store.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    {
        // Saved on every change, except the benchmark's own sessions.
        let benching = model.bench.as_ref().is_some_and(|b| !b.done);
        use_effect_with((model.session.clone(), benching), |(session, benching)| {
            if !benching {
                storage::save(session);
            }
        });
    }
    use_effect_with(model.session.lang, |lang| set_document_lang(*lang));
    use_clock(model.playing, dispatch.reform(Action::Tick));
    use_shortcuts(dispatch.clone(), model.help);
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

    let lang = model.session.lang;
    let s = lang.strings();
    let on_lang = dispatch.reform(Action::SetLang);
    let notice = model.notice.map(|n| {
        let text = match n {
            Notice::CorruptSave => s.notice_corrupt,
        };
        html! {
            <div class="notice" role="status">
                <span>{ text }</span>
                <button type="button" onclick={dispatch.reform(|_| Action::DismissNotice)}>{ s.dismiss }</button>
            </div>
        }
    });
    let view = |area: &'static str| -> Html {
        let m = model.clone();
        let d = dispatch.clone();
        match area {
            "program" => {
                html! { <><ControlsBar model={m.clone()} dispatch={d.clone()} /><Editor model={m} dispatch={d} /></> }
            }
            "terminal" => html! { <Terminal model={m} dispatch={d} /> },
            "timeline" => html! { <Timeline model={m} dispatch={d} /> },
            "calls" => html! { <CallsGrid model={m} dispatch={d} /> },
            "console" => html! { <Console model={m} dispatch={d} /> },
            "state" => html! { <StatePanel model={m} dispatch={d} /> },
            "mirror" => html! { <Mirror model={m} dispatch={d} /> },
            _ => html! { <Stats model={m} dispatch={d} /> },
        }
    };
    html! {
        <div class="app">
            <header class="app-header">
                <div class="app-titles">
                    <h1>{ s.title }</h1>
                    <p class="subtitle">{ s.subtitle }</p>
                </div>
                <div class="header-tools">
                    <button type="button" class="restore" onclick={dispatch.reform(|_| Action::RestoreDefault)}>{ s.restore_default }</button>
                    <LangSwitch lang={lang} on_change={on_lang} />
                </div>
            </header>
            { for notice }
            <TimeControls model={model.clone()} dispatch={dispatch.clone()} />
            <main class="panels">
                <Panel area="program" text={&s.program}>{ view("program") }</Panel>
                <Panel area="terminal" text={&s.terminal}>{ view("terminal") }</Panel>
                <Panel area="timeline" text={&s.timeline}>{ view("timeline") }</Panel>
                <Panel area="calls" text={&s.calls}>{ view("calls") }</Panel>
                <Panel area="console" text={&s.console}>{ view("console") }</Panel>
                <Panel area="mirror" text={&s.mirror}>{ view("mirror") }</Panel>
                <Panel area="state" text={&s.state}>{ view("state") }</Panel>
                <Panel area="stats" text={&s.stats}>{ view("stats") }</Panel>
            </main>
            if model.help {
                <Help lang={lang} on_close={dispatch.reform(|_| Action::SetHelp(false))} />
            }
        </div>
    }
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
