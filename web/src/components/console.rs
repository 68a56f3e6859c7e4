//! The console: what Spark's stdout and log would show, batch by batch. `print()` blocks and
//! `println` output carry the scope they ran in (driver, or task with its partition), WARN
//! and ERROR log lines are marked, and an exception ends the console with Spark's own text
//! and our explanation beside it. It keeps its scroll at the newest line (by CSS).

use dstream_engine::trace::{LogLine, SavedDir, Scope, TraceError};
use yew::prelude::*;

use crate::components::TraceProps;
use crate::i18n::Lang;
use crate::trace_view::SharedBatch;

/// Batches whose output the console keeps.
const KEPT: usize = 20;

/// What Spark prints for the exception that stopped the program, word for word (a parse
/// error as the Scala compiler's `error:` line).
pub fn spark_text(e: &TraceError) -> String {
    if e.phase == "parse" {
        format!("error: {}", e.message)
    } else {
        let message = e.message_full.as_ref().unwrap_or(&e.message);
        format!("Exception in thread \"main\" {}: {message}", e.class)
    }
}

/// A log line.
fn log_html(l: &LogLine, lang: Lang) -> Html {
    let s = lang.strings();
    html! {
        <div class={classes!("log", l.level.to_ascii_lowercase(), l.hidden.then_some("hidden"))}
            title={l.hidden.then_some(s.hidden_log)}>
            <span class="tag">{ l.level.clone() }</span>
            <span class="logger">{ l.logger.rsplit('.').next().unwrap_or_default().to_string() }</span>
            { format!(": {}", l.message) }
        </div>
    }
}

/// A directory a job wrote: a line saying so, opening on each part file's lines.
fn files_html(d: &SavedDir, lang: Lang) -> Html {
    let s = lang.strings();
    let records = d.parts.iter().map(Vec::len).sum();
    let mut body = String::new();
    for (i, lines) in d.parts.iter().enumerate() {
        body.push_str(&format!("{}/part-{i:05}\n", d.dir));
        for l in lines {
            body.push_str("  ");
            body.push_str(l);
            body.push('\n');
        }
    }
    body.push_str(&format!("{}/_SUCCESS\n", d.dir));
    html! {
        <details class="files">
            <summary><span class="tag">{ s.files }</span>{ lang.files_written(&d.dir, d.parts.len(), records) }</summary>
            <pre>{ body }</pre>
            <p class="note">{ s.files_note }</p>
        </details>
    }
}

/// Props of one batch's output.
#[derive(Properties, PartialEq)]
struct BatchOutProps {
    /// The batch.
    batch: SharedBatch,
    /// Its log lines.
    logs: Vec<LogLine>,
    /// The page's language.
    lang: Lang,
}

/// One batch's log lines and printed lines, each with its scope.
#[component]
fn BatchOut(props: &BatchOutProps) -> Html {
    let b = &props.batch.0;
    let s = props.lang.strings();
    let logs = props.logs.iter().map(|l| log_html(l, props.lang));
    let lines = b.console.iter().map(|c| {
        let (class, tag) = match c.scope {
            Scope::Application => ("scope-application", s.application.to_string()),
            Scope::Driver => ("scope-driver", s.driver.to_string()),
            Scope::Task { partition, .. } => ("scope-task", format!("{} p{partition}", s.task)),
        };
        html! { <div class={classes!("out", class)}><span class="tag">{ tag }</span><pre>{ c.text.clone() }</pre></div> }
    });
    let files = b.files.iter().map(|d| files_html(d, props.lang));
    html! {
        <div class="batch-out" data-time={b.time_ms.to_string()}>
            { for logs }
            { for lines }
            { for files }
        </div>
    }
}

/// The Console panel.
#[component]
pub fn Console(props: &TraceProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let trace = &m.trace;
    let log_line = |l: &LogLine| log_html(l, lang);
    let before = (!trace.stdout_before.is_empty()).then(|| html! {
        <div class="out scope-application"><span class="tag">{ s.application }</span><pre>{ trace.stdout_before.clone() }</pre></div>
    });
    let early_files = trace.files_before.iter().map(|d| files_html(d, lang));
    let early_logs = trace
        .log
        .iter()
        .filter(|l| l.time_ms.is_none())
        .map(log_line);
    let skip = trace.batches.len().saturating_sub(KEPT);
    // Keyed by batch and drawn by `BatchOut`: a batch already shown is not drawn again.
    let batches = trace.batches.iter().skip(skip).map(|b| {
        let logs: Vec<LogLine> = trace
            .log
            .iter()
            .filter(|l| l.time_ms == Some(b.time_ms))
            .cloned()
            .collect();
        html! { <BatchOut key={b.time_ms} batch={SharedBatch(b.clone())} {logs} {lang} /> }
    });
    let error = trace.error.as_ref().map(|e| {
        let spark = spark_text(e);
        let causes = e
            .causes
            .iter()
            .map(|c| html! { <pre class="cause">{ format!("Caused by: {c}") }</pre> });
        html! {
            <div class="error" role="alert">
                <pre class="spark-error">{ spark }</pre>
                { for causes }
                <p class="explain"><strong>{ s.explanation }{ ": " }</strong>{ lang.explain(e) }</p>
            </div>
        }
    });
    let empty = before.is_none()
        && trace.files_before.is_empty()
        && trace.log.is_empty()
        && trace.batches.is_empty()
        && error.is_none();
    html! {
        // `column-reverse` keeps the scroll at the newest line without script (no forced layout).
        <div class="console" role="log" aria-label={s.console.title} tabindex="0">
          <div class="console-inner">
            if empty {
                <p class="placeholder">{ s.console.placeholder }</p>
            }
            { for before }
            { for early_files }
            { for early_logs }
            // Alone in their element: a keyed list mixed with other children is diffed by
            // position, and every batch would be drawn again.
            <div class="console-batches">{ for batches }</div>
            { for error }
          </div>
        </div>
    }
}
