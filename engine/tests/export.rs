//! Export to real Spark: the `spark-shell` script holds the program (without `package`,
//! with `Obj.main(Array())` for a whole object), and the feeder sends the same lines in
//! order with the same delays (run at `--speed 1000` when python3 is there).

use dstream_engine::export::{batch_ms, export, schedule, socket_port};
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::snippets::SNIPPETS;

fn stamped() -> Scenario {
    Scenario {
        name: "words".into(),
        program: "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
                  val ssc = new StreamingContext(conf, Seconds(2))\n\
                  val lines = ssc.socketTextStream(\"localhost\", 8888)\n\
                  lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).print()\n\
                  ssc.start()\nssc.awaitTermination()\n"
            .into(),
        lines: Some(vec![
            StampedLine {
                at_ms: 1500,
                text: "b \"quoted\" \\ x".into(),
            },
            StampedLine {
                at_ms: 200,
                text: "a a".into(),
            },
            StampedLine {
                at_ms: 2600,
                text: "中文 c".into(),
            },
        ]),
        ..Scenario::default()
    }
}

#[test]
fn a_bare_body_is_wrapped_in_an_object_and_called() {
    let s = stamped();
    let ex = export(&s);
    assert_eq!(ex.port, 8888);
    assert!(ex
        .spark_shell
        .starts_with("// Exported from the DStream playground: words.\n"));
    assert!(ex.spark_shell.contains("sc.stop()\n"));
    for line in s.program.lines() {
        assert!(ex.spark_shell.contains(&format!("    {line}\n")), "{line}");
    }
    assert!(ex
        .spark_shell
        .contains("object PlaygroundProgram {\n  def main(args: Array[String]): Unit = {\n"));
    assert!(ex
        .spark_shell
        .ends_with("\nPlaygroundProgram.main(Array())\n"));
    assert!(ex.feeder.contains("python3 feed.py | nc -lk 8888"));
}

#[test]
fn a_whole_object_loses_its_package_and_its_main_is_called() {
    let snippet = SNIPPETS
        .iter()
        .find(|s| {
            s.program()
                .is_some_and(|p| p.contains("object Lesson03_DStream_API"))
        })
        .expect("the lesson's whole program");
    let program = snippet.program().expect("program");
    let ex = export(&Scenario {
        program: program.clone(),
        batches: Some(vec![vec!["a 1".into()]]),
        ..Scenario::default()
    });
    assert!(!ex.spark_shell.contains("\npackage "));
    let object_at = program.find("object Lesson03_DStream_API").expect("object");
    assert!(ex.spark_shell.contains(program[object_at..].trim_end()));
    assert!(ex
        .spark_shell
        .ends_with("}\n\nLesson03_DStream_API.main(Array())\n"));
    assert_eq!(ex.port, socket_port(&program).expect("a port"));
}

#[test]
fn the_schedule_sorts_stamped_lines_and_puts_batches_mid_interval() {
    assert_eq!(
        schedule(&stamped()),
        vec![
            (200, "a a".to_string()),
            (1500, "b \"quoted\" \\ x".to_string()),
            (2600, "中文 c".to_string())
        ]
    );
    let s = Scenario {
        program: "val ssc = new StreamingContext(conf, Milliseconds(500))\n".into(),
        batches: Some(vec![vec!["x".into(), "y".into()], vec![], vec!["z".into()]]),
        ..Scenario::default()
    };
    assert_eq!(batch_ms(&s.program), 500);
    assert_eq!(
        schedule(&s),
        vec![(250, "x".into()), (250, "y".into()), (1250, "z".into())]
    );
    assert_eq!(batch_ms("new StreamingContext(sc, Duration(1000))"), 1000);
    assert_eq!(batch_ms("no context"), 1000);
}

#[test]
// The feeder is a real process outside the engine: only a clock can tell it slept.
#[allow(clippy::disallowed_methods)]
fn the_feeder_sends_the_lines_in_order_with_the_delays() {
    let ex = export(&stamped());
    assert!(ex.feeder.contains("    (200, \"a a\"),\n"));
    assert!(ex
        .feeder
        .contains("    (1500, \"b \\\"quoted\\\" \\\\ x\"),\n"));
    let have_python = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_python {
        eprintln!("python3 not found: the feeder's text was checked, not its run");
        return;
    }
    let dir = std::env::temp_dir().join(format!("dstream-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("feed.py");
    std::fs::write(&path, &ex.feeder).expect("write feeder");
    // At speed 10, the last line is due 260 ms after the start.
    let start = std::time::Instant::now();
    let out = std::process::Command::new("python3")
        .arg(&path)
        .args(["--speed", "10", "--no-wait"])
        .output()
        .expect("run the feeder");
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8"),
        "a a\nb \"quoted\" \\ x\n中文 c\n"
    );
    assert!(elapsed.as_millis() >= 250, "finished after {elapsed:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
