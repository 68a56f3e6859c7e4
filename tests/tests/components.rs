//! Each panel mounted on its own with a model built in the test: it renders what the trace
//! says, with the ARIA the page promises, and dispatches the right action when used.
#![cfg(target_arch = "wasm32")]

use dstream_browser_tests::{settle, stepped, Mounted, Recorder};
use dstream_web::components::calls::CallsGrid;
use dstream_web::components::compare::{self, Compare};
use dstream_web::components::console::Console;
use dstream_web::components::controls::ControlsBar;
use dstream_web::components::editor::Editor;
use dstream_web::components::mirror::Mirror;
use dstream_web::components::state_panel::StatePanel;
use dstream_web::components::terminal::Terminal;
use dstream_web::components::time_controls::TimeControls;
use dstream_web::components::timeline::Timeline;
use dstream_web::components::ViewProps;
use dstream_web::i18n::{Lang, EN};
use dstream_web::model::{role_total, Action, Model};
use dstream_web::program::{self, Pipeline};
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn english(mut m: Model) -> Model {
    m.apply(Action::SetLang(Lang::En));
    m
}

fn props(m: Model) -> ViewProps {
    ViewProps::new(m, Callback::noop())
}

#[wasm_bindgen_test]
async fn editor_numbers_lines_and_lists_diagnostics() {
    let mut m = english(Model::default());
    let broken = m
        .session
        .program
        .replace("wordCounts.print()", "wordCounts.print(");
    m.apply(Action::SetProgram(broken));
    let ed = Mounted::with_props::<Editor>(props(m).into()).await;
    assert_eq!(ed.all(".gutter span").len(), 9);
    assert_eq!(
        ed.attr("textarea", "aria-label").as_deref(),
        Some("Scala program")
    );
    let problems = ed.text_of(".problems ul");
    assert!(
        problems.starts_with("7:1") || problems.contains(':'),
        "{problems}"
    );
    assert!(ed.has(".code-overlay .diag"));
    assert!(ed.has(".gutter-diag[title]"));
}

#[wasm_bindgen_test]
async fn editor_input_dispatches_the_new_program() {
    let rec = Recorder::default();
    let ed = Mounted::with_props::<Editor>(ViewProps::new(Model::default(), rec.callback()).into())
        .await;
    ed.set_value("textarea", "val x = 1").await;
    assert!(rec
        .actions()
        .contains(&Action::SetProgram("val x = 1".into())));
}

#[wasm_bindgen_test]
async fn controls_follow_the_code_and_rewrite_it() {
    let rec = Recorder::default();
    let c =
        Mounted::with_props::<ControlsBar>(ViewProps::new(Model::default(), rec.callback()).into())
            .await;
    assert_eq!(
        c.value("select[name='pipeline']"),
        "reduceByKeyAndWindow-inverse"
    );
    assert_eq!(c.value("input[name='window']"), "5");
    assert_eq!(c.value("input[name='slide']"), "1");
    assert_eq!(c.value("select[name='cores']"), "2");
    c.set_value("select[name='pipeline']", "reduceByKeyAndWindow")
        .await;
    let Some(Action::SetControls(next)) = rec.actions().last().cloned() else {
        panic!("no SetControls: {:?}", rec.actions());
    };
    assert_eq!(next.pipeline, Pipeline::WindowNoInverse);
    let code = program::apply(program::DEFAULT_PROGRAM, &next);
    assert!(code.contains(".reduceByKeyAndWindow(_ + _, Seconds(5), Seconds(1))"));
    c.set_value("input[name='window']", "2.5").await;
    let Some(Action::SetControls(next)) = rec.actions().last().cloned() else {
        panic!("no SetControls");
    };
    assert_eq!(next.window_ms, 2500);
}

#[wasm_bindgen_test]
async fn terminal_sends_on_enter_but_not_while_composing() {
    let rec = Recorder::default();
    let t = Mounted::with_props::<Terminal>(ViewProps::new(Model::default(), rec.callback())).await;
    assert_eq!(t.text_of(".term-head"), "$ nc -lk 9999");
    t.set_value("input.term-input", "你好").await;
    t.key(Some("input.term-input"), "Enter", true).await;
    assert!(rec.actions().is_empty(), "{:?}", rec.actions());
    t.key(Some("input.term-input"), "Enter", false).await;
    assert_eq!(rec.actions(), [Action::Send(vec!["你好".into()])]);
    assert_eq!(t.value("input.term-input"), "");
}

#[wasm_bindgen_test]
async fn terminal_shows_sent_lines_and_history() {
    let mut m = Model::default();
    m.apply(Action::Send(vec!["first".into()]));
    m.apply(Action::Step);
    m.apply(Action::Send(vec!["second".into()]));
    let t = Mounted::with_props::<Terminal>(props(m)).await;
    let text = t.text_of(".term-lines");
    assert!(text.contains("first") && text.contains("second") && text.contains("hello hi hi"));
    t.key(Some("input.term-input"), "ArrowUp", false).await;
    assert_eq!(t.value("input.term-input"), "second");
    t.key(Some("input.term-input"), "ArrowUp", false).await;
    assert_eq!(t.value("input.term-input"), "first");
    t.key(Some("input.term-input"), "ArrowDown", false).await;
    assert_eq!(t.value("input.term-input"), "second");
}

#[wasm_bindgen_test]
async fn time_controls_step_and_label() {
    let rec = Recorder::default();
    let tc =
        Mounted::with_props::<TimeControls>(ViewProps::new(english(stepped(3)), rec.callback()))
            .await;
    assert!(tc.text_of("output.now").contains("t = 3.0 s"));
    assert!(!tc.has(".hint"));
    assert_eq!(
        tc.attr("button.play", "aria-label").as_deref(),
        Some("Play")
    );
    tc.click("button.step").await;
    tc.click("button.step-back").await;
    tc.set_value("select[name='speed']", "100").await;
    assert_eq!(
        rec.actions(),
        [Action::Step, Action::StepBack, Action::SetSpeed(100.0)]
    );
}

#[wasm_bindgen_test]
async fn timeline_marks_window_entered_and_left() {
    let tl = Mounted::with_props::<Timeline>(props(english(stepped(6)))).await;
    let class = |t: i64| {
        tl.attr(&format!("g.tl-batch[data-time='{t}']"), "class")
            .unwrap_or_default()
    };
    assert!(class(6000).contains("selected") && class(6000).contains("entered"));
    assert!(class(1000).contains("left"));
    assert!(class(3000).contains("in-window"));
    assert!(class(8000).contains("future"));
    assert!(tl.text_of(".tl-window text").contains("2000–6000 ms"));
    assert_eq!(
        tl.attr("svg.timeline-svg", "aria-label").as_deref(),
        Some(dstream_web::i18n::EN.timeline_label)
    );
}

#[wasm_bindgen_test]
async fn calls_grid_counts_and_lists_a_cell() {
    let mut m = english(stepped(6));
    m.apply(Action::SelectCell(Some(("hi".into(), 6000))));
    let g = Mounted::with_props::<CallsGrid>(props(m).into()).await;
    let count = |sel: &str| g.attr(sel, "data-count");
    assert_eq!(
        count("td.total[data-time='6000'] .mark[data-role='reduceFunc']").as_deref(),
        Some("3")
    );
    assert_eq!(
        count("td.total[data-time='6000'] .mark[data-role='invReduceFunc']").as_deref(),
        Some("2")
    );
    // A key cut short by the fixed-width key column still names itself whole on hover.
    assert_eq!(
        g.attr("tr[data-key='hi'] .key-name", "title").as_deref(),
        Some("hi")
    );
    // A cell's mark says its count as text (the totals' marks also as `data-count`).
    assert_eq!(
        g.text_of("td.cell[data-key='hi'][data-time='6000'] .mark[data-role='invReduceFunc']")
            .trim(),
        "1"
    );
    assert_eq!(
        g.attr(
            "td.cell[data-key='hello'][data-time='6000'] button",
            "aria-label"
        )
        .as_deref(),
        Some("hello, 6000 ms: reduceFunc 1, invReduceFunc 1")
    );
    assert!(g.text_of(".call-list").contains("invReduceFunc(10, 2) = 8"));
    assert!(g.text_of(".call-list").contains("partition 1"));
}

#[wasm_bindgen_test]
async fn calls_grid_says_when_an_old_batch_kept_only_its_counts() {
    // After 130 batches, batch 1 is older than the last RECORD_BATCHES: its counts stay, its
    // call records are gone, and the list says so instead of "no call".
    let mut m = english(stepped(130));
    let first = m.trace.batches.first().expect("batch 1").clone();
    assert!(first.call_records.is_empty());
    assert!(role_total(&first, "reduceFunc") > 0);
    m.apply(Action::SelectCell(Some(("hi".into(), first.time_ms))));
    let g = Mounted::with_props::<CallsGrid>(props(m).into()).await;
    assert!(
        g.text_of(".call-list")
            .contains(&Lang::En.calls_dropped(dstream_web::model::RECORD_BATCHES)),
        "{}",
        g.text_of(".call-list")
    );
}

#[wasm_bindgen_test]
async fn calls_grid_follows_a_key() {
    let rec = Recorder::default();
    let g = Mounted::with_props::<CallsGrid>(
        ViewProps::new(english(stepped(6)), rec.callback()).into(),
    )
    .await;
    g.click("tr[data-key='hi'] button.follow").await;
    assert_eq!(rec.actions(), [Action::Follow(Some("hi".into()))]);
    let mut m = english(stepped(6));
    m.apply(Action::Follow(Some("hi".into())));
    let g = Mounted::with_props::<CallsGrid>(props(m).into()).await;
    assert_eq!(g.attr("tbody tr", "data-key").as_deref(), Some("hi"));
    assert!(g.text_of(".call-list h3").contains("hi"));
}

#[wasm_bindgen_test]
async fn console_prints_batches_and_explains_errors() {
    let c = Mounted::with_props::<Console>(props(english(stepped(2))).into()).await;
    assert!(c.text().contains("Time: 2000 ms"));
    assert!(c.text().contains("(hi,4)"));
    assert_eq!(c.attr(".console", "role").as_deref(), Some("log"));
    drop(c);

    let mut m = english(stepped(1));
    let mut ctl = m.controls();
    ctl.window_ms = 2500;
    m.apply(Action::SetControls(ctl));
    let c = Mounted::with_props::<Console>(props(m).into()).await;
    let err = c.text_of(".spark-error");
    assert!(err.starts_with("Exception in thread \"main\" java.lang.IllegalArgumentException: requirement failed: The window duration of ReducedWindowedDStream (2500 ms) must be multiple of the slide duration of parent DStream (1000 ms)"), "{err}");
    assert!(c.text_of(".explain").contains("multiples"));
    assert_eq!(c.attr(".error", "role").as_deref(), Some("alert"));
    drop(c);

    // A message of several lines is shown whole: Spark's advice follows its first line.
    let mut m = english(stepped(0));
    let nested = m.session.program.replace(
        "wordCounts.print()",
        "wordCounts.print()\nlines.foreachRDD(rdd => println(rdd.map(x => rdd.count()).collect().toList))",
    );
    m.apply(Action::SetProgram(nested));
    m.apply(Action::Step);
    settle(&mut m);
    let c = Mounted::with_props::<Console>(props(m).into()).await;
    let err = c.text_of(".spark-error");
    assert!(err.starts_with("Exception in thread \"main\" org.apache.spark.SparkException: This RDD lacks a SparkContext. It could happen in the following cases:\n(1) RDD transformations"), "{err}");
    assert!(
        err.contains("SPARK-5063") && err.contains("SPARK-13758"),
        "{err}"
    );
    assert!(c.text_of(".explain").contains("Only the driver can call"));
}

#[wasm_bindgen_test]
async fn console_lists_the_files_a_save_wrote_where_spark_prints_nothing() {
    let mut m = english(stepped(2));
    let saving = m.session.program.replace(
        "wordCounts.print()",
        "wordCounts.saveAsTextFiles(\"out/counts\", \"txt\")",
    );
    m.apply(Action::SetProgram(saving));
    settle(&mut m);
    let c = Mounted::with_props::<Console>(props(m).into()).await;
    let text = c.text();
    assert!(!text.contains("Time: 2000 ms"), "{text}");
    let summaries: Vec<String> = c
        .all(".batch-out .files summary")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(
        summaries[1].contains("wrote out/counts-2000.txt/"),
        "{summaries:?}"
    );
    let files = c.text_of(".batch-out[data-time='2000'] .files pre");
    assert!(
        files.contains("out/counts-2000.txt/part-00000\n"),
        "{files}"
    );
    assert!(files.contains("(hi,"), "{files}");
    assert!(files.ends_with("out/counts-2000.txt/_SUCCESS\n"), "{files}");
}

#[wasm_bindgen_test]
async fn mirror_has_a_row_per_batch_and_narrates() {
    let mm = Mounted::with_props::<Mirror>(props(english(stepped(6))).into()).await;
    assert_eq!(mm.all(".mirror-table tbody tr").len(), 6);
    let row = mm.text_of(".mirror-table tr[data-time='6000'] .mirror-calls");
    assert!(
        row.contains("reduceFunc 3") && row.contains("invReduceFunc 2"),
        "{row}"
    );
    // The window cell: its first and last batch and how many, not a list of times.
    let window = |t: i64| {
        mm.text_of(&format!(
            ".mirror-table tr[data-time='{t}'] td:nth-child(3)"
        ))
    };
    assert_eq!(window(1000), "1000 ms (1 batch)");
    assert_eq!(window(6000), "2000–6000 ms (5 batches)");
    assert_eq!(
        mm.text_of(".narration"),
        "Batch 6000 ms: 1 input line(s); the window covers 2000–6000 ms (1 batch(es) entered, 1 left); user function calls: reduceFunc 3 times, invReduceFunc 2 times; 2 output line(s)."
    );
}

#[wasm_bindgen_test]
async fn mirror_rows_are_the_calls_grids_batches() {
    let times = |m: &Mounted, sel: &str| -> Vec<String> {
        m.all(sel)
            .iter()
            .filter_map(|e| e.get_attribute("data-time"))
            .collect()
    };
    let mut m = english(stepped(14));
    for selected in [None, Some(3000)] {
        m.apply(Action::Select(selected));
        let grid = Mounted::with_props::<CallsGrid>(props(m.clone()).into()).await;
        let columns = times(&grid, ".calls-grid th.col-head");
        drop(grid);
        let mirror = Mounted::with_props::<Mirror>(props(m.clone()).into()).await;
        let rows = times(&mirror, ".mirror-table tbody tr");
        assert_eq!(rows, columns, "selected {selected:?}");
        let focus = selected.unwrap_or(14_000).to_string();
        assert!(rows.contains(&focus), "{rows:?} has {focus}");
        assert!(rows.len() <= 6 && rows.len() < 14, "{rows:?}");
        assert_eq!(
            mirror.attr(".mirror-table tr.focus", "data-time"),
            Some(focus)
        );
    }
}

#[wasm_bindgen_test]
async fn state_panel_shows_state_per_key() {
    let mut m = english(stepped(0));
    let mut ctl = m.controls();
    ctl.pipeline = Pipeline::UpdateStateByKey;
    m.apply(Action::SetControls(ctl));
    for _ in 0..3 {
        m.apply(Action::Step);
    }
    let s = Mounted::with_props::<StatePanel>(props(m).into()).await;
    let table = s.text_of(".state-table");
    assert!(table.contains("hello") && table.contains("hi"), "{table}");
    assert!(table.contains("3000 ms"));
    drop(s);
    // Before the first batch: the default program's inverse window will keep state...
    let s = Mounted::with_props::<StatePanel>(props(english(stepped(0))).into()).await;
    assert_eq!(s.text_of(".placeholder"), EN.state_waiting);
    drop(s);
    // ...a plain reduceByKey never will.
    let mut m = english(stepped(0));
    let mut ctl = m.controls();
    ctl.pipeline = Pipeline::ReduceByKey;
    m.apply(Action::SetControls(ctl));
    m.apply(Action::Step);
    let s = Mounted::with_props::<StatePanel>(props(m).into()).await;
    assert_eq!(s.text_of(".placeholder"), EN.state.placeholder);
}

#[wasm_bindgen_test]
async fn terminal_paste_of_several_lines_sends_them_all() {
    use wasm_bindgen::JsCast;
    let rec = Recorder::default();
    let t = Mounted::with_props::<Terminal>(ViewProps::new(Model::default(), rec.callback())).await;
    let data = web_sys::DataTransfer::new().expect("a DataTransfer");
    data.set_data("text", "hello hi hi\nspark\n")
        .expect("set_data");
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).expect("a paste");
    t.one("input.term-input")
        .dyn_into::<web_sys::EventTarget>()
        .expect("a target")
        .dispatch_event(&e)
        .expect("dispatching");
    dstream_browser_tests::flush().await;
    assert_eq!(
        rec.actions(),
        [Action::Send(vec!["hello hi hi".into(), "spark".into()])]
    );
}

/// The default model in `lang` with the program broken at its last call.
fn broken_print(lang: Lang) -> Model {
    let mut m = Model::default();
    m.apply(Action::SetLang(lang));
    let broken = m
        .session
        .program
        .replace("wordCounts.print()", "wordCounts.print(");
    m.apply(Action::SetProgram(broken));
    m
}

#[wasm_bindgen_test]
async fn editor_diagnostics_speak_the_page_language_and_move_the_caret() {
    use dstream_engine::scala::diag;
    use wasm_bindgen::JsCast;
    let m = broken_print(Lang::Zh);
    let program = m.session.program.clone();
    let d = m.trace.error.as_ref().expect("a parse error").diagnostics[0].clone();
    let zh = diag::render(&d.kind, &d.args, diag::Lang::Zh).expect("a known kind");
    assert_ne!(zh, d.message, "the Chinese message is not the English one");
    let ed = Mounted::with_props::<Editor>(props(m).into()).await;
    // Listed under the editor with its position, in Chinese.
    let item = ed.text_of(".problems li .diag-jump");
    assert_eq!(item, format!("{}:{} {zh}", d.line, d.col));
    // Underlined, with the same message on hover.
    assert_eq!(
        ed.attr(".code-overlay .diag", "title").as_deref(),
        Some(zh.as_str())
    );
    assert!(ed.attr("textarea", "aria-describedby").is_none());
    // The list's button puts the caret at the diagnostic, and the keyboard's tooltip shows.
    ed.click(".problems .diag-jump").await;
    let area: web_sys::HtmlTextAreaElement = ed.one("textarea").dyn_into().expect("a textarea");
    let want = dstream_web::highlight::caret_offset(&program, d.line, d.col);
    assert_eq!(area.selection_start().ok().flatten(), Some(want));
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|doc| doc.active_element());
    assert_eq!(
        active.as_ref(),
        Some(area.as_ref()),
        "the textarea has focus"
    );
    assert_eq!(
        ed.attr("textarea", "aria-describedby").as_deref(),
        Some("editor-caret-diag")
    );
    assert_eq!(
        ed.attr("#editor-caret-diag", "role").as_deref(),
        Some("tooltip")
    );
    assert_eq!(ed.text_of("#editor-caret-diag"), zh);
    drop(ed);

    // The same program in English says the engine's English message.
    let ed = Mounted::with_props::<Editor>(props(broken_print(Lang::En)).into()).await;
    assert_eq!(
        ed.text_of(".problems li .diag-msg"),
        d.message,
        "English is the trace's own message"
    );
}

#[wasm_bindgen_test]
async fn editor_lists_spark_exceptions_word_for_word_with_our_explanation() {
    let mut m = stepped(1);
    let mut ctl = m.controls();
    ctl.window_ms = 2500;
    m.apply(Action::SetControls(ctl));
    dstream_browser_tests::settle(&mut m);
    let e = m.trace.error.clone().expect("Spark's window error");
    let ed = Mounted::with_props::<Editor>(props(m).into()).await;
    let spark = ed.text_of(".problems li.exception .diag-msg");
    assert_eq!(
        spark,
        format!("Exception in thread \"main\" {}: {}", e.class, e.message)
    );
    assert!(spark.contains("must be multiple of the slide duration"));
    assert_eq!(
        ed.text_of(".problems li.exception .diag-explain"),
        format!(
            "{}: {}",
            dstream_web::i18n::ZH.explanation,
            Lang::Zh.explain(&e)
        )
    );
    // Where the trace locates the exception, it is underlined (Spark's text and ours on hover)
    // and its entry is a button; otherwise the list says when it happened.
    match (e.line, e.col) {
        (Some(line), Some(col)) => {
            assert_eq!(
                ed.text_of(".problems li.exception .diag-jump .diag-pos"),
                format!("{line}:{col}")
            );
            let title = ed.attr(".code-overlay .diag", "title").unwrap_or_default();
            assert!(title.starts_with(&spark), "{title}");
        }
        _ => {
            assert!(ed
                .text_of(".problems li.exception .diag-pos")
                .contains(dstream_web::i18n::ZH.diag_no_position));
            assert!(!ed.has(".code-overlay .diag"));
        }
    }
}

#[wasm_bindgen_test]
async fn compare_runs_only_when_open_and_marks_what_differs() {
    let m = english(stepped(6));
    let c = Mounted::with_props::<Compare>(props(m.clone())).await;
    assert!(!c.has("table"), "closed: nothing run, nothing drawn");
    assert_eq!(
        c.attr(".compare-toggle", "aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(
        c.attr(".compare-pairs", "aria-label").as_deref(),
        Some(dstream_web::i18n::EN.compare_pick)
    );
    c.click("button[data-pair='inverse']").await;
    assert_eq!(
        c.attr(".compare-toggle", "aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(
        c.attr("button[data-pair='inverse']", "aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        c.text_of(".compare-sides"),
        "A: reduceByKeyAndWindow with inverseB: reduceByKeyAndWindow, no inverse"
    );
    assert_eq!(
        c.text_of(".compare-table caption"),
        dstream_web::i18n::EN.compare_caption
    );
    // B is what the engine computes for the program with the inverse off.
    let [_, (_, b_program)] = compare::sides(&m.session.program, 0).expect("two sides");
    let mut b_session = m.session.clone();
    b_session.program = b_program;
    let b = Model::new(b_session, None);
    let count = |side: &str, role: &str, t: i64| {
        c.attr(
            &format!("td[data-side='{side}'][data-role='{role}'][data-time='{t}']"),
            "data-count",
        )
        .and_then(|n| n.parse::<u64>().ok())
    };
    assert_eq!(count("a", "reduceFunc", 6000), Some(3));
    assert_eq!(count("a", "invReduceFunc", 6000), Some(2));
    assert_eq!(
        count("b", "reduceFunc", 6000),
        Some(role_total(&b.trace.batches[5], "reduceFunc"))
    );
    assert_eq!(count("b", "invReduceFunc", 6000), Some(0));
    let inv_b = c.one("td[data-side='b'][data-role='invReduceFunc'][data-time='6000']");
    assert!(inv_b.class_name().contains("differs"));
    assert!(inv_b.text_content().unwrap_or_default().contains("differs"));
    // The same window gives the same print() output, unmarked.
    assert!(!c
        .one("tr[data-time='6000'] td.compare-out[data-side='a']")
        .class_name()
        .contains("differs"));
    let differ = m
        .trace
        .batches
        .iter()
        .zip(&b.trace.batches)
        .filter(|(x, y)| {
            compare::batch_differs(
                Some(x),
                Some(y),
                &["reduceFunc".into(), "invReduceFunc".into()],
            )
        })
        .count();
    assert!(differ > 0);
    assert_eq!(
        c.text_of(".compare-summary"),
        Lang::En.compare_summary(differ, 6)
    );
    assert_eq!(
        c.attr(".compare-summary", "role").as_deref(),
        Some("status")
    );

    // Another pair: both sides rewritten from the learner's program.
    c.click("button[data-pair='window-order']").await;
    let sides: Vec<_> = c
        .all(".compare-sides li")
        .iter()
        .map(|li| li.get_attribute("data-pipeline").unwrap_or_default())
        .collect();
    assert_eq!(sides, ["window-reduceByKey", "reduceByKey-window"]);
    assert!(c.has("td[data-side='a'][data-role='reduceFunc'][data-time='6000']"));
    c.click(".compare-toggle").await;
    assert!(!c.has("table"));
}

#[wasm_bindgen_test]
async fn timeline_moves_typed_lines_by_keys_and_drag_but_not_generated_ones() {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let mut m = english(stepped(2));
    m.apply(Action::Send(vec!["spark".into()]));
    m.apply(Action::Step);
    let rec = Recorder::default();
    let tl = Mounted::with_props::<Timeline>(ViewProps::new(m, rec.callback())).await;
    let typed = "rect.tl-line.typed[data-index='0']";
    assert_eq!(tl.attr(typed, "role").as_deref(), Some("slider"));
    assert_eq!(tl.attr(typed, "tabindex").as_deref(), Some("0"));
    assert_eq!(
        tl.attr(typed, "aria-label").as_deref(),
        Some("input line spark")
    );
    assert_eq!(tl.attr(typed, "aria-valuenow").as_deref(), Some("2000"));
    assert_eq!(
        tl.attr(typed, "aria-valuetext").as_deref(),
        Some("2.0 s · batch 3000 ms")
    );
    assert!(tl.text_of(&format!("{typed} title")).contains("Drag it"));
    // Generated lines: no focus, and a tooltip that says they cannot move.
    let generated = tl.all("rect.tl-line.generated");
    assert!(!generated.is_empty());
    for g in &generated {
        assert!(g.get_attribute("tabindex").is_none());
        assert!(g
            .text_content()
            .unwrap_or_default()
            .contains("cannot be moved"));
    }

    // Arrow keys move the line one batch, and do not reach the page's shortcuts.
    let reached = Rc::new(Cell::new(0));
    let spy = {
        let reached = reached.clone();
        Closure::<dyn Fn()>::new(move || reached.set(reached.get() + 1))
    };
    let window = web_sys::window().expect("a window");
    window
        .add_event_listener_with_callback("keydown", spy.as_ref().unchecked_ref())
        .expect("listening");
    tl.key(Some(typed), "ArrowRight", false).await;
    tl.key(Some(typed), "ArrowLeft", false).await;
    window
        .remove_event_listener_with_callback("keydown", spy.as_ref().unchecked_ref())
        .expect("unlistening");
    assert_eq!(reached.get(), 0, "the shortcuts did not see the keys");
    assert_eq!(
        rec.actions(),
        [
            Action::MoveLine {
                index: 0,
                at_ms: 3000
            },
            Action::MoveLine {
                index: 0,
                at_ms: 1000
            },
        ]
    );

    // Dragged two columns to the right: it lands two batches later.
    let svg_w = tl
        .one("svg.timeline-svg")
        .get_bounding_client_rect()
        .width();
    let col_px = svg_w * 52.0 / 848.0;
    let el = tl.one(typed);
    let pointer = |kind: &str, x: f64| {
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_pointer_id(7);
        init.set_button(0);
        init.set_client_x(x as i32);
        let e =
            web_sys::PointerEvent::new_with_event_init_dict(kind, &init).expect("a pointer event");
        el.dispatch_event(&e).expect("dispatching");
    };
    pointer("pointerdown", 100.0);
    dstream_browser_tests::flush().await;
    pointer("pointermove", 100.0 + 2.0 * col_px);
    dstream_browser_tests::flush().await;
    assert!(tl
        .attr(typed, "class")
        .unwrap_or_default()
        .contains("dragging"));
    assert_eq!(
        tl.attr("g.tl-batch.drop-target", "data-time").as_deref(),
        Some("5000")
    );
    pointer("pointerup", 100.0 + 2.0 * col_px);
    dstream_browser_tests::flush().await;
    assert_eq!(
        rec.actions().last(),
        Some(&Action::MoveLine {
            index: 0,
            at_ms: 4000
        })
    );
    assert!(!tl.has("g.tl-batch.drop-target"));
}

/// Lesson 11's program and Kafka records, `n` batches in.
fn kafka_model(n: i64) -> Model {
    use dstream_web::components::kafka::KafkaSession;
    let sc = (dstream_engine::lessons::lesson("kafka")
        .expect("lesson 11")
        .preset)();
    let mut m = english(Model::default());
    m.apply(Action::SetProgram(sc.program.clone()));
    m.apply(Action::SetKafka(
        KafkaSession::from_scenario(&sc).expect("the preset has Kafka"),
    ));
    m.apply(Action::SeekBatch(n));
    dstream_browser_tests::settle(&mut m);
    m
}

#[wasm_bindgen_test]
async fn kafka_producer_sends_key_value_lines_at_virtual_now() {
    use dstream_web::components::kafka::KafkaProducer;
    let rec = Recorder::default();
    let p =
        Mounted::with_props::<KafkaProducer>(ViewProps::new(kafka_model(2), rec.callback())).await;
    assert_eq!(p.text_of("h2"), "Kafka producer");
    assert!(p.text_of(".kafka-topic").contains("clicks (2)"));
    p.set_value("input.kafka-input", "u9 click").await;
    p.key(Some("input.kafka-input"), "Enter", true).await;
    assert!(rec.actions().is_empty(), "no send while composing");
    p.key(Some("input.kafka-input"), "Enter", false).await;
    assert_eq!(rec.actions(), [Action::Produce(vec!["u9 click".into()])]);
    // The reducer stamps it at the cursor, keyed.
    let mut m = kafka_model(2);
    let at = m.session.cursor_ms;
    m.apply(Action::Produce(vec!["u9 click".into()]));
    let r = m
        .session
        .kafka
        .as_ref()
        .and_then(|k| k.records.last().cloned())
        .expect("a record");
    assert_eq!(
        (r.at_ms, r.key.as_deref(), r.value.as_str()),
        (at, Some("u9"), "click")
    );
}

#[wasm_bindgen_test]
async fn kafka_partitions_show_logs_ranges_and_commits() {
    use dstream_web::components::kafka::KafkaPartitions;
    let m = kafka_model(3);
    let want_ranges = m
        .trace
        .batches
        .iter()
        .filter(|b| !b.kafka_ranges.is_empty())
        .count();
    let p = Mounted::with_props::<KafkaPartitions>(props(m)).await;
    assert_eq!(p.all(".kafka-partition").len(), 2);
    assert!(p.text_of(".kafka-logs").contains("clicks-0"));
    assert_eq!(p.all(".kafka-range").len(), want_ranges);
    assert!(want_ranges >= 3);
    // Batch 1 s's commitAsync reached Kafka when batch 2 s was generated.
    assert!(
        p.text_of(".kafka-committed").contains("clicks-"),
        "{}",
        p.text_of(".kafka-committed")
    );
}

#[wasm_bindgen_test]
async fn kafka_lab_counts_per_sink_and_applies_presets() {
    use dstream_engine::kafka::delivery::{simulate, CommitStrategy, Sink};
    use dstream_web::components::kafka::KafkaLab;
    let m = kafka_model(3);
    let k = m.session.kafka.clone().expect("kafka");
    let rec = Recorder::default();
    let lab = Mounted::with_props::<KafkaLab>(ViewProps::new(m.clone(), rec.callback())).await;
    // Default: crash after batch 2's output, before its commit; commitAsync after the output.
    let last = k.records.iter().map(|r| r.at_ms).max().unwrap_or(0);
    let batches = ((last / 1000) as usize + 2).max(k.lab.crash_batch + 2);
    let append = simulate(&k.delivery(1000, batches, Sink::Append));
    assert!(append.duplicated > 0, "at least once repeats the batch");
    assert_eq!(lab.text_of(".sink-0 .dup"), append.duplicated.to_string());
    assert_eq!(lab.text_of(".sink-1 .dup"), "0", "an upsert overwrites");
    assert_eq!(lab.text_of(".sink-2 .lost"), "0");
    lab.click(".preset-0").await;
    match rec.actions().last() {
        Some(Action::SetKafka(s)) => assert_eq!(s.lab.commit, CommitStrategy::AutoCommit),
        other => panic!("{other:?}"),
    }
}

/// The last `SetKafka` the lab dispatched.
fn last_kafka(rec: &Recorder) -> dstream_web::components::kafka::KafkaSession {
    match rec.actions().last() {
        Some(Action::SetKafka(k)) => k.clone(),
        other => panic!("expected SetKafka, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn kafka_lab_sets_two_driver_crashes_each_with_its_restart() {
    use dstream_engine::kafka::delivery::Restart;
    use dstream_web::components::kafka::KafkaLab;
    use wasm_bindgen::JsCast;
    let mut m = kafka_model(3);
    let mut k = m.session.kafka.clone().expect("kafka");
    k.driver_crash.0.clear();
    m.apply(Action::SetKafka(k));
    let mount = |m: &Model| {
        let rec = Recorder::default();
        let lab = Mounted::with_props::<KafkaLab>(ViewProps::new(m.clone(), rec.callback()));
        (rec, lab)
    };
    // No crash yet: no row and no second crash to set.
    let (rec, lab) = mount(&m);
    let lab = lab.await;
    assert!(lab.all(".kafka-crash").is_empty());
    assert!(!lab.has(".kafka-crash-second"));
    lab.set_value("input.kafka-crash-program", "true").await;
    let k = last_kafka(&rec);
    let first = m.session.cursor_ms.max(1000);
    assert_eq!(
        k.driver_crash
            .0
            .iter()
            .map(|c| (c.at_ms, c.restart))
            .collect::<Vec<_>>(),
        vec![(first, Restart::Checkpoint)]
    );
    m.apply(Action::SetKafka(k));
    // One crash: its row, and the second crash offered one batch after it.
    let (rec, lab) = mount(&m);
    let lab = lab.await;
    assert_eq!(lab.all(".kafka-crash").len(), 1);
    lab.set_value("input.kafka-crash-second", "true").await;
    let k = last_kafka(&rec);
    let at: Vec<i64> = k.driver_crash.0.iter().map(|c| c.at_ms).collect();
    assert_eq!(at, vec![first, first + 1000]);
    m.apply(Action::SetKafka(k));
    // Two rows; the second restarts from Kafka's committed offsets, at a moment typed in.
    let (rec, lab) = mount(&m);
    let lab = lab.await;
    assert_eq!(lab.all(".kafka-crash").len(), 2);
    let second = lab.all("input.kafka-crash-at")[1]
        .clone()
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("an input");
    assert_eq!(second.value(), (first + 1000).to_string());
    let restart = lab.all("select.kafka-crash-restart")[1]
        .clone()
        .dyn_into::<web_sys::HtmlSelectElement>()
        .expect("a select");
    restart.set_value("0"); // RESTARTS[0]: Kafka's committed offsets
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    restart
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &init).expect("an event"),
        )
        .expect("dispatching");
    dstream_browser_tests::flush().await;
    let k = last_kafka(&rec);
    assert_eq!(k.driver_crash.0[1].restart, Restart::KafkaOffsets);
    assert_eq!(k.driver_crash.0[0].restart, Restart::Checkpoint);
    m.apply(Action::SetKafka(k));
    // Once time has passed both crashes, the run has restarted twice, in order, and the lab
    // says so.
    m.apply(Action::SeekBatch(8));
    while m.progress.is_some() {
        // A long run is computed a slice at a time; the page asks for the rest after a frame.
        m.apply(Action::Continue);
    }
    let crashed: Vec<i64> = m.trace.restarts.iter().map(|r| r.crash_ms).collect();
    assert_eq!(crashed, vec![first, first + 1000]);
    let (_, lab) = mount(&m);
    let lab = lab.await;
    assert_eq!(lab.all(".kafka-restart").len(), 2);
    // Unchecking the first crash removes both.
    let (rec, lab) = mount(&m);
    let lab = lab.await;
    lab.set_value("input.kafka-crash-program", "false").await;
    assert!(last_kafka(&rec).driver_crash.0.is_empty());
}

#[wasm_bindgen_test]
async fn stats_chart_and_table_the_batches_as_the_trace_says() {
    use dstream_web::components::stats::Stats;
    // Before a batch: the placeholder, no table, no cost note or engine time; the benchmark
    // button dispatches the benchmark.
    let rec = Recorder::default();
    let empty =
        Mounted::with_props::<Stats>(ViewProps::new(english(stepped(0)), rec.callback()).into())
            .await;
    assert_eq!(empty.text_of(".placeholder"), "No batch yet.");
    assert!(!empty.has(".stats-table") && !empty.has(".cost-model") && !empty.has(".engine-time"));
    empty.click("button.bench").await;
    assert!(
        matches!(rec.actions().last(), Some(Action::Bench)),
        "{:?}",
        rec.actions()
    );
    drop(empty);

    // Twelve batches: the table lists the newest eight, newest first, with the trace's figures.
    let m = english(stepped(12));
    let st = Mounted::with_props::<Stats>(props(m.clone()).into()).await;
    let rows = st.all(".stats-table tbody tr");
    let times: Vec<String> = rows
        .iter()
        .filter_map(|r| r.get_attribute("data-time"))
        .collect();
    let want: Vec<String> = (5..=12).rev().map(|s| (s * 1000).to_string()).collect();
    assert_eq!(times, want);
    let newest = m.trace.batches.last().expect("a batch");
    let cells: Vec<String> = st
        .all(".stats-table tbody tr:first-child > *")
        .iter()
        .map(|c| c.text_content().unwrap_or_default())
        .collect();
    let ms = |v: Option<i64>| format!("{} ms", v.expect("a figure"));
    assert_eq!(
        cells,
        [
            "12000 ms".to_string(),
            newest.num_records.to_string(),
            ms(newest.scheduling_delay_ms),
            ms(newest.processing_ms),
            ms(newest.total_delay_ms),
            newest.jobs.to_string(),
        ]
    );
    // One line a second: one record, an input rate of 1.0 /s; four charts of a bar per batch,
    // each named for a screen reader by its title and latest figure.
    assert_eq!(newest.num_records, 1);
    let charts = st.all("figure.rate svg[role='img']");
    assert_eq!(charts.len(), 4);
    assert_eq!(
        charts[0].get_attribute("aria-label").as_deref(),
        Some("Input rate: 1.0 /s")
    );
    assert_eq!(st.all("figure.rate:first-child rect.rate-bar").len(), 12);
    assert!(st.text_of(".cost-model").contains("20 ms per job"));
    assert!(st
        .text_of(".engine-time")
        .starts_with("The engine's last run here took"));
    assert_eq!(st.text_of(".stats-table thead th:last-child"), "Jobs");
}
