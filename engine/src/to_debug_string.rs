//! `rdd.toDebugString`: an RDD's lineage as Spark prints it, the way to see a window's
//! `UnionRDD` of batch RDDs, a shuffle's stage boundary or a state stream's chain of
//! `CoGroupedRDD`s growing batch after batch until a checkpoint cuts it.
//!
//! Spark's `RDD.toDebugString`, line for line: the RDD, then each dependency, a shuffle
//! dependency opening a new stage (`+-(n)` and a deeper `|` column), the last child of a
//! node without the continuing `|`. Each RDD is `Class[id] at method at File.scala:line`
//! followed by the storage level in brackets, which Spark takes from the RDD the lineage
//! starts at for every line (`storageLevel` is `this`'s, a quirk kept here). A persisted RDD
//! with cached partitions adds a `CachedPartitions` line. The call site is the API method the
//! program called and its line in the program; the file is the program's object
//! (`Lesson03.scala`), or `<console>` for a bare body, as spark-shell names it. A checkpointed
//! RDD's lineage ends at the `ReliableCheckpointRDD` it is read back through.
//!
//! What differs from Spark: `MemorySize` is an estimate in the spirit of Spark's
//! `SizeEstimator` (object headers and fields on a 64-bit JVM with compressed pointers), not
//! its exact figure.

use std::rc::Rc;

use crate::exec::Runtime;
use crate::rdd::{Rdd, Site};
use crate::value::Value;

/// `StorageLevel.MEMORY_ONLY.description` (`rdd.cache()`).
pub const MEMORY_ONLY: &str = "Memory Deserialized 1x Replicated";
/// `StorageLevel.MEMORY_ONLY_SER.description` (`DStream.persist()`).
pub const MEMORY_ONLY_SER: &str = "Memory Serialized 1x Replicated";

/// The levels `StorageLevel` names.
const LEVELS: &[&str] = &[
    "NONE",
    "MEMORY_ONLY",
    "MEMORY_ONLY_2",
    "MEMORY_ONLY_SER",
    "MEMORY_ONLY_SER_2",
    "MEMORY_AND_DISK",
    "MEMORY_AND_DISK_2",
    "MEMORY_AND_DISK_SER",
    "MEMORY_AND_DISK_SER_2",
    "DISK_ONLY",
    "DISK_ONLY_2",
    "DISK_ONLY_3",
    "OFF_HEAP",
];

/// `StorageLevel.toString` of the level described as `description` (`StorageLevel(memory,
/// deserialized, 1 replicas)`; `StorageLevel(1 replicas)` for none): how a program prints
/// `rdd.getStorageLevel` or `StorageLevel.MEMORY_ONLY`.
pub fn level_to_string(description: &str) -> String {
    let replicas = description
        .split(' ')
        .find_map(|w| w.strip_suffix('x'))
        .unwrap_or("1");
    let mut parts: Vec<&str> = Vec::new();
    for (word, part) in [
        ("Disk", "disk"),
        ("Memory", "memory"),
        ("(off heap)", "offheap"),
        ("Deserialized", "deserialized"),
    ] {
        if description.contains(word) {
            parts.push(part);
        }
    }
    let replicas = format!("{replicas} replicas");
    parts.push(&replicas);
    format!("StorageLevel({})", parts.join(", "))
}

/// The value `StorageLevel.name` is in a program: its `toString`.
pub fn level_value(name: &str) -> String {
    level_to_string(level_description(name))
}

/// `StorageLevel.fromString(name).description`; a level given as its `toString` (the value
/// `StorageLevel.MEMORY_ONLY` has in a program) too.
pub fn level_description(name: &str) -> &'static str {
    if name.starts_with("StorageLevel(") {
        let named = LEVELS.iter().find(|l| level_value(l) == name);
        return named.map_or("", |l| level_description(l));
    }
    match name {
        "MEMORY_ONLY" => MEMORY_ONLY,
        "MEMORY_ONLY_2" => "Memory Deserialized 2x Replicated",
        "MEMORY_ONLY_SER" => MEMORY_ONLY_SER,
        "MEMORY_ONLY_SER_2" => "Memory Serialized 2x Replicated",
        "MEMORY_AND_DISK" => "Disk Memory Deserialized 1x Replicated",
        "MEMORY_AND_DISK_2" => "Disk Memory Deserialized 2x Replicated",
        "MEMORY_AND_DISK_SER" => "Disk Memory Serialized 1x Replicated",
        "MEMORY_AND_DISK_SER_2" => "Disk Memory Serialized 2x Replicated",
        "DISK_ONLY" => "Disk Serialized 1x Replicated",
        "DISK_ONLY_2" => "Disk Serialized 2x Replicated",
        "DISK_ONLY_3" => "Disk Serialized 3x Replicated",
        "OFF_HEAP" => "Disk Memory (off heap) Serialized 1x Replicated",
        _ => "",
    }
}

/// `rdd.toDebugString`.
pub fn to_debug_string(rt: &Runtime, rdd: &Rc<Rdd>) -> String {
    let w = Writer {
        rt,
        level: rdd.level.get(),
    };
    let mut out = Vec::new();
    // `firstDebugString`: no `+-` for the RDD the lineage starts at.
    let (part, next) = columns(rdd.num_partitions(), "");
    for (i, line) in w.own_lines(rdd).into_iter().enumerate() {
        out.push(if i == 0 {
            format!("{part} {line}")
        } else {
            format!("{next} {line}")
        });
    }
    w.children(rdd, &next, &mut out);
    out.join("\n")
}

/// `(partitionStr, nextPrefix)` for an RDD of `n` partitions under `prefix`.
fn columns(n: usize, prefix: &str) -> (String, String) {
    let part = format!("({n})");
    let left = (part.len() - 1) / 2;
    let next = format!(
        "{prefix}{}|{}",
        " ".repeat(left),
        " ".repeat(part.len() - left)
    );
    (part, next)
}

struct Writer<'a> {
    rt: &'a Runtime,
    /// The storage level of the RDD the lineage starts at (shown on every line).
    level: &'static str,
}

impl Writer<'_> {
    /// `debugSelf`: the RDD's line, and its cached partitions' when it has some.
    fn own_lines(&self, rdd: &Rdd) -> Vec<String> {
        let name = rdd
            .user_name
            .borrow()
            .as_ref()
            .map(|n| format!("{n} "))
            .unwrap_or_default();
        let mut lines = vec![format!(
            "{name}{}[{}] at {} [{}]",
            rdd.class.get(),
            rdd.id,
            self.site(&rdd.site),
            self.level
        )];
        let (cached, parts) = rdd.cached();
        if rdd.is_persisted() && cached > 0 {
            let bytes: usize = parts.iter().map(|p| estimate_partition(p)).sum();
            lines.push(format!(
                "    CachedPartitions: {cached}; MemorySize: {}; DiskSize: 0.0 B",
                bytes_to_string(bytes)
            ));
        }
        lines
    }

    /// `method at File.scala:line`.
    fn site(&self, site: &Site) -> String {
        short_form(self.rt, site)
    }

    /// `debugChildren`: every dependency, the last one as the last child.
    fn children(&self, rdd: &Rdd, prefix: &str, out: &mut Vec<String>) {
        if let Some((id, site)) = &*rdd.checkpoint_rdd.borrow() {
            // Read back from the checkpoint: one narrow dependency, no further lineage.
            out.push(format!(
                "{prefix}ReliableCheckpointRDD[{id}] at {} [{}]",
                self.site(site),
                self.level
            ));
            return;
        }
        let deps = rdd.debug_dependencies();
        let last = deps.len().saturating_sub(1);
        for (i, (dep, shuffle)) in deps.iter().enumerate() {
            self.dependency(dep, prefix, *shuffle, i == last, out);
        }
    }

    /// `debugString`: a shuffle dependency opens a new column, a narrow one continues this.
    fn dependency(
        &self,
        rdd: &Rdd,
        prefix: &str,
        shuffle: bool,
        last: bool,
        out: &mut Vec<String>,
    ) {
        if !shuffle {
            for line in self.own_lines(rdd) {
                out.push(format!("{prefix}{line}"));
            }
            self.children(rdd, prefix, out);
            return;
        }
        // `shuffleDebugString`: `prefix.replaceAll("\\|\\s+$", "")`.
        let this = strip_bar(prefix);
        let cont = if last { "  " } else { "| " };
        let (part, next) = columns(rdd.num_partitions(), &format!("{this}{cont}"));
        for (i, line) in self.own_lines(rdd).into_iter().enumerate() {
            out.push(if i == 0 {
                format!("{this}+-{part} {line}")
            } else {
                format!("{next}{line}")
            });
        }
        self.children(rdd, &next, out);
    }
}

/// `prefix.replaceAll("\\|\\s+$", "")`: a trailing `|` and the blanks after it removed.
fn strip_bar(prefix: &str) -> String {
    let trimmed = prefix.trim_end_matches(|c: char| c.is_whitespace());
    if trimmed.len() < prefix.len() {
        if let Some(s) = trimmed.strip_suffix('|') {
            return s.to_string();
        }
    }
    prefix.to_string()
}

/// `Utils.bytesToString`: `224.0 B`, `1.5 KiB`, ...
fn bytes_to_string(bytes: usize) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 * 2.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.1} {}", units[u])
}

/// A partition's size in memory, roughly as Spark's `SizeEstimator` sees an array of values.
fn estimate_partition(part: &[Value]) -> usize {
    align(16 + 4 * part.len()) + part.iter().map(estimate).sum::<usize>()
}

fn align(n: usize) -> usize {
    n.div_ceil(8) * 8
}

fn estimate(v: &Value) -> usize {
    match v {
        Value::Unit | Value::Null | Value::None => 0,
        Value::Bool(_) | Value::Int(_) | Value::Char(_) => 16,
        Value::Long(_) | Value::Double(_) => 24,
        Value::Str(s) => 24 + align(16 + s.len()),
        Value::Tuple(items) => {
            align(12 + 4 * items.len()) + items.iter().map(estimate).sum::<usize>()
        }
        Value::Some(x) => 16 + estimate(x),
        Value::Seq(_, items) => {
            align(16 + 4 * items.len()) + items.iter().map(estimate).sum::<usize>()
        }
        Value::Obj(_) => 16,
    }
}

/// A call site's short form, as Spark prints it: `method at File.scala:line` (a site in
/// Spark's own code given whole).
pub fn short_form(rt: &Runtime, site: &Site) -> String {
    short_form_in(&rt.source, site)
}

/// [`short_form`] in the program whose file name and line starts are `source`.
pub fn short_form_in(source: &(Rc<str>, Rc<[u32]>), site: &Site) -> String {
    let (file, starts) = source;
    let line = starts.partition_point(|&s| s <= site.1).max(1);
    if site.0.contains(" at ") {
        // A site in Spark's own code, given whole.
        return site.0.to_string();
    }
    if site.1 == u32::MAX || site.0.is_empty() {
        return format!(
            "{} at {file}:0",
            if site.0.is_empty() {
                "<unknown>"
            } else {
                &site.0
            }
        );
    }
    format!("{} at {file}:{line}", site.0)
}
