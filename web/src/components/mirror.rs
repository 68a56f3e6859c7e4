//! The text mirror: the batches the calls grid shows (up to six around the selected, or
//! latest, batch), each a row of an accessible table (input, window, calls per user function,
//! output), and one sentence about the selected (or latest) batch in an ARIA live region, so a
//! screen reader hears each batch as it runs; stepping or selecting a batch moves the rows as
//! it moves the grid's columns. The tests read it too. The table has no scroll box of its
//! own: as one, it was repainted whole on every edit (about 4 ms of an edit's paint).

use std::rc::Rc;

use dstream_engine::trace::BatchTrace;
use yew::prelude::*;

use crate::components::TraceProps;
use crate::i18n::{Lang, Narration};
use crate::model::{role_total, roles_of, Model};
use crate::trace_view::SharedBatch;

/// The lines a batch printed, without `print()`'s rules and `Time:` header.
fn output_lines(b: &BatchTrace) -> Vec<String> {
    b.stdout
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-----") && !l.starts_with("Time: "))
        .map(str::to_string)
        .collect()
}

/// The facts of one batch's narration.
pub fn narration(m: &Model, b: &BatchTrace) -> Narration {
    let roles = roles_of(&m.trace, m.all_fns);
    Narration {
        time_ms: b.time_ms,
        lines: b.input.len(),
        window: b.windows.first().and_then(|w| {
            Some((
                *w.batches.iter().min()?,
                *w.batches.iter().max()?,
                w.entered.len(),
                w.left.len(),
            ))
        }),
        calls: roles
            .iter()
            .map(|r| (r.clone(), role_total(b, r)))
            .filter(|(_, n)| *n > 0)
            .collect(),
        output_lines: output_lines(b).len(),
    }
}

/// Props of one row of the table.
#[derive(Properties, PartialEq)]
struct RowProps {
    /// The batch.
    batch: SharedBatch,
    /// The roles shown, in order.
    roles: Rc<[String]>,
    /// Whether it is the focused batch.
    focus: bool,
    /// The page's language.
    lang: Lang,
}

/// One batch as a row: time, input, window, calls per role, output.
#[component]
fn Row(props: &RowProps) -> Html {
    let b = &props.batch.0;
    let window = b
        .windows
        .first()
        .and_then(|w| {
            let (from, to) = (w.batches.iter().min()?, w.batches.iter().max()?);
            Some(props.lang.window_cell(*from, *to, w.batches.len()))
        })
        .unwrap_or_default();
    let calls = props.roles.iter().filter_map(|r| {
        let n = role_total(b, r);
        // Keyed by role, as the calls grid's marks: a role that comes or goes does not
        // rewrite the others.
        (n > 0).then(|| html! { <span key={r.as_str()} class="mirror-call" data-role={r.clone()} data-count={n.to_string()}>{ format!("{r} {n}") }</span> })
    });
    html! {
        <tr data-time={b.time_ms.to_string()} class={classes!(props.focus.then_some("focus"))}>
            <th scope="row">{ format!("{} ms", b.time_ms) }</th>
            <td>{ b.input.join(" | ") }</td>
            <td>{ window }</td>
            <td class="mirror-calls">{ for calls }</td>
            <td>{ output_lines(b).join(" ") }</td>
        </tr>
    }
}

/// The Text mirror panel.
#[component]
pub fn Mirror(props: &TraceProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let batches = &m.trace.batches;
    let sentence = m
        .focus()
        .map(|b| lang.narrate(&narration(m, b)))
        .unwrap_or_default();
    let roles = roles_of(&m.trace, m.all_fns);
    let focus_t = m.focus().map(|b| b.time_ms);
    let roles: Rc<[String]> = roles.into();
    // Keyed by batch and drawn by `Row`: a batch already shown is not drawn again.
    let shown = crate::components::calls::columns(m).map_or(0..0, |(cols, _)| cols);
    let rows = batches[shown].iter().map(|b| {
        html! {
            <Row key={b.time_ms} batch={SharedBatch(b.clone())} roles={roles.clone()}
                focus={Some(b.time_ms) == focus_t} {lang} />
        }
    });
    html! {
        <div class="mirror">
            <p class="narration" aria-live="polite" aria-atomic="true">{ sentence }</p>
            if batches.is_empty() {
                <p class="placeholder">{ s.mirror.placeholder }</p>
            } else {
                <div class="grid-scroll">
                    <table class="mirror-table">
                        <caption class="visually-hidden">{ s.mirror.title }</caption>
                        <thead><tr>
                            <th scope="col">{ s.col_batch }</th>
                            <th scope="col">{ s.col_input }</th>
                            <th scope="col">{ s.col_window }</th>
                            <th scope="col">{ s.col_calls }</th>
                            <th scope="col">{ s.col_output }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </div>
    }
}
