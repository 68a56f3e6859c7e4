//! The timeline, drawn as SVG: a column per batch on the time axis (those not run yet faded),
//! the input lines inside the batch that receives them, the window of the selected batch as a
//! bracket with the batches that entered and left it marked, checkpoint marks, and a line at
//! virtual now, and a count of the batches waiting in the job queue when processing is slow.
//! A click (or Enter) on a column selects that batch for every view.
//!
//! A typed line's mark can be dragged to another batch (pointer events, captured while
//! dragging; it moves by whole batches, keeping its offset inside the batch), or, focused,
//! moved one batch with ←/→ (a slider over its send time). Lines from the repeat generator
//! cannot be moved, and their tooltip says so.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::components::ViewProps;
use crate::i18n::Lang;
use crate::model::{Action, Line, MAX_BATCHES};
use crate::reveal::{use_reveal, Align};

/// Columns drawn.
const COLS: i64 = 16;
/// Column width in SVG units.
const CW: f64 = 52.0;
/// Left margin.
const LEFT: f64 = 8.0;
/// Where the columns start and end vertically.
const TOP: f64 = 44.0;
const BOTTOM: f64 = 124.0;

/// The drawing's width in SVG units.
const WIDTH: f64 = LEFT * 2.0 + CW * COLS as f64;

/// Marks drawn per column; the rest are counted.
const MARKS: usize = 6;

/// A line mark being dragged.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    /// The typed line's index in `Session::lines`.
    index: usize,
    /// Where the pointer went down, in client px.
    start_x: f64,
    /// How far it has moved, in SVG units.
    dx: f64,
}

/// A time as the axis writes it.
fn tick(ms: i64) -> String {
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.2}s", ms as f64 / 1000.0)
    }
}

/// Props of the line marks: equal across an edit that leaves the lines alone.
#[derive(Properties, PartialEq)]
struct LineMarksProps {
    /// The lines in the columns drawn, in time order, typed ones with their index.
    lines: Vec<(Option<usize>, Line)>,
    /// The batch index (1-based) of the first column.
    first: i64,
    /// The batch interval, ms.
    b: i64,
    /// The shell's language.
    lang: Lang,
    /// The line being dragged, if any.
    drag: Option<Drag>,
    /// Starts, moves and ends a drag (the timeline's state: its columns mark the target).
    set_drag: UseStateSetter<Option<Drag>>,
    /// The timeline's `<svg>`, whose drawn width scales a drag.
    svg_ref: NodeRef,
    /// Where a moved line goes.
    dispatch: Callback<Action>,
}

/// Whole batches a drag of `dx` SVG units moves a line by.
fn batches_moved(dx: f64) -> i64 {
    (dx / CW).round() as i64
}

/// The input lines' marks, at most [`MARKS`] a column, keyed so a moved or dragged mark stays
/// the same element and keeps focus and pointer capture. Typed lines can be dragged to another
/// batch or moved with the arrow keys; generated ones only say what they are.
#[component]
fn LineMarks(props: &LineMarksProps) -> Html {
    let LineMarksProps {
        first,
        b,
        lang,
        drag,
        ..
    } = *props;
    let s = lang.strings();
    // SVG units per client px.
    let scale = {
        let svg_ref = props.svg_ref.clone();
        Rc::new(move || {
            svg_ref
                .cast::<Element>()
                .map(|e| e.get_bounding_client_rect().width())
                .filter(|w| *w > 0.0)
                .map_or(1.0, |w| WIDTH / w)
        })
    };
    let mut per_col: Vec<usize> = vec![0; COLS as usize];
    let marks = props.lines.iter().filter_map(|(index, l)| {
        let col = (l.at_ms / b + 1 - first).clamp(-1, COLS);
        if !(0..COLS).contains(&col) {
            return None;
        }
        let k = per_col[col as usize];
        per_col[col as usize] += 1;
        if k >= MARKS {
            return None;
        }
        let x = LEFT + (col + first - 1) as f64 * CW + 8.0;
        let y = TOP + 6.0 + k as f64 * 11.0;
        let (xs, ys, w) = (x.to_string(), y.to_string(), (CW - 20.0).to_string());
        let Some(index) = *index else {
            return Some(html! {
                <rect key={format!("g{}-{k}", l.at_ms)} class="tl-line generated" x={xs} y={ys} width={w} height="8" rx="2">
                    <title>{ lang.line_generated(&l.text) }</title>
                </rect>
            });
        };
        let at = l.at_ms;
        let dragging = drag.as_ref().filter(|d| d.index == index);
        let transform = dragging.map(|d| format!("translate({} 0)", d.dx));
        let onpointerdown = {
            let set_drag = props.set_drag.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                e.prevent_default();
                let el: Element = e.target_unchecked_into();
                let _ = el.set_pointer_capture(e.pointer_id());
                set_drag.set(Some(Drag { index, start_x: e.client_x() as f64, dx: 0.0 }));
            })
        };
        let onpointermove = {
            let set_drag = props.set_drag.clone();
            let scale = scale.clone();
            Callback::from(move |e: PointerEvent| {
                if let Some(d) = drag {
                    let dx = (e.client_x() as f64 - d.start_x) * scale();
                    if dx != d.dx {
                        set_drag.set(Some(Drag { dx, ..d }));
                    }
                }
            })
        };
        let onpointerup = {
            let set_drag = props.set_drag.clone();
            let dispatch = props.dispatch.clone();
            Callback::from(move |_: PointerEvent| {
                if let Some(d) = drag {
                    let moved = batches_moved(d.dx);
                    if moved != 0 {
                        dispatch.emit(Action::MoveLine { index, at_ms: (at + moved * b).max(0) });
                    }
                }
                set_drag.set(None);
            })
        };
        let onpointercancel = {
            let set_drag = props.set_drag.clone();
            Callback::from(move |_: PointerEvent| set_drag.set(None))
        };
        let onkeydown = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                let step = match e.key().as_str() {
                    "ArrowLeft" | "ArrowDown" => -1,
                    "ArrowRight" | "ArrowUp" => 1,
                    _ => return,
                };
                // The keys move the line, not time (the page's shortcuts listen on the window).
                e.prevent_default();
                e.stop_propagation();
                let to = at + step * b;
                if to >= 0 {
                    dispatch.emit(Action::MoveLine { index, at_ms: to });
                }
            })
        };
        Some(html! {
            <rect key={format!("t{index}")} class={classes!("tl-line", "typed", dragging.is_some().then_some("dragging"))}
                data-index={index.to_string()} data-at={at.to_string()}
                x={xs} y={ys} width={w} height="8" rx="2" {transform}
                tabindex="0" role="slider"
                aria-label={format!("{} {}", s.line_mark, l.text)}
                aria-valuemin="0" aria-valuemax={(MAX_BATCHES * b).to_string()} aria-valuenow={at.to_string()}
                aria-valuetext={format!("{} · {}", lang.sent_at(at), lang.batch((at / b + 1) * b))}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onkeydown}>
                <title>{ lang.line_movable(&l.text, at) }</title>
            </rect>
        })
    });
    marks.collect()
}

/// The Timeline panel.
#[component]
pub fn Timeline(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let b = m.session.batch_ms();
    let ran = m.trace.batches.len() as i64;
    let focus = m.focus();
    // The batch index (1-based) of the first column: keep the focus and now in view.
    let focus_idx = focus.map_or(ran, |f| f.time_ms / b);
    let first = (focus_idx.min(ran) - (COLS - 5)).max(1);
    // Everything is drawn at its place on the whole run's axis, inside a group moved left by
    // the columns scrolled past; columns and marks are keyed, so as time goes by an element
    // already drawn keeps its place and attributes.
    let x_of_time = |t_ms: i64| LEFT + (t_ms as f64 / b as f64) * CW;
    let scrolled = (first - 1) as f64 * CW;
    let until = (first - 1 + COLS) * b;
    // Every line in the columns drawn, typed ones with their index (they can be moved), in
    // time order.
    let from = (first - 1) * b;
    let mut lines: Vec<(Option<usize>, Line)> = m
        .session
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| (from..until).contains(&l.at_ms))
        .map(|(i, l)| (Some(i), l.clone()))
        .collect();
    lines.extend(
        m.session
            .generator
            .lines_between(from, until)
            .into_iter()
            .map(|l| (None, l)),
    );
    dstream_engine::sort::sort_by_key(&mut lines, |(_, l)| l.at_ms);
    let drag = use_state(|| None::<Drag>);
    let svg_ref = use_node_ref();
    // On a phone the drawing scrolls sideways: the focused batch is brought into view.
    let scroll_ref = use_node_ref();
    use_reveal(
        scroll_ref.clone(),
        "g.tl-batch.selected",
        Align::Center,
        focus.map(|f| f.time_ms),
    );
    // Where the dragged line would land.
    let drop_at = drag.as_ref().and_then(|d| {
        let moved = batches_moved(d.dx);
        let line = m.session.lines.get(d.index)?;
        (moved != 0).then_some((line.at_ms + moved * b).max(0))
    });
    let window = focus.and_then(|f| f.windows.first());
    let in_window = |t: i64| window.is_some_and(|w| w.batches.contains(&t));
    let entered = |t: i64| window.is_some_and(|w| w.entered.contains(&t));
    let left = |t: i64| window.is_some_and(|w| w.left.contains(&t));

    let cols = (first..first + COLS).map(|i| {
        let t = i * b;
        let x = LEFT + (i - 1) as f64 * CW;
        let bt = m.trace.batches.get((i - 1) as usize);
        let done = bt.is_some();
        let selected = focus.is_some_and(|f| f.time_ms == t);
        let here = lines
            .iter()
            .filter(|(_, l)| l.at_ms >= t - b && l.at_ms < t)
            .count();
        let target = drop_at.is_some_and(|at| at >= t - b && at < t);
        let class = classes!(
            "tl-batch",
            if done { "ran" } else { "future" },
            selected.then_some("selected"),
            in_window(t).then_some("in-window"),
            entered(t).then_some("entered"),
            left(t).then_some("left"),
            target.then_some("drop-target"),
        );
        let more = (here > MARKS).then(|| html! {
            <text class="tl-more" x={(x + CW / 2.0 - 2.0).to_string()} y={(BOTTOM - 4.0).to_string()} text-anchor="middle">{ format!("+{}", here - MARKS) }</text>
        });
        let checkpoint = bt.is_some_and(|bt| !bt.checkpointed.is_empty()).then(|| {
            let cx = x + CW / 2.0 - 2.0;
            html! {
                <path class="tl-checkpoint" d={format!("M{cx} {} l5 5 l-5 5 l-5 -5 z", BOTTOM + 2.0)}>
                    <title>{ s.legend_checkpoint }</title>
                </path>
            }
        });
        let waiting = bt.filter(|bt| bt.waiting_batches > 0).map(|bt| {
            html! {
                <text class="tl-queue" x={(x + 6.0).to_string()} y={(TOP - 2.0).to_string()}>
                    { format!("⏳{}", bt.waiting_batches) }
                    <title>{ format!("{} {}", s.waiting, bt.waiting_batches) }</title>
                </text>
            }
        });
        // Starts with the visible tick, so the accessible name contains the visible label.
        let label = format!(
            "{} · {}{}{}{}",
            tick(t),
            lang.batch(t),
            if entered(t) { format!(" · {}", s.legend_entered) } else { String::new() },
            if left(t) { format!(" · {}", s.legend_left) } else { String::new() },
            if in_window(t) && !entered(t) { format!(" · {}", s.legend_window) } else { String::new() },
        );
        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Select(Some(t)));
        let onkeydown = props.dispatch.reform(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
            }
            Action::Select(Some(t))
        });
        html! {
            <g key={t} class={class} data-time={t.to_string()} role="button" tabindex={if done { "0" } else { "-1" }}
                aria-label={label} aria-pressed={selected.to_string()} {onclick} {onkeydown}>
                <rect class="tl-col" x={(x + 2.0).to_string()} y={TOP.to_string()} width={(CW - 4.0).to_string()} height={(BOTTOM - TOP).to_string()} rx="4" />
                { for more }
                { for checkpoint }
                { for waiting }
                <text class="tl-tick" x={(x + CW - 2.0).to_string()} y={(BOTTOM + 26.0).to_string()} text-anchor="end">{ tick(t) }</text>
            </g>
        }
    })
    .collect::<Vec<Html>>();
    // The line marks, over the columns (not inside their buttons): a component of their own,
    // so an edit that leaves the lines alone (most of them) does not draw them again.
    let marks = html! {
        <LineMarks {lines} {first} {b} {lang} drag={*drag} set_drag={drag.setter()}
            svg_ref={svg_ref.clone()} dispatch={props.dispatch.clone()} />
    };
    let bracket = window.and_then(|w| {
        let lo = *w.batches.iter().min()?;
        let hi = *w.batches.iter().max()?;
        let x0 = x_of_time(lo - b) + 2.0;
        let x1 = x_of_time(hi) - 2.0;
        let label = format!("{} {}–{} ms", w.stream, lo, hi);
        let seen = (scrolled + LEFT, scrolled + WIDTH - LEFT);
        let (x, anchor) = label_place(x0, x1, seen, label.chars().count() as f64 * LABEL_CHAR);
        Some(html! {
            <g class="tl-window">
                <path d={format!("M{x0} {} v-10 H{x1} v10", TOP - 4.0)} />
                <text x={x.to_string()} y={(TOP - 18.0).to_string()} text-anchor={anchor}>{ label }</text>
            </g>
        })
    });
    let now_x = x_of_time(m.session.cursor_ms);
    let now = (now_x - scrolled >= LEFT && now_x - scrolled <= WIDTH - LEFT).then(|| html! {
        <g class="tl-now">
            <line x1={now_x.to_string()} x2={now_x.to_string()} y1={(TOP - 6.0).to_string()} y2={(BOTTOM + 12.0).to_string()} />
        </g>
    });
    let height = BOTTOM + 34.0;
    html! {
        <div class="timeline">
            <div class="timeline-scroll" ref={scroll_ref}>
                <svg ref={svg_ref} class="timeline-svg" viewBox={format!("0 0 {WIDTH} {height}")} role="group" aria-label={s.timeline_label}>
                    <line class="tl-axis" x1={LEFT.to_string()} x2={(WIDTH - LEFT).to_string()} y1={(BOTTOM + 12.0).to_string()} y2={(BOTTOM + 12.0).to_string()} />
                    <g class="tl-run" transform={format!("translate({} 0)", -scrolled)}>
                        <g class="tl-cols">{ for cols }</g>
                        <g class="tl-lines">{ marks }</g>
                        { bracket.unwrap_or_default() }
                        { now.unwrap_or_default() }
                    </g>
                </svg>
            </div>
            <ul class="legend" aria-hidden="true">
                <li><span class="sw sw-window" />{ s.legend_window }</li>
                <li><span class="sw sw-entered" />{ s.legend_entered }</li>
                <li><span class="sw sw-left" />{ s.legend_left }</li>
                <li><span class="sw sw-checkpoint" />{ s.legend_checkpoint }</li>
                <li><span class="sw sw-now" />{ s.legend_now }</li>
            </ul>
        </div>
    }
}

/// About the width of one character of the window's label (11px text, in the SVG's units).
const LABEL_CHAR: f64 = 6.0;

/// Where the window's label goes: centred over its bracket `x0..x1`, unless that would put it
/// past an edge of the part `seen` of the timeline (a window at the start, or one whose end
/// is the newest column); then it starts at the bracket (or the edge) or ends there.
fn label_place(x0: f64, x1: f64, seen: (f64, f64), width: f64) -> (f64, &'static str) {
    let middle = (x0 + x1) / 2.0;
    if middle - width / 2.0 < seen.0 {
        (x0.max(seen.0), "start")
    } else if middle + width / 2.0 > seen.1 {
        (x1.min(seen.1), "end")
    } else {
        (middle, "middle")
    }
}

#[cfg(test)]
mod tests {
    use super::label_place;

    #[test]
    fn the_window_label_stays_inside_what_is_seen() {
        let seen = (8.0, 840.0);
        // Room either side: centred over the bracket.
        assert_eq!(label_place(300.0, 500.0, seen, 200.0), (400.0, "middle"));
        // A window at the start (its bracket at the left edge): from the bracket rightwards.
        assert_eq!(label_place(10.0, 110.0, seen, 200.0), (10.0, "start"));
        // A bracket that begins before what is seen: from the edge.
        assert_eq!(label_place(-40.0, 110.0, seen, 200.0), (8.0, "start"));
        // The newest columns at the right edge: ending at the bracket's end.
        assert_eq!(label_place(700.0, 830.0, seen, 200.0), (830.0, "end"));
    }
}
