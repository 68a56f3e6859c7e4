//! The pretty printer round trip: printing a parsed program and parsing the print gives the
//! same tree (spans aside), for every golden program and every lesson snippet program; and
//! printing is stable (printing the re-parsed tree gives the same text).

use dstream_engine::scala::parser::parse;
use dstream_engine::scala::printer::print_file;
use dstream_engine::snippets::SNIPPETS;

/// The tree's debug text with every span blanked out.
fn shape(src: &str) -> String {
    let (file, _) = parse(src);
    let text = format!("{file:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        let end = after.find('}').map(|j| j + 1).unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn round_trip(name: &str, src: &str) {
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{name} does not parse cleanly: {diags:?}");
    let printed = print_file(&file);
    let (_, again) = parse(&printed);
    assert!(
        again.is_empty(),
        "{name}: the print does not parse: {again:?}\n{printed}"
    );
    assert_eq!(
        shape(src),
        shape(&printed),
        "{name}: the tree changed\n{printed}"
    );
    let (file2, _) = parse(&printed);
    assert_eq!(
        print_file(&file2),
        printed,
        "{name}: printing is not stable"
    );
}

#[test]
fn golden_programs_round_trip() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("golden dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".program.json"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("read");
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        let program = v["program"].as_str().expect("program");
        round_trip(&path.display().to_string(), program);
        n += 1;
    }
    assert!(n >= 40, "only {n} golden programs");
}

#[test]
fn snippet_programs_round_trip() {
    let mut n = 0;
    for s in SNIPPETS {
        if let Some(p) = s.program() {
            round_trip(s.id, &p);
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} snippet programs");
}

#[test]
fn placeholders_and_blocks_print_as_written() {
    let src = "val pairs = lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _)\n\
               pairs.foreachRDD { rdd =>\n  rdd.foreach(println)\n}\n";
    let (file, _) = parse(src);
    assert_eq!(print_file(&file), src);
}

#[test]
fn try_catch_finally_round_trips() {
    round_trip(
        "try",
        "val s = \"x\"\n\
         val n = try { s.toInt } catch { case e: NumberFormatException => 0 } finally { println(1) }\n\
         val m = try \"1\".toInt catch { case _: Exception => -1 }\n\
         val k = try { 1 } finally println(2)\n",
    );
}
