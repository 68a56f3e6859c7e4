//! The `nc -lk 9999` terminal: what was sent (typed lines and the generator's, stamped with
//! their virtual time), a prompt where Enter sends the line at virtual now, and the repeat
//! generator.
//!
//! Enter does nothing while an IME composition is active (`isComposing`, so Chinese input
//! works); a paste of several lines sends them all; up and down walk the history of typed
//! lines. Lines typed after stepping back wait, dimmed, until virtual time reaches them.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::ViewProps;
use crate::model::{Action, Generator};

/// How many lines the terminal's box holds (`.term-lines` is as many rows high).
const SHOWN: usize = 6;

/// The `nc` terminal panel.
#[component]
pub fn Terminal(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let draft = use_state(String::new);
    // Position in the history while walking it with the arrows; `None` is the draft.
    let hist_pos = use_state(|| None::<usize>);
    let history: Vec<String> = {
        let mut h: Vec<String> = Vec::new();
        for l in &m.session.lines {
            if h.last() != Some(&l.text) {
                h.push(l.text.clone());
            }
        }
        h
    };

    let now = m.session.cursor_ms;
    let sent = m.session.lines_before(now + 1);
    // Lines typed for later (after a step back) take at most half the box, the newest sent
    // lines the rest.
    let mut pending: Vec<_> = m.session.lines.iter().filter(|l| l.at_ms > now).collect();
    pending.truncate(SHOWN / 2);
    let skipped = sent.len().saturating_sub(SHOWN - pending.len());
    let generated = |at: i64, text: &str| {
        !m.session
            .lines
            .iter()
            .any(|l| l.at_ms == at && l.text == text)
    };
    // Each row keyed by its place in the box: a line that comes is a new row at the bottom
    // (unkeyed, Yew matches rows from the end and would add it at the top, moving every row
    // down), and once the box is full every row keeps its place and takes the next text.
    let rows = sent.iter().skip(skipped).enumerate().map(|(i, l)| {
        let gen = generated(l.at_ms, &l.text);
        html! {
            <li key={i} class={classes!("term-line", gen.then_some("generated"))}>
                <span class="stamp">{ lang.sent_at(l.at_ms) }</span>
                <span class="text">{ l.text.clone() }</span>
                if gen { <span class="gen-mark" aria-hidden="true">{ "↻" }</span> }
            </li>
        }
    });
    let empty = (sent.is_empty() && pending.is_empty())
        .then(|| html! { <li key="empty" class="term-empty">{ s.no_lines }</li> });
    let waiting = pending.iter().enumerate().map(|(i, l)| {
        html! {
            <li key={SHOWN + i} class="term-line pending">
                <span class="stamp">{ lang.sent_at(l.at_ms) }</span>
                <span class="text">{ l.text.clone() }</span>
            </li>
        }
    });

    let send = {
        let dispatch = props.dispatch.clone();
        let draft = draft.clone();
        let hist_pos = hist_pos.clone();
        Callback::from(move |text: String| {
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            if !lines.is_empty() {
                dispatch.emit(Action::Send(lines));
            }
            draft.set(String::new());
            hist_pos.set(None);
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };
    let onkeydown = {
        let send = send.clone();
        let draft = draft.clone();
        let hist_pos = hist_pos.clone();
        Callback::from(move |e: KeyboardEvent| {
            // 229: the key event of an IME composition in older browsers.
            if e.is_composing() || e.key_code() == 229 {
                return;
            }
            let input: HtmlInputElement = e.target_unchecked_into();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    send.emit(input.value());
                }
                "ArrowUp" if !history.is_empty() => {
                    e.prevent_default();
                    let pos = hist_pos.map_or(history.len() - 1, |p| p.saturating_sub(1));
                    hist_pos.set(Some(pos));
                    draft.set(history[pos].clone());
                }
                "ArrowDown" => {
                    if let Some(p) = *hist_pos {
                        e.prevent_default();
                        if p + 1 < history.len() {
                            hist_pos.set(Some(p + 1));
                            draft.set(history[p + 1].clone());
                        } else {
                            hist_pos.set(None);
                            draft.set(String::new());
                        }
                    }
                }
                _ => {}
            }
        })
    };
    let onpaste = {
        let send = send.clone();
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<ClipboardEvent>() else {
                return;
            };
            let text = e
                .clipboard_data()
                .and_then(|d| d.get_data("text").ok())
                .unwrap_or_default();
            if text.contains('\n') {
                e.prevent_default();
                let joined = format!("{}{}", *draft, text.trim_end_matches(['\n', '\r']));
                send.emit(joined.replace('\r', ""));
            }
        })
    };
    let onclick_send = {
        let send = send.clone();
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| send.emit((*draft).clone()))
    };

    let g = m.session.generator.clone();
    let gen_set = |f: fn(&mut Generator, &HtmlInputElement)| {
        let dispatch = props.dispatch.clone();
        let g = g.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = g.clone();
            f(&mut next, &input);
            dispatch.emit(Action::SetGenerator(next));
        })
    };
    let on_gen_enabled = gen_set(|g, i| g.enabled = i.checked());
    let on_gen_text = gen_set(|g, i| g.text = i.value());
    let on_gen_every = gen_set(|g, i| {
        if let Ok(v) = i.value().trim().parse::<f64>() {
            if v.is_finite() && v > 0.0 {
                g.every_ms = (v * 1000.0).round() as i64;
            }
        }
    });
    let every = format!("{}", g.every_ms as f64 / 1000.0);

    html! {
        <div class="terminal">
            <div class="term-screen">
                <div class="term-head">{ "$ nc -lk 9999" }</div>
                // A box of SHOWN lines' height whatever it holds (`app.css`), its rows keyed
                // by place: nothing on the page moves while playing.
                <ol class="term-lines" aria-label={s.terminal.title} tabindex="0">
                    { for empty.into_iter().chain(rows).chain(waiting) }
                </ol>
                <div class="term-prompt">
                    <span class="prompt-mark" aria-hidden="true">{ ">" }</span>
                    <input
                        class="term-input"
                        type="text"
                        aria-label={s.send_label}
                        placeholder={s.send_placeholder}
                        autocomplete="off"
                        spellcheck="false"
                        value={(*draft).clone()}
                        {oninput}
                        {onkeydown}
                        {onpaste}
                    />
                    <button type="button" class="send" onclick={onclick_send}>{ s.send }</button>
                </div>
            </div>
            <div class="generator">
                <label class="check">
                    <input type="checkbox" name="generator" checked={g.enabled} onchange={on_gen_enabled} />
                    <span>{ s.generator }</span>
                </label>
                <input type="text" name="generator-text" aria-label={s.generator_text} value={g.text.clone()} onchange={on_gen_text} />
                <label>
                    <span>{ s.every }</span>
                    <input type="number" name="generator-every" min="0.1" step="0.1" value={every} onchange={on_gen_every} />
                    <span>{ s.seconds }</span>
                </label>
                <button type="button" class="clear" onclick={props.dispatch.reform(|_| Action::ClearInput)}>{ s.clear_input }</button>
            </div>
        </div>
    }
}
