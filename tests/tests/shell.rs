//! The app shell in a real browser: the five panels are there, and the language switch changes
//! their titles.
#![cfg(target_arch = "wasm32")]

use dstream_browser_tests::Mounted;
use dstream_web::i18n::{EN, ZH};
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

#[wasm_bindgen_test]
async fn shell_shows_title_and_five_panels() {
    let app = Mounted::new::<App>().await;
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
        ["program", "terminal", "timeline", "calls", "console"]
    );
    for section in app.all("section.panel") {
        let placeholder = section.query_selector(".placeholder").unwrap();
        assert!(placeholder.is_some_and(|p| !p.text_content().unwrap_or_default().is_empty()));
    }
}

#[wasm_bindgen_test]
async fn shell_starts_in_chinese() {
    let app = Mounted::new::<App>().await;
    assert_eq!(
        panel_titles(&app),
        ["程序", "nc 终端", "时间线", "调用", "控制台"]
    );
    assert!(app.text().contains(ZH.subtitle));
}

#[wasm_bindgen_test]
async fn language_switch_changes_panel_titles() {
    let app = Mounted::new::<App>().await;
    app.click("button[data-lang='en']").await;
    assert_eq!(
        panel_titles(&app),
        ["Program", "nc terminal", "Timeline", "Calls", "Console"]
    );
    assert!(app.text().contains(EN.subtitle));
    assert_eq!(
        app.one("button[data-lang='en']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );

    app.click("button[data-lang='zh-CN']").await;
    assert_eq!(
        panel_titles(&app),
        ["程序", "nc 终端", "时间线", "调用", "控制台"]
    );
    assert!(app.text().contains(ZH.program.placeholder));
}
