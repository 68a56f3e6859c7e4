//! The program editor: a `<textarea>` over a highlighted copy of its text, with line numbers,
//! the engine's diagnostics underlined in the copy (their message on hover of the gutter mark
//! and in a list under the editor), and the scenario as JSON on request.
//!
//! The textarea grows with its text (one row per line) so it never scrolls on its own; the
//! frame around it scrolls, carrying the gutter and the highlighted copy along.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::ViewProps;
use crate::highlight::{highlight, Range};
use crate::model::Action;

/// The Program panel's editor.
#[component]
pub fn Editor(props: &ViewProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings();
    let show_json = use_state(|| false);
    let program = &m.session.program;
    let diags = m
        .trace
        .error
        .as_ref()
        .map(|e| e.diagnostics.clone())
        .unwrap_or_default();
    let ranges: Vec<Range> = diags
        .iter()
        .map(|d| (d.line, d.col, d.end_line, d.end_col))
        .collect();
    let lines = highlight(program, &ranges);
    let line_count = lines.len();
    let oninput = props.dispatch.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        Action::SetProgram(area.value())
    });
    let gutter = (1..=line_count).map(|n| {
        let here: Vec<&str> = diags
            .iter()
            .filter(|d| d.line as usize == n)
            .map(|d| d.message.as_str())
            .collect();
        if here.is_empty() {
            html! { <span>{ n }</span> }
        } else {
            html! { <span class="gutter-diag" title={here.join("\n")}>{ n }</span> }
        }
    });
    let overlay = lines.iter().map(|runs| {
        let spans = runs.iter().map(|r| {
            let class = if r.diag {
                classes!(r.kind.class(), "diag")
            } else {
                classes!(r.kind.class())
            };
            html! { <span {class}>{ r.text.clone() }</span> }
        });
        html! { <div class="code-line">{ for spans }{ "\u{200b}" }</div> }
    });
    let problems = (!diags.is_empty()).then(|| {
        let items = diags.iter().map(|d| {
            html! {
                <li class={classes!("diagnostic", d.severity.clone())}>
                    <span class="diag-pos">{ format!("{}:{}", d.line, d.col) }</span>
                    { " " }
                    <span class="diag-msg">{ d.message.clone() }</span>
                </li>
            }
        });
        html! {
            <div class="problems">
                <h3>{ s.problems }</h3>
                <ul aria-label={s.problems}>{ for items }</ul>
            </div>
        }
    });
    let json = (*show_json).then(|| {
        let text = serde_json::to_string_pretty(&m.session.scenario()).unwrap_or_default();
        html! {
            <div class="export">
                <p class="note">{ s.export_note }</p>
                <textarea class="export-json" readonly=true rows="8" aria-label={s.export} value={text} />
            </div>
        }
    });
    let toggle_json = {
        let show_json = show_json.clone();
        Callback::from(move |_: MouseEvent| show_json.set(!*show_json))
    };
    html! {
        <div class="editor-wrap">
            <div class="editor">
                <div class="gutter" aria-hidden="true">{ for gutter }</div>
                <div class="code">
                    <div class="code-overlay" aria-hidden="true">{ for overlay }</div>
                    <textarea
                        class="code-input"
                        aria-label={s.editor_label}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        rows={line_count.to_string()}
                        value={program.clone()}
                        {oninput}
                    />
                </div>
            </div>
            { for problems }
            <button type="button" class="link-button" aria-expanded={(*show_json).to_string()} onclick={toggle_json}>{ s.export }</button>
            { for json }
        </div>
    }
}
