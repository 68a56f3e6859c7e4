//! The whole app in a real browser: the panels are there, the language switch changes their
//! titles, the language follows the saved choice and else the browser, the first visit is
//! paused at 0 with a hint, stepping six batches shows the
//! inverse window's calls, shortcuts work outside text fields only, and the session survives a
//! remount (a corrupt save falls back to the default with a notice). Markup typed, pasted or
//! saved stays text; oversized or out-of-range saves are refused unread; the embed API reads
//! commands of a known shape only. An edit draws the panels in view first, the others (`aria-busy`
//! meanwhile) a frame later.
#![cfg(target_arch = "wasm32")]

use dstream_browser_tests::{clear_storage, flush, saved, set_saved, set_saved_lang, Mounted};
use dstream_web::i18n::{Lang, EN, ZH};
use dstream_web::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The panel titles, in page order.
fn panel_titles(app: &Mounted) -> Vec<String> {
    app.all("section.panel")
        .iter()
        .map(|s| s.get_attribute("aria-label").unwrap_or_default())
        .collect()
}

/// A first visit with Chinese chosen before (the saved choice beats the browser's language).
async fn fresh_app() -> Mounted {
    // A previous test's app may still be unmounting, and it saves its session as it goes.
    flush().await;
    clear_storage();
    set_saved_lang("zh");
    Mounted::new::<App>().await
}

/// A first visit in English, stepped six batches: the default program's window has slid.
async fn six_steps_in_english() -> Mounted {
    let app = fresh_app().await;
    app.click("button[data-lang='en']").await;
    for _ in 0..6 {
        app.click("button.step").await;
    }
    app
}

#[wasm_bindgen_test]
async fn without_a_saved_choice_the_language_is_the_browsers() {
    clear_storage();
    let app = Mounted::new::<App>().await;
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    assert_eq!(panel_titles(&app)[0], browser.strings().program.title);
    drop(app);
    set_saved_lang("en");
    let app = Mounted::new::<App>().await;
    assert_eq!(panel_titles(&app)[0], "Program");
}

#[wasm_bindgen_test]
async fn shell_shows_title_and_panels() {
    let app = fresh_app().await;
    assert_eq!(
        app.one("h1").text_content().as_deref(),
        Some("DStream Playground")
    );
    let areas: Vec<String> = app
        .all("section.panel")
        .iter()
        .map(|s| s.get_attribute("data-panel").unwrap_or_default())
        .collect();
    assert_eq!(
        areas,
        [
            "program", "terminal", "timeline", "calls", "console", "mirror", "state", "stats",
            "compare"
        ]
    );
}

#[wasm_bindgen_test]
async fn shell_starts_in_chinese_paused_with_a_hint() {
    let app = fresh_app().await;
    assert_eq!(
        panel_titles(&app)[..5],
        ["程序", "nc 终端", "时间线", "调用", "控制台"]
    );
    assert!(app.text().contains(ZH.subtitle));
    assert_eq!(app.text_of(".hint"), ZH.hint);
    assert_eq!(
        app.attr("button.play", "aria-pressed").as_deref(),
        Some("false")
    );
    assert!(app
        .value("textarea.code-input")
        .contains("reduceByKeyAndWindow(_ + _, _ - _, Seconds(5), Seconds(1))"));
}

#[wasm_bindgen_test]
async fn language_switch_changes_panel_titles() {
    let app = fresh_app().await;
    app.click("button[data-lang='en']").await;
    assert_eq!(
        panel_titles(&app)[..5],
        ["Program", "nc terminal", "Timeline", "Calls", "Console"]
    );
    assert!(app.text().contains(EN.subtitle));
    assert_eq!(
        app.attr("button[data-lang='en']", "aria-pressed")
            .as_deref(),
        Some("true")
    );
    app.click("button[data-lang='zh-CN']").await;
    assert_eq!(panel_titles(&app)[0], "程序");
}

#[wasm_bindgen_test]
async fn six_steps_show_three_reduce_and_two_inverse_calls() {
    let app = six_steps_in_english().await;
    assert!(!app.has(".hint"));
    let total = |role: &str| {
        app.attr(
            &format!("td.total[data-time='6000'] .mark[data-role='{role}']"),
            "data-count",
        )
    };
    assert_eq!(total("reduceFunc").as_deref(), Some("3"));
    assert_eq!(total("invReduceFunc").as_deref(), Some("2"));
    let narration = app.text_of(".narration");
    assert!(narration.contains("reduceFunc 3 times"), "{narration}");
    assert!(narration.contains("invReduceFunc 2 times"), "{narration}");
    assert_eq!(
        app.attr(".narration", "aria-live").as_deref(),
        Some("polite")
    );

    // A click on a cell lists its calls in order.
    app.click("td.cell[data-key='hi'][data-time='6000'] button")
        .await;
    let calls: Vec<String> = app
        .all(".call-list li code")
        .iter()
        .map(|c| c.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        calls,
        [
            "reduceFunc(1, 1) = 2",
            "invReduceFunc(10, 2) = 8",
            "reduceFunc(8, 2) = 10"
        ]
    );

    // Step back is exact: batch 5000 has no inverse call.
    app.click("button.step-back").await;
    assert!(!app.has("td.total[data-time='5000'] .mark[data-role='invReduceFunc']"));
}

#[wasm_bindgen_test]
async fn shortcuts_act_outside_text_fields_only() {
    let app = fresh_app().await;
    app.key(None, "ArrowRight", false).await;
    app.key(None, "ArrowRight", false).await;
    assert!(app.has(".mirror-table tr[data-time='2000']"));
    // Typed into the editor, the arrow key belongs to the editor.
    app.key(Some("textarea.code-input"), "ArrowRight", false)
        .await;
    assert!(!app.has(".mirror-table tr[data-time='3000']"));
    // The help is a modal dialog: focus moves into it, the clock behind it does not answer.
    app.key(None, "?", false).await;
    assert!(app.has("dialog.help[open]"));
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .expect("something focused");
    assert!(
        focused.closest("dialog.help").ok().flatten().is_some(),
        "focus is in the help"
    );
    app.key(None, "ArrowRight", false).await;
    assert!(!app.has(".mirror-table tr[data-time='3000']"));
    app.key(None, "Escape", false).await;
    assert!(!app.has("dialog.help"));
    app.key(None, "ArrowRight", false).await;
    assert!(app.has(".mirror-table tr[data-time='3000']"));
}

#[wasm_bindgen_test]
async fn session_is_restored_and_a_corrupt_save_gives_the_default() {
    let app = fresh_app().await;
    app.set_value("input.term-input", "spark spark").await;
    app.key(Some("input.term-input"), "Enter", false).await;
    app.click("button.step").await;
    app.click("button.step").await;
    let before = app.text_of(".mirror-table");
    assert!(before.contains("spark spark"));
    // Unmounted, the app writes the save that was waiting (web/src/clock.rs, use_save_soon).
    drop(app);
    flush().await;
    assert!(saved().is_some_and(|s| s.contains("spark spark")));

    let again = Mounted::new::<App>().await;
    assert_eq!(again.text_of(".mirror-table"), before);
    assert!(!again.has(".notice"));
    drop(again);

    set_saved("{ not json");
    set_saved_lang("zh");
    let broken = Mounted::new::<App>().await;
    assert_eq!(broken.text_of(".notice span"), ZH.notice_corrupt);
    assert!(!broken.has(".mirror-table"));
    broken.click(".notice button").await;
    assert!(!broken.has(".notice"));
}

/// The mark `storage::Running` leaves under the playground's session while the engine works.
fn running_mark() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| {
            s.get_item(&format!("{}/running", dstream_web::storage::KEY))
                .ok()
                .flatten()
        })
}

#[wasm_bindgen_test]
async fn a_session_whose_last_run_never_finished_is_loaded_halted_until_the_learner_acts() {
    let app = fresh_app().await;
    app.set_value("input.term-input", "halt halt").await;
    app.key(Some("input.term-input"), "Enter", false).await;
    app.click("button.step").await;
    app.click("button.step").await;
    let program = app.value("textarea.code-input");
    // The engine's work is over: no mark left.
    assert_eq!(running_mark(), None);
    drop(app);
    flush().await;

    // As if the page had died in a run: the mark is there on the next load.
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(&format!("{}/running", dstream_web::storage::KEY), "1");
    }
    let halted = Mounted::new::<App>().await;
    assert_eq!(halted.text_of(".notice span"), ZH.notice_stopped);
    // The learner's work is all there, and nothing ran.
    assert_eq!(halted.value("textarea.code-input"), program);
    assert!(halted.text_of(".term-lines").contains("halt halt"));
    assert!(!halted.has(".mirror-table tr[data-time='2000']"));
    assert!(running_mark().is_some(), "kept until a run ends");
    // A step runs it again, and the notice and the mark go.
    halted.click("button.step").await;
    assert!(halted.has(".mirror-table tr[data-time='3000']"));
    assert!(!halted.has(".notice"));
    assert_eq!(running_mark(), None);
}

/// Waits `ms` real milliseconds (for the app's own save timer).
async fn wait_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |ok, _| {
        if let Some(w) = web_sys::window() {
            #[allow(clippy::disallowed_methods)] // a test waits for the app's timer
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&ok, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Whether the saved session holds `text`.
fn saved_has(text: &str) -> bool {
    saved().is_some_and(|s| s.contains(text))
}

#[wasm_bindgen_test]
async fn a_change_is_saved_soon_after_and_at_once_when_the_page_is_left() {
    use dstream_web::clock::SAVE_AFTER_MS;
    clear_storage();
    set_saved_lang("en");
    let app = Mounted::new::<App>().await;
    app.set_value("input.term-input", "left left").await;
    app.key(Some("input.term-input"), "Enter", false).await;
    // Not in the frame that shows the line: the save waits...
    assert!(app.text_of(".term-lines").contains("left left"));
    assert!(!saved_has("left left"));
    // ...but a page being left writes it at once.
    let pagehide = web_sys::Event::new("pagehide").expect("an event");
    let window = web_sys::window().expect("a window");
    window.dispatch_event(&pagehide).expect("dispatched");
    assert!(saved_has("left left"));
    // (The first change's timer, which found nothing left to write, has run.)
    wait_ms(SAVE_AFTER_MS + 100).await;

    // Left alone, a change is written by itself, a moment later.
    app.set_value("input.term-input", "soon soon").await;
    app.key(Some("input.term-input"), "Enter", false).await;
    assert!(!saved_has("soon soon"));
    wait_ms(SAVE_AFTER_MS + 100).await;
    assert!(saved_has("soon soon"));
}

#[wasm_bindgen_test]
async fn a_first_visit_that_only_steps_keeps_its_time_on_reload() {
    let app = fresh_app().await;
    for _ in 0..3 {
        app.click("button.step").await;
    }
    assert!(app.has(".mirror-table tr[data-time='3000']"));
    drop(app);
    flush().await;
    let again = Mounted::new::<App>().await;
    assert!(again.has(".mirror-table tr[data-time='3000']"));
}

#[wasm_bindgen_test]
async fn a_mark_that_changes_function_is_replaced_not_rewritten() {
    let app = fresh_app().await;
    // "solo" in batches 1000, 3000 and 4000: at 6000, with the inverse, its cell has one
    // invReduceFunc call (batch 1000 left the window); without, one reduceFunc call (the
    // counts of batches 3000 and 4000 added).
    let solo_then_step = |steps: usize| {
        let app = &app;
        async move {
            app.set_value("input.term-input", "solo").await;
            app.key(Some("input.term-input"), "Enter", false).await;
            for _ in 0..steps {
                app.click("button.step").await;
            }
        }
    };
    solo_then_step(2).await;
    solo_then_step(1).await;
    solo_then_step(3).await;
    let cell = "td.cell[data-key='solo'][data-time='6000'] .mark";
    let inverse = app.one(cell);
    assert_eq!(
        inverse.get_attribute("data-role").as_deref(),
        Some("invReduceFunc")
    );
    app.set_value("select[name='pipeline']", "reduceByKeyAndWindow")
        .await;
    for _ in 0..100 {
        if !app.has("main.panels[aria-busy]") {
            break;
        }
        wait_ms(20).await;
    }
    let reduce = app.one(cell);
    assert_eq!(
        reduce.get_attribute("data-role").as_deref(),
        Some("reduceFunc")
    );
    assert_eq!(app.all(cell).len(), 1);
    // A new element: the inverse's mark left, it was not rewritten into reduceFunc's.
    assert!(!inverse.is_connected());
}

#[wasm_bindgen_test]
async fn an_edit_draws_the_panels_in_view_first_and_the_others_a_frame_later() {
    let app = six_steps_in_english().await;
    assert!(app.text_of(".narration").contains("invReduceFunc 2 times"));
    // The text mirror far below the viewport, the calls grid in it.
    let mirror = app.one("section[data-panel='mirror']");
    mirror
        .set_attribute("style", "margin-top: 100000px")
        .expect("a style");
    app.one("section[data-panel='calls']").scroll_into_view();
    wait_ms(100).await; // the browser reports what crossed the viewport after a frame
    let busy = |area: &str| app.has(&format!("section[data-panel='{area}'][aria-busy]"));
    assert!(!busy("mirror") && !app.has("main.panels[aria-busy]"));

    // Inverse off: the calls grid shows the new run while the mirror still shows the old one.
    app.set_value("select[name='pipeline']", "reduceByKeyAndWindow")
        .await;
    let inverse = "td.total[data-time='6000'] .mark[data-role='invReduceFunc']";
    let mut between = None;
    for _ in 0..500 {
        if !busy("calls") && !app.has(inverse) && busy("mirror") {
            between = Some(app.text_of(".narration"));
            break;
        }
        wait_ms(0).await;
    }
    let between = between.expect("a moment with the grid drawn and the mirror not yet");
    assert!(between.contains("invReduceFunc 2 times"), "{between}");
    assert!(app.has("main.panels[aria-busy]"));
    for _ in 0..100 {
        if !app.has("main.panels[aria-busy]") {
            break;
        }
        wait_ms(20).await;
    }
    assert!(!busy("mirror") && !app.has("main.panels[aria-busy]"));
    let after = app.text_of(".narration");
    assert!(!after.contains("invReduceFunc"), "{after}");
    mirror.remove_attribute("style").expect("no style");
}

/// Markup a learner might paste, or a link or save might carry.
const XSS: &str = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

/// How many `img` and `script` elements the whole document has.
fn markup_elements() -> u32 {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    doc.query_selector_all("img, script")
        .map(|l| l.length())
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn markup_typed_or_saved_stays_text() {
    clear_storage();
    set_saved_lang("en");
    let before = markup_elements();
    let app = Mounted::new::<App>().await;
    app.set_value("input.term-input", XSS).await;
    app.key(Some("input.term-input"), "Enter", false).await;
    let program = app.value("textarea.code-input");
    app.set_value(
        "textarea.code-input",
        &format!("// {XSS}\n{program}\n{XSS}"),
    )
    .await;
    assert_eq!(app.text_of(".term-line .text"), XSS);
    assert_eq!(markup_elements(), before, "no element was created");
    drop(app);
    flush().await;

    // The save now carries the markup; read back, it is text again.
    assert!(saved().is_some_and(|s| s.contains("onerror")));
    let again = Mounted::new::<App>().await;
    assert_eq!(again.text_of(".term-line .text"), XSS);
    assert!(again.value("textarea.code-input").contains(XSS));
    assert_eq!(markup_elements(), before);
}

#[wasm_bindgen_test]
async fn oversized_or_out_of_range_saves_are_refused_unread() {
    clear_storage();
    set_saved_lang("en");
    let app = Mounted::new::<App>().await;
    app.set_value("input.term-input", "a").await;
    app.key(Some("input.term-input"), "Enter", false).await;
    drop(app);
    flush().await;
    let good = saved().expect("a save");
    let big = good.replacen(
        "\"program\":\"",
        &format!("\"program\":\"{}", "x".repeat(2 << 20)),
        1,
    );
    let fast = good.replace("\"every_ms\":1000", "\"every_ms\":1");
    assert_ne!(fast, good);
    for bad in [big, fast] {
        set_saved(&bad);
        let app = Mounted::new::<App>().await;
        assert_eq!(app.text_of(".notice span"), EN.notice_corrupt);
        assert!(!app.value("textarea.code-input").contains("xxxxxxxx"));
    }
}

#[wasm_bindgen_test]
fn embed_commands_are_obeyed_only_in_known_shapes() {
    use dstream_web::embed::{parse_command, Command};
    let parse = |json: &str| parse_command(&js_sys::JSON::parse(json).expect("JSON"));
    assert_eq!(
        parse(r#"{"source":"dstream","type":"play"}"#),
        Some(Command::Play)
    );
    assert_eq!(
        parse(r#"{"source":"dstream","type":"pause"}"#),
        Some(Command::Pause)
    );
    assert_eq!(
        parse(r#"{"source":"dstream","type":"seek","batch":3}"#),
        Some(Command::Seek(3))
    );
    assert_eq!(
        parse(r#"{"source":"dstream","type":"load","state":"AQID-_x"}"#),
        Some(Command::Load("AQID-_x".into()))
    );
    let past_end = format!(
        r#"{{"source":"dstream","type":"seek","batch":{}}}"#,
        dstream_web::model::MAX_BATCHES + 1
    );
    let long = format!(
        r#"{{"source":"dstream","type":"load","state":"{}"}}"#,
        "A".repeat(dstream_web::link::MAX_ENCODED + 1)
    );
    for bad in [
        "null",
        "\"play\"",
        "42",
        "[]",
        "{}",
        r#"["dstream","play"]"#,
        r#"{"type":"play"}"#,
        r#"{"source":"DStream","type":"play"}"#,
        r#"{"source":["dstream"],"type":"play"}"#,
        r#"{"source":"dstream","type":"PLAY"}"#,
        r#"{"source":"dstream","type":"eval","code":"alert(1)"}"#,
        r#"{"source":"dstream","type":1}"#,
        r#"{"source":"dstream","type":"seek"}"#,
        r#"{"source":"dstream","type":"seek","batch":-1}"#,
        r#"{"source":"dstream","type":"seek","batch":1.5}"#,
        past_end.as_str(),
        r#"{"source":"dstream","type":"seek","batch":1e300}"#,
        r#"{"source":"dstream","type":"seek","batch":"3"}"#,
        r#"{"source":"dstream","type":"seek","batch":null}"#,
        r#"{"source":"dstream","type":"load"}"#,
        r#"{"source":"dstream","type":"load","state":""}"#,
        r#"{"source":"dstream","type":"load","state":42}"#,
        r#"{"source":"dstream","type":"load","state":"<img src=x onerror=alert(1)>"}"#,
        r#"{"source":"dstream","type":"load","state":"AQID#s=x"}"#,
        long.as_str(),
    ] {
        assert_eq!(parse(bad), None, "{}", &bad[..bad.len().min(80)]);
    }
    // Values JSON cannot write: NaN and infinity.
    for n in [f64::NAN, f64::INFINITY] {
        let obj = js_sys::JSON::parse(r#"{"source":"dstream","type":"seek"}"#).expect("JSON");
        js_sys::Reflect::set(&obj, &"batch".into(), &n.into()).expect("set");
        assert_eq!(parse_command(&obj), None);
    }
}
