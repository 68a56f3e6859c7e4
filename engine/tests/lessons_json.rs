//! The lessons' JSON files in `static/lessons/` (what the site fetches) are exactly what
//! `dstream lessons` writes from the engine's lesson definitions now, and read back into the
//! same pages. When this fails after a lesson edit, run
//! `cargo run -p dstream-engine --bin dstream -- lessons --out static/lessons`.

use std::collections::BTreeSet;
use std::path::Path;

use dstream_engine::lessons::page::{files, index, page, LessonEntry, LessonPage, INDEX_FILE};
use dstream_engine::lessons::LESSONS;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/lessons")
}

#[test]
fn the_committed_lesson_files_are_up_to_date() {
    let want = files();
    for (name, text) in &want {
        let have = std::fs::read_to_string(dir().join(name))
            .unwrap_or_else(|e| panic!("static/lessons/{name}: {e}; run `dstream lessons`"));
        assert!(
            &have == text,
            "static/lessons/{name} is stale: run `cargo run -p dstream-engine --bin dstream -- lessons --out static/lessons`"
        );
    }
    let names: BTreeSet<String> = want.into_iter().map(|(n, _)| n).collect();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            names.contains(&name),
            "static/lessons/{name}: no lesson writes it"
        );
    }
}

#[test]
fn the_files_read_back_into_the_same_pages() {
    let f = files();
    let idx: Vec<LessonEntry> = serde_json::from_str(&f[0].1).unwrap();
    assert_eq!(f[0].0, INDEX_FILE);
    assert_eq!(idx, index());
    assert_eq!(idx.len(), LESSONS.len());
    for (l, (name, text)) in LESSONS.iter().zip(&f[1..]) {
        assert_eq!(name, &format!("{}.json", l.id));
        let p: LessonPage = serde_json::from_str(text).unwrap();
        assert_eq!(p, page(l));
        assert_eq!(p.preset, (l.preset)(), "{}: the preset round-trips", l.id);
        assert_eq!(p.predictions.len(), l.predictions.len());
    }
}
