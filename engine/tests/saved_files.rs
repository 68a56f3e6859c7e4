//! What `saveAsTextFiles` and `rdd.saveAsTextFile` write: Spark prints nothing for them (kept
//! from real Spark in `spark_oracle/fs_*`), so the files are the output a learner needs to
//! see. Each batch's trace lists the directory and every part file's lines, one file per
//! partition (empty ones too), named as Spark names them.

mod common;

use common::replay;
use dstream_engine::trace::SavedDir;

const HEAD: &str = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"t\")\n\
    val ssc = new StreamingContext(conf, Seconds(1))\n\
    val lines = ssc.socketTextStream(\"localhost\", 9999)\n";
const TAIL: &str = "ssc.start()\nssc.awaitTermination()\n";

fn files(body: &str, batches: &[&[&str]]) -> Vec<(String, Vec<SavedDir>)> {
    let t = replay(&format!("{HEAD}{body}{TAIL}"), batches);
    assert!(t.error.is_none(), "{:?}", t.error);
    t.batches
        .iter()
        .map(|b| {
            assert_eq!(b.stdout, "", "Spark prints nothing when it saves");
            (b.time_ms.to_string(), b.files.clone())
        })
        .collect()
}

#[test]
fn save_as_text_files_names_a_directory_per_batch_and_writes_each_record_s_text() {
    let got = files(
        "lines.map(l => (l, l.length)).saveAsTextFiles(\"out/words\", \"txt\")\n\
         lines.count().saveAsTextFiles(\"out/n\")\n",
        &[&["a b", "c"], &[]],
    );
    assert_eq!(got.len(), 2);
    let (t, dirs) = &got[0];
    assert_eq!(t, "1000");
    assert_eq!(dirs.len(), 2);
    assert_eq!(dirs[0].dir, "out/words-1000.txt");
    assert!(!dirs[0].objects);
    // Every record in some part file, as its `toString`, in partition order.
    let all: Vec<&str> = dirs[0].parts.iter().flatten().map(String::as_str).collect();
    assert_eq!(all, ["(a b,3)", "(c,1)"]);
    assert_eq!(dirs[1].dir, "out/n-1000");
    assert_eq!(dirs[1].parts.concat(), ["2"]);
    // An empty batch still writes its (empty) part files.
    let (_, dirs) = &got[1];
    assert_eq!(dirs[0].dir, "out/words-2000.txt");
    assert!(!dirs[0].parts.is_empty());
    assert!(dirs[0].parts.iter().all(Vec::is_empty));
    assert_eq!(dirs[1].parts.concat(), ["0"]);
}

#[test]
fn one_file_per_partition_follows_the_rdd_s_partitioning() {
    let got = files(
        "lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _, 3)\n\
         .foreachRDD { rdd => rdd.saveAsTextFile(\"counts\") }\n",
        &[&["a b a", "c"]],
    );
    let dirs = &got[0].1;
    assert_eq!(dirs[0].dir, "counts");
    assert_eq!(dirs[0].parts.len(), 3);
    let mut all: Vec<String> = dirs[0].parts.concat();
    all.sort();
    assert_eq!(all, ["(a,2)", "(b,1)", "(c,1)"]);
}

#[test]
fn save_as_object_files_writes_serialized_arrays_of_ten() {
    let lines: Vec<String> = (0..25).map(|i| format!("w{i}")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let got = files("lines.saveAsObjectFiles(\"obj\")\n", &[&refs]);
    let d = &got[0].1[0];
    assert!(d.objects);
    assert_eq!(d.dir, "obj-1000");
    let records: Vec<&String> = d.parts.iter().flatten().collect();
    assert!(records.iter().all(|r| r.contains("serialized record")));
    assert!(
        records.len() >= 3,
        "25 records in arrays of at most ten: {records:?}"
    );
}
