//! The calls grid: keys as rows, batches as columns, and in each cell how many times each user
//! function ran for that key in that batch, each function with its own mark and colour
//! (`+` reduceFunc, `−` invReduceFunc, `?` filterFunc, `↻` updateFunc, `↦` mappingFunc).
//! A totals row sums each batch; a click on a cell lists its calls in order, with arguments,
//! result and partition (`invReduceFunc(10, 2) = 8`); "Follow" pins a key to the top and keeps
//! its calls listed as batches go by.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::TraceProps;
use crate::model::{call_text, role_mark, role_total, roles_of, Action, Model, RECORD_BATCHES};
use crate::reveal::{use_reveal, Align};
use crate::trace_view::SharedBatch;

/// Batches shown as columns: as many as fit beside the key column in the panel at a laptop's
/// width (six of 4.5rem and the key's 10rem in the panel's 40rem at 1280 px), so the focused
/// batch is in view without scrolling the grid sideways. (Eight put the newest batch out of
/// view at that width, and drew a third more cells per edit.)
const COLS: usize = 6;

/// The grid's width class by its number of columns (see `app.css`): each column keeps its
/// 4.5rem as columns are added, instead of a full-width table widening and narrowing them all.
const WIDTHS: [&str; COLS + 1] = [
    "cols-0", "cols-1", "cols-2", "cols-3", "cols-4", "cols-5", "cols-6",
];

/// Batches shown after a selected one that is not the latest, for what came next.
const AFTER: usize = 2;

/// The batches the grid shows as columns (the text mirror as rows), and the focused one's
/// index: the [`COLS`] batches up to the latest (as batches run, they slide by one, the
/// newest at the right), or, with an earlier batch selected, up to [`AFTER`] batches after
/// it. Once six batches have run there are always six columns, each 4.5rem wide, so nothing
/// in the grid changes width or place but the cells' contents. `None` before the first batch.
pub fn columns(m: &Model) -> Option<(std::ops::Range<usize>, usize)> {
    let batches = &m.trace.batches;
    let last = batches.len().checked_sub(1)?;
    let focus_i = m
        .focus()
        .and_then(|f| batches.iter().position(|b| b.time_ms == f.time_ms))
        .unwrap_or(last);
    let end = (focus_i + 1 + AFTER).min(batches.len());
    Some((end.saturating_sub(COLS)..end, focus_i))
}

/// The engine's user-function roles with their marks' class, as static texts: a redraw
/// compares and sets them without building a string per mark (one cell in the grid has a
/// mark per role that ran, and an edit redraws every cell).
const MARK_CLASSES: [(&str, &str); 13] = [
    ("reduceFunc", "mark role-reduceFunc"),
    ("invReduceFunc", "mark role-invReduceFunc"),
    ("filterFunc", "mark role-filterFunc"),
    ("updateFunc", "mark role-updateFunc"),
    ("mappingFunc", "mark role-mappingFunc"),
    ("mapFunc", "mark role-mapFunc"),
    ("flatMapFunc", "mark role-flatMapFunc"),
    ("mapValuesFunc", "mark role-mapValuesFunc"),
    ("flatMapValuesFunc", "mark role-flatMapValuesFunc"),
    ("mapPartitionsFunc", "mark role-mapPartitionsFunc"),
    ("transformFunc", "mark role-transformFunc"),
    ("foreachFunc", "mark role-foreachFunc"),
    ("foreachPartitionFunc", "mark role-foreachPartitionFunc"),
];

/// A role's name and its mark's class (static for the roles the engine names).
fn mark_attrs(role: &str) -> (AttrValue, AttrValue) {
    match MARK_CLASSES.iter().find(|(r, _)| *r == role) {
        Some((r, class)) => (AttrValue::Static(r), AttrValue::Static(class)),
        None => (
            AttrValue::from(role.to_string()),
            AttrValue::from(format!("mark role-{role}")),
        ),
    }
}

/// Each role's mark and count, for the roles that ran (the mark drawn by CSS from
/// `data-glyph`: one element and one text a mark, as most cells change on an edit). Keyed by
/// role: when a role starts or stops running in a cell (the inverse toggled), its mark comes
/// or goes and the others keep their elements (unkeyed, the first mark would be rewritten
/// into another role's, every attribute of it, in every cell). The count is the mark's text,
/// with a space after it where a narrow cell may wrap (`data-count` too in the totals row).
fn marks(counts: Vec<(String, u64)>, with_count: bool) -> Html {
    let items = counts.into_iter().filter(|(_, n)| *n > 0).map(|(role, n)| {
        let (name, class) = mark_attrs(&role);
        html! {
            <span key={name.as_str()} {class} data-role={name.clone()} data-count={with_count.then(|| n.to_string())} data-glyph={role_mark(&role)} title={name}>
                { format!("{n} ") }
            </span>
        }
    });
    items.collect::<Html>()
}

/// Props of one cell of the grid.
#[derive(Properties, PartialEq)]
struct CellProps {
    /// The row's key.
    name: AttrValue,
    /// The column's batch.
    batch: SharedBatch,
    /// The roles shown, in order.
    roles: Rc<[String]>,
    /// Whether the column is the focused batch.
    focus: bool,
    /// Whether this cell is the one picked.
    picked: bool,
    /// The column's batch time as text (`data-time`), shared by the column's cells.
    time: AttrValue,
}

/// One cell: how many times each role ran for the key in the batch, a button that picks it.
#[component]
fn Cell(props: &CellProps) -> Html {
    let b = &props.batch.0;
    let key = props.name.as_str();
    let t = b.time_ms;
    let counts: Vec<(String, u64)> = props
        .roles
        .iter()
        .map(|r| {
            let n = b
                .calls
                .get(r)
                .and_then(|pk| pk.get(key))
                .copied()
                .unwrap_or(0);
            (r.clone(), n)
        })
        .collect();
    let label = {
        let parts: Vec<String> = counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        format!(
            "{key}, {t} ms: {}",
            if parts.is_empty() {
                "0".into()
            } else {
                parts.join(", ")
            }
        )
    };
    let picked = props.picked;
    let class = match (props.focus, picked) {
        (false, false) => "cell",
        (true, false) => "cell focus",
        (false, true) => "cell picked",
        (true, true) => "cell focus picked",
    };
    // A click is handled by the grid's body (one listener for every cell), which reads the
    // cell's `data-key` and `data-time`.
    html! {
        <td {class} data-key={props.name.clone()} data-time={props.time.clone()}>
            <button type="button" class="cell-button" aria-label={label} aria-pressed={if picked { "true" } else { "false" }}>
                { marks(counts, false) }
            </button>
        </td>
    }
}

/// The cell a click in the grid's body landed in: its key and batch time.
fn clicked_cell(e: &MouseEvent) -> Option<(String, i64)> {
    let cell = e
        .target_dyn_into::<web_sys::Element>()?
        .closest("td.cell")
        .ok()??;
    let key = cell.get_attribute("data-key")?;
    let t = cell.get_attribute("data-time")?.parse().ok()?;
    Some((key, t))
}

/// The Calls panel.
#[component]
pub fn CallsGrid(props: &TraceProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let d = &props.dispatch;
    let batches = &m.trace.batches;
    // On a phone the grid scrolls sideways: the focused column is brought into view.
    let scroll_ref = use_node_ref();
    use_reveal(
        scroll_ref.clone(),
        "th.col-head.focus",
        Align::End,
        columns(m).map(|(_, i)| batches[i].time_ms),
    );
    let roles = roles_of(&m.trace, m.all_fns);
    let toggle_all = {
        let all = m.all_fns;
        d.reform(move |_: Event| Action::ShowAllFns(!all))
    };
    let all_switch = html! {
        <label class="check all-fns">
            <input type="checkbox" checked={m.all_fns} onchange={toggle_all} />
            <span>{ s.all_fns }</span>
        </label>
    };
    if batches.is_empty() || roles.is_empty() {
        return html! {
            <div class="calls">
                <p class="placeholder">{ s.calls.placeholder }</p>
                { all_switch }
            </div>
        };
    }
    let Some((shown, focus_i)) = columns(m) else {
        return Html::default();
    };
    let cols = &batches[shown];
    let focus_t = batches[focus_i].time_ms;

    let mut keys: Vec<String> = Vec::new();
    for b in cols {
        for role in &roles {
            if let Some(per_key) = b.calls.get(role) {
                for k in per_key.keys() {
                    if !keys.iter().any(|have| **have == **k) {
                        keys.push(k.to_string());
                    }
                }
            }
        }
    }
    dstream_engine::sort::sort(&mut keys);
    if let Some(f) = &m.follow {
        if let Some(i) = keys.iter().position(|k| k == f) {
            let k = keys.remove(i);
            keys.insert(0, k);
        }
    }

    let roles_rc: Rc<[String]> = roles.clone().into();
    let times: Vec<AttrValue> = cols.iter().map(|b| b.time_ms.to_string().into()).collect();
    let pick = {
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(c) = clicked_cell(&e) {
                d.emit(Action::SelectCell(Some(c)));
            }
        })
    };
    let head = cols.iter().map(|b| {
        let t = b.time_ms;
        let class = classes!("col-head", (t == focus_t).then_some("focus"));
        html! {
            <th key={t} scope="col" {class} data-time={t.to_string()}>
                <button type="button" class="link-button" onclick={d.reform(move |_| Action::Select(Some(t)))}>{ t }<span class="unit">{ " ms" }</span></button>
            </th>
        }
    });
    let rows = keys.iter().map(|key| {
        let followed = m.follow.as_deref() == Some(key.as_str());
        let name: AttrValue = key.clone().into();
        // Keyed by batch and drawn by `Cell`: as the columns slide, a cell that did not
        // change keeps its element and is not drawn again. (Every child of a row is keyed,
        // the key column's header included: a list of keyed and unkeyed children is diffed
        // by position, which draws every cell again.)
        let cells = cols.iter().enumerate().map(|(i, b)| {
            let t = b.time_ms;
            let picked = m.cell.as_ref().is_some_and(|(k, ct)| k == key && *ct == t);
            html! {
                <Cell key={t} name={name.clone()} batch={SharedBatch(b.clone())} roles={roles_rc.clone()}
                    focus={t == focus_t} {picked} time={times[i].clone()} />
            }
        });
        let k3 = key.clone();
        let follow_click = d.reform(move |_: MouseEvent| {
            Action::Follow(if followed { None } else { Some(k3.clone()) })
        });
        html! {
            <tr key={key.as_str()} class={classes!(followed.then_some("followed"))} data-key={key.clone()}>
                <th key="key" scope="row" class="key">
                    <span class="key-name" title={name.clone()}>{ key.clone() }</span>
                    <button type="button" class="follow" aria-pressed={followed.to_string()} onclick={follow_click}
                        title={if followed { s.unfollow } else { s.follow }}>{ if followed { s.unfollow } else { s.follow } }</button>
                </th>
                { for cells }
            </tr>
        }
    });
    let totals = cols.iter().map(|b| {
        let counts: Vec<(String, u64)> = roles
            .iter()
            .map(|r| (r.clone(), role_total(b, r)))
            .collect();
        html! { <td key={b.time_ms} class="total" data-time={b.time_ms.to_string()}>{ marks(counts, true) }</td> }
    });
    let legend = roles.iter().map(|r| {
        html! { <li key={r.as_str()} class={format!("role-{r}")}><span class="glyph">{ role_mark(r) }</span>{ r.clone() }</li> }
    });

    // The list: the picked cell, else the followed key at the focus batch.
    let detail_of = m
        .cell
        .clone()
        .or_else(|| m.follow.clone().map(|k| (k, focus_t)));
    let detail = detail_of.map(|(key, t)| {
        let batch = batches.iter().find(|b| b.time_ms == t);
        let records: Vec<_> = batch
            .map(|b| {
                b.call_records
                    .iter()
                    .filter(|c| *c.key == *key && roles.iter().any(|r| r == c.func))
                    .collect()
            })
            .unwrap_or_default();
        // Counted calls but no records: an old batch whose records were dropped.
        let dropped = records.is_empty()
            && batch.is_some_and(|b| {
                roles
                    .iter()
                    .any(|r| b.calls.get(r).and_then(|pk| pk.get(key.as_str())).is_some_and(|n| *n > 0))
            });
        let items = records.iter().map(|c| {
            html! {
                <li class={classes!("call", format!("role-{}", c.func))} data-role={c.func}>
                    <code>{ call_text(c) }</code>
                    <span class="partition">{ format!("{} {}", s.partition, c.partition) }</span>
                </li>
            }
        });
        html! {
            <div class="call-list" aria-live="polite">
                <h3>{ lang.cell_title(&key, t) }</h3>
                if dropped && !m.playing {
                    <p class="placeholder">{ lang.calls_dropped(RECORD_BATCHES) }</p>
                } else if records.is_empty() {
                    <p class="placeholder">{ if m.playing { s.pause_for_calls } else { s.no_calls } }</p>
                } else {
                    <ol>{ for items }</ol>
                }
            </div>
        }
    });
    html! {
        <div class="calls">
            <ul class="role-legend">{ for legend }</ul>
            <div class="grid-scroll" ref={scroll_ref}>
                <table class={classes!("calls-grid", WIDTHS[cols.len().min(COLS)])}>
                    <caption>{ s.calls_caption }</caption>
                    <thead><tr><th key="key" scope="col">{ s.key }</th>{ for head }</tr></thead>
                    <tbody onclick={pick}>{ for rows }</tbody>
                    <tfoot><tr class="totals"><th key="total" scope="row">{ s.total }</th>{ for totals }</tr></tfoot>
                </table>
            </div>
            if detail.is_none() {
                <p class="note">{ s.cell_hint }</p>
            }
            { for detail }
            { all_switch }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::stepped;

    #[test]
    fn columns_slide_by_one_with_the_latest_at_the_right() {
        assert_eq!(columns(&stepped(0)), None);
        // Fewer than six batches: all of them; then always six, the newest last.
        assert_eq!(columns(&stepped(3)), Some((0..3, 2)));
        for n in 6..12 {
            assert_eq!(columns(&stepped(n)), Some((n - 6..n, n - 1)), "{n} batches");
        }
    }

    #[test]
    fn an_earlier_selected_batch_shows_with_two_after_it() {
        let mut m = stepped(14);
        m.apply(Action::Select(Some(6000)));
        // Batch 6000 is index 5: indices 2..8, the selected fourth.
        assert_eq!(columns(&m), Some((2..8, 5)));
        m.apply(Action::Select(Some(2000)));
        assert_eq!(columns(&m), Some((0..4, 1)));
        m.apply(Action::Select(Some(13_000)));
        assert_eq!(columns(&m), Some((8..14, 12)));
    }
}
