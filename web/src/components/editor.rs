//! The program editor: a `<textarea>` over a highlighted copy of its text, with line numbers,
//! every diagnostic of the trace underlined in the copy, and the scenario as JSON on request.
//!
//! Diagnostics are the front-end's (kind and arguments, rendered in the page's language by
//! the engine's own `diag::render`) and the exception that stopped the program at build,
//! start or run time (Spark's text word for word, our explanation beside it, underlined where
//! the trace gives a position). Each underline shows its message on hover; with the keyboard,
//! a caret inside an underline shows the same message in a tooltip the textarea is described
//! by. The list under the editor has one button per diagnostic that puts the caret there.
//!
//! The textarea grows with its text (one row per line) so it never scrolls on its own; the
//! frame around it scrolls, carrying the gutter and the highlighted copy along.

use std::rc::Rc;

use dstream_engine::scala::diag;
use dstream_engine::trace::{Trace, TraceDiagnostic, TraceError};
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::console::spark_text;
use crate::components::ViewProps;
use crate::highlight::{caret_offset, covers, highlight, line_col, Range};
use crate::i18n::Lang;
use crate::model::{Action, Model};

/// One entry of the problems list.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Where it is, when known.
    pub range: Option<Range>,
    /// `error` or `warning`.
    pub severity: String,
    /// The message in the page's language (for an exception: our explanation).
    pub message: String,
    /// For an exception: Spark's text, word for word.
    pub spark: Option<String>,
}

/// The position of an exception in the program: the expression that raised it, as the trace
/// locates it (`line`, `col`, `end_line`, `end_col`), else the first diagnostic attached to it.
fn error_range(e: &TraceError) -> Option<Range> {
    match (e.line, e.col, e.end_line, e.end_col) {
        (Some(l), Some(c), Some(el), Some(ec)) => Some((l, c, el, ec)),
        _ => e
            .diagnostics
            .first()
            .map(|d| (d.line, d.col, d.end_line, d.end_col)),
    }
}

/// Every problem of `trace`, in `lang`: the front-end's diagnostics, then the exception that
/// stopped the program (if it was not a parse error, which the diagnostics already are).
pub fn problems(trace: &Trace, lang: Lang) -> Vec<Problem> {
    let dlang = match lang {
        Lang::Zh => diag::Lang::Zh,
        Lang::En => diag::Lang::En,
    };
    // In Chinese, an error scalac itself would print shows its English words first, as a
    // learner's own compiler would, and ours as its explanation.
    let of = |d: &TraceDiagnostic| Problem {
        range: Some((d.line, d.col, d.end_line, d.end_col)),
        severity: d.severity.clone(),
        message: diag::render(&d.kind, &d.args, dlang).unwrap_or_else(|| d.message.clone()),
        spark: (dlang == diag::Lang::Zh && diag::SCALAC_KINDS.contains(&d.kind.as_str()))
            .then(|| d.message.clone()),
    };
    let mut out: Vec<Problem> = trace.warnings.iter().map(of).collect();
    let Some(e) = &trace.error else {
        return out;
    };
    if e.phase == "parse" {
        out.extend(e.diagnostics.iter().map(of));
    } else {
        out.push(Problem {
            range: error_range(e),
            severity: "error".into(),
            message: lang.explain(e),
            spark: Some(spark_text(e)),
        });
    }
    out
}

/// Props of the panels that draw the program (the editor, the controls): the model and
/// where actions go, equal when the program, the language and the problems are, so a step
/// of time does not draw them again.
#[derive(Clone, Properties)]
pub struct ProgramProps {
    /// The model.
    pub model: Rc<Model>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

impl PartialEq for ProgramProps {
    fn eq(&self, other: &ProgramProps) -> bool {
        let (a, b) = (&self.model, &other.model);
        self.dispatch == other.dispatch
            && a.session.program == b.session.program
            && a.session.lang == b.session.lang
            && a.trace.error == b.trace.error
            && a.trace.warnings == b.trace.warnings
    }
}

impl From<ViewProps> for ProgramProps {
    fn from(p: ViewProps) -> ProgramProps {
        ProgramProps {
            model: p.model,
            dispatch: p.dispatch,
        }
    }
}

/// The tooltip's id, which the textarea is described by while it shows.
const CARET_TIP: &str = "editor-caret-diag";

/// The Program panel's editor.
#[component]
pub fn Editor(props: &ProgramProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    // The caret's line and column while the textarea has focus.
    let caret = use_state(|| None::<(u32, u32)>);
    let area_ref = use_node_ref();
    let frame_ref = use_node_ref();
    let program = &m.session.program;
    let probs = problems(&m.trace, lang);
    let ranges: Vec<Range> = probs.iter().filter_map(|p| p.range).collect();
    // The problem each range belongs to.
    let owner: Vec<usize> = probs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.range.is_some())
        .map(|(i, _)| i)
        .collect();
    let title_of = |p: &Problem| match &p.spark {
        Some(spark) => format!("{spark}\n{}", p.message),
        None => p.message.clone(),
    };
    let lines = highlight(program, &ranges);
    let line_count = lines.len();
    let oninput = props.dispatch.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        Action::SetProgram(area.value())
    });
    let track = {
        let caret = caret.clone();
        move |area: HtmlTextAreaElement| {
            let at = area.selection_start().ok().flatten().unwrap_or(0);
            let now = Some(line_col(&area.value(), at));
            // Only a caret that moved re-renders the editor.
            if *caret != now {
                caret.set(now);
            }
        }
    };
    let onkeyup = {
        let track = track.clone();
        Callback::from(move |e: KeyboardEvent| track(e.target_unchecked_into()))
    };
    let onclick = {
        let track = track.clone();
        Callback::from(move |e: MouseEvent| track(e.target_unchecked_into()))
    };
    let onfocus = Callback::from(move |e: FocusEvent| track(e.target_unchecked_into()));
    let onblur = {
        let caret = caret.clone();
        Callback::from(move |_: FocusEvent| caret.set(None))
    };
    // Puts the caret at a problem's start and brings its line into view.
    let jump = {
        let caret = caret.clone();
        let area_ref = area_ref.clone();
        let frame_ref = frame_ref.clone();
        let program = program.clone();
        move |(line, col): (u32, u32)| {
            let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let at = caret_offset(&program, line, col);
            let _ = area.focus();
            let _ = area.set_selection_range(at, at);
            caret.set(Some((line, col)));
            if let Some(frame) = frame_ref.cast::<HtmlElement>() {
                let rows = program.split('\n').count().max(1) as i32;
                let line_px = area.scroll_height() / rows;
                let y = (line as i32 - 1) * line_px - frame.client_height() / 2;
                frame.set_scroll_top(y.max(0));
            }
        }
    };
    let gutter = (1..=line_count).map(|n| {
        let here: Vec<String> = probs
            .iter()
            .filter(|p| p.range.is_some_and(|r| r.0 as usize == n))
            .map(title_of)
            .collect();
        if here.is_empty() {
            html! { <span>{ n }</span> }
        } else {
            html! { <span class="gutter-diag" title={here.join("\n")}>{ n }</span> }
        }
    });
    // The range under the caret: its first underlined run carries the keyboard's tooltip
    // (placed by CSS under that run; the page's policy allows no inline style).
    let at_caret: Option<usize> =
        (*caret).and_then(|(line, col)| ranges.iter().position(|r| covers(r, line, col)));
    let mut tip_placed = false;
    let overlay: Vec<Html> = lines
        .iter()
        .map(|runs| {
            let spans: Vec<Html> = runs
                .iter()
                .map(|r| match r.diag {
                    Some(i) => {
                        let p = &probs[owner[i]];
                        let (line, col, ..) = ranges[i];
                        let jump = jump.clone();
                        let onclick = Callback::from(move |_: MouseEvent| jump((line, col)));
                        let tip = (at_caret == Some(i) && !tip_placed).then(|| {
                            tip_placed = true;
                            html! { <span id={CARET_TIP} class="caret-diag" role="tooltip">{ title_of(p) }</span> }
                        });
                        html! {
                            <span class={classes!(r.kind.class(), "diag", format!("sev-{}", p.severity))}
                                title={title_of(p)} data-diag={owner[i].to_string()} {onclick}>
                                { r.text.clone() }
                                { tip.unwrap_or_default() }
                            </span>
                        }
                    }
                    None => html! { <span class={r.kind.class()}>{ r.text.clone() }</span> },
                })
                .collect();
            html! { <div class="code-line">{ for spans }{ "\u{200b}" }</div> }
        })
        .collect();
    let problems_list = (!probs.is_empty()).then(|| {
        let items = probs.iter().map(|p| {
            let pos = match p.range {
                Some((line, col, ..)) => format!("{line}:{col}"),
                None => s.diag_no_position.to_string(),
            };
            let head = html! {
                <>
                    <span class="diag-pos">{ pos }</span>
                    { " " }
                    <span class="diag-msg">{ p.spark.clone().unwrap_or_else(|| p.message.clone()) }</span>
                </>
            };
            let head = match p.range {
                Some((line, col, ..)) => {
                    let jump = jump.clone();
                    let onclick = Callback::from(move |_: MouseEvent| jump((line, col)));
                    html! { <button type="button" class="diag-jump" {onclick}>{ head }</button> }
                }
                None => head,
            };
            let explain = p.spark.as_ref().map(|_| html! {
                <p class="diag-explain"><strong>{ s.explanation }{ ": " }</strong>{ p.message.clone() }</p>
            });
            html! {
                <li class={classes!("diagnostic", format!("sev-{}", p.severity), p.spark.is_some().then_some("exception"))}>
                    { head }
                    { for explain }
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
    // Optional parts are single nodes (`unwrap_or_default`), not `for` splices: Yew matches
    // unkeyed children from the end, so a splice appearing before the textarea would replace
    // it, and the learner would lose focus and caret as a diagnostic appears.
    html! {
        <div class="editor-wrap">
            <div class="editor" ref={frame_ref}>
                <div class="gutter" aria-hidden="true">{ for gutter }</div>
                <div class="code">
                    <div class="code-overlay" aria-hidden="true">{ for overlay }</div>
                    <textarea
                        ref={area_ref}
                        class="code-input"
                        aria-label={s.editor_label}
                        aria-describedby={at_caret.is_some().then_some(CARET_TIP)}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        rows={line_count.to_string()}
                        value={program.clone()}
                        {oninput}
                        {onkeyup}
                        {onclick}
                        {onfocus}
                        {onblur}
                    />
                </div>
            </div>
            { problems_list.unwrap_or_default() }
        </div>
    }
}

/// The scenario as JSON, on request (what `dstream replay` reads): drawn apart from the
/// editor, as it changes with time and the editor does not.
#[component]
pub fn Export(props: &ViewProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings();
    let show_json = use_state(|| false);
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
        <div class="export-wrap">
            <button type="button" class="link-button" aria-expanded={(*show_json).to_string()} onclick={toggle_json}>{ s.export }</button>
            { json.unwrap_or_default() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dstream_engine::engine::run;
    use dstream_engine::scenario::Scenario;
    use dstream_engine::trace::Detail;

    fn trace_of(program: &str) -> Trace {
        let scenario = Scenario {
            program: program.into(),
            batches: Some(vec![vec!["a".into()]]),
            ..Scenario::default()
        };
        run(&scenario, Detail::Counts)
    }

    #[test]
    fn parse_diagnostics_are_in_the_page_language() {
        let program =
            crate::program::DEFAULT_PROGRAM.replace("wordCounts.print()", "wordCounts.print(");
        let trace = trace_of(&program);
        let en = problems(&trace, Lang::En);
        let zh = problems(&trace, Lang::Zh);
        assert!(!en.is_empty());
        assert_eq!(en.len(), zh.len());
        assert!(en[0].range.is_some());
        assert!(en[0].spark.is_none());
        assert_eq!(
            en[0].message,
            trace.error.as_ref().unwrap().diagnostics[0].message
        );
        assert_ne!(en[0].message, zh[0].message);
        assert!(
            zh[0]
                .message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            zh[0].message
        );
    }

    #[test]
    fn a_scalac_error_shows_scalacs_words_beside_the_chinese() {
        let program = crate::program::DEFAULT_PROGRAM.replace(
            "wordCounts.print()",
            "wordCounts.map(_._2.toUpperCase).print()",
        );
        let trace = trace_of(&program);
        let d = &trace.error.as_ref().expect("a compile error").diagnostics[0];
        assert_eq!(d.kind, "unknown_method");
        let [en, zh] = [Lang::En, Lang::Zh].map(|l| problems(&trace, l));
        assert_eq!(en[0].message, "value toUpperCase is not a member of Int");
        assert_eq!(
            en[0].spark, None,
            "in English the message is scalac's words already"
        );
        assert_eq!(zh[0].spark.as_deref(), Some(en[0].message.as_str()));
        assert_eq!(zh[0].message, "toUpperCase 不是 Int 的成员");
        // Our own parser's words are not scalac's: Chinese only.
        let broken =
            crate::program::DEFAULT_PROGRAM.replace("wordCounts.print()", "wordCounts.print(");
        assert_eq!(problems(&trace_of(&broken), Lang::Zh)[0].spark, None);
    }

    #[test]
    fn an_exception_keeps_spark_text_and_explains_in_the_page_language() {
        let program = crate::program::DEFAULT_PROGRAM.replace("Seconds(5)", "Milliseconds(2500)");
        let trace = trace_of(&program);
        let e = trace.error.as_ref().expect("Spark's window error");
        let [en, zh] = [Lang::En, Lang::Zh].map(|l| problems(&trace, l));
        assert_eq!(en.len(), 1);
        assert_eq!(en[0].spark, zh[0].spark, "Spark's words stay as they are");
        assert!(en[0].spark.as_deref().unwrap().ends_with(&e.message));
        assert_eq!(en[0].message, Lang::En.explain(e));
        assert_eq!(zh[0].message, Lang::Zh.explain(e));
    }
}
