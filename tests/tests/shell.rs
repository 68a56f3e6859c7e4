//! The whole app in a real browser: the panels are there, the language switch changes their
//! titles, the language follows the saved choice and else the browser, the first visit is
//! paused at 0 with a hint, stepping six batches shows the
//! inverse window's calls, shortcuts work outside text fields only, and the session survives a
//! remount (a corrupt save falls back to the default with a notice).
#![cfg(target_arch = "wasm32")]

use dstream_browser_tests::{clear_storage, saved, set_saved, set_saved_lang, Mounted};
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
    clear_storage();
    set_saved_lang("zh");
    Mounted::new::<App>().await
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
    let app = fresh_app().await;
    app.click("button[data-lang='en']").await;
    for _ in 0..6 {
        app.click("button.step").await;
    }
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
    app.key(None, "?", false).await;
    assert!(app.has("[role='dialog']"));
    app.key(None, "Escape", false).await;
    assert!(!app.has("[role='dialog']"));
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
    drop(app);
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
