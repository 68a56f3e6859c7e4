//! The state panel: for stateful streams (`updateStateByKey`, `mapWithState`, the inverse
//! window's running reduce), the state per key after each of the last batches up to the
//! selected one, one table per stream. On a phone the tables scroll sideways together, their
//! newest column brought into view.

use yew::prelude::*;

use crate::components::TraceProps;
use crate::reveal::{use_reveal, Align};

/// Batches shown as columns.
const COLS: usize = 6;

/// The State panel.
#[component]
pub fn StatePanel(props: &TraceProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings();
    let batches = &m.trace.batches;
    // On a phone the tables scroll sideways: the newest column (the focus) is brought into view.
    let scroll_ref = use_node_ref();
    use_reveal(
        scroll_ref.clone(),
        "thead th:last-child",
        Align::End,
        m.focus().map(|f| f.time_ms),
    );
    let Some(focus) = m.focus() else {
        // Before the first batch, say whether a batch will show state.
        let stateful = m.trace.program.streams.iter().any(|st| st.keeps_state);
        let text = if stateful {
            s.state_waiting
        } else {
            s.state.placeholder
        };
        return html! { <p class="placeholder">{ text }</p> };
    };
    let focus_i = batches
        .iter()
        .position(|b| b.time_ms == focus.time_ms)
        .unwrap_or(0);
    let cols = &batches[(focus_i + 1).saturating_sub(COLS)..=focus_i];
    let mut streams: Vec<&String> = Vec::new();
    for b in cols {
        for name in b.state.keys() {
            if !streams.contains(&name) {
                streams.push(name);
            }
        }
    }
    if streams.is_empty() {
        return html! { <p class="placeholder">{ s.state.placeholder }</p> };
    }
    let tables = streams.into_iter().map(|name| {
        let mut keys: Vec<&str> = Vec::new();
        for b in cols {
            for (k, _) in b.state.get(name).into_iter().flatten() {
                if !keys.contains(&&**k) {
                    keys.push(k);
                }
            }
        }
        dstream_engine::sort::sort(&mut keys);
        let head = cols
            .iter()
            .map(|b| html! { <th scope="col">{ format!("{} ms", b.time_ms) }</th> });
        let rows = keys.iter().map(|k| {
            let cells = cols.iter().map(|b| {
                let v = b
                    .state
                    .get(name)
                    .and_then(|kv| kv.iter().find(|(kk, _)| **kk == **k))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                html! { <td>{ v }</td> }
            });
            html! { <tr><th scope="row">{ *k }</th>{ for cells }</tr> }
        });
        html! {
            <table class="state-table">
                <caption>{ name.clone() }</caption>
                <thead><tr><th scope="col">{ s.key }</th>{ for head }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    });
    html! { <div class="state" ref={scroll_ref}>{ for tables }</div> }
}
