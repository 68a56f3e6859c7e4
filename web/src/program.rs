//! The program text and the controls that stand for it: the default windowed word count, what
//! the controls read from the code (`parse`), and how a control change rewrites it (`apply`).
//!
//! The controls are never stored: they are parsed from the program on every render, so editing
//! the code moves the controls and a control change is a text edit. The operator chain after
//! `.map((_, 1))` is found with the engine's Scala parser: its spans say where the chain ends
//! whatever the line breaks and comments, and a window or slide change rewrites only the
//! duration arguments it finds there, so the learner's formatting and comments stay. The
//! simple settings (`local[n]`, `StreamingContext(conf, ...)`, `ssc.checkpoint(...)`) are
//! string matches. A chain the controls do not recognise is [`Pipeline::Custom`], which the
//! controls show without touching.

use dstream_engine::scala::ast::{Expr, ExprKind, StmtKind};

pub use dstream_engine::snippets::DEFAULT_PROGRAM;

/// Where the pipeline the controls write starts: everything after it on the statement is theirs.
const PAIR_MARK: &str = ".map((_, 1))";

/// The operator chain after `.map((_, 1))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pipeline {
    /// `reduceByKey(_ + _)`: counts per batch, no window.
    ReduceByKey,
    /// `window(w, s).reduceByKey(_ + _)`.
    WindowThenReduce,
    /// `reduceByKey(_ + _).window(w, s)`.
    ReduceThenWindow,
    /// `reduceByKeyAndWindow(_ + _, w, s)`: every window reduced from scratch.
    WindowNoInverse,
    /// `reduceByKeyAndWindow(_ + _, _ - _, w, s)`: the incremental path with `invReduceFunc`.
    WindowInverse,
    /// The inverse path plus a `filterFunc` that drops keys whose count fell to zero.
    WindowInverseFilter,
    /// `updateStateByKey`: a running total per key.
    UpdateStateByKey,
    /// `mapWithState`: a running total per key, one call per record.
    MapWithState,
    /// `mapWithState` with `.timeout(...)`.
    MapWithStateTimeout,
    /// Anything the controls do not recognise.
    Custom,
}

impl Pipeline {
    /// Every pipeline the selector offers, in its order.
    pub const ALL: [Pipeline; 9] = [
        Pipeline::ReduceByKey,
        Pipeline::WindowThenReduce,
        Pipeline::ReduceThenWindow,
        Pipeline::WindowNoInverse,
        Pipeline::WindowInverse,
        Pipeline::WindowInverseFilter,
        Pipeline::UpdateStateByKey,
        Pipeline::MapWithState,
        Pipeline::MapWithStateTimeout,
    ];

    /// A stable id for `<option value>` and tests.
    pub fn id(self) -> &'static str {
        match self {
            Pipeline::ReduceByKey => "reduceByKey",
            Pipeline::WindowThenReduce => "window-reduceByKey",
            Pipeline::ReduceThenWindow => "reduceByKey-window",
            Pipeline::WindowNoInverse => "reduceByKeyAndWindow",
            Pipeline::WindowInverse => "reduceByKeyAndWindow-inverse",
            Pipeline::WindowInverseFilter => "reduceByKeyAndWindow-inverse-filter",
            Pipeline::UpdateStateByKey => "updateStateByKey",
            Pipeline::MapWithState => "mapWithState",
            Pipeline::MapWithStateTimeout => "mapWithState-timeout",
            Pipeline::Custom => "custom",
        }
    }

    /// The pipeline with this id.
    pub fn from_id(id: &str) -> Pipeline {
        Pipeline::ALL
            .into_iter()
            .find(|p| p.id() == id)
            .unwrap_or(Pipeline::Custom)
    }

    /// Whether window and slide apply.
    pub fn windowed(self) -> bool {
        matches!(
            self,
            Pipeline::WindowThenReduce
                | Pipeline::ReduceThenWindow
                | Pipeline::WindowNoInverse
                | Pipeline::WindowInverse
                | Pipeline::WindowInverseFilter
        )
    }

    /// Whether the pipeline keeps state across batches (and so needs a checkpoint directory).
    pub fn stateful(self) -> bool {
        matches!(
            self,
            Pipeline::UpdateStateByKey | Pipeline::MapWithState | Pipeline::MapWithStateTimeout
        )
    }
}

/// What the controls show, read from the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controls {
    /// The batch interval.
    pub batch_ms: i64,
    /// `n` of `local[n]`; `None` for `local[*]` or no master found.
    pub cores: Option<u32>,
    /// The operator chain.
    pub pipeline: Pipeline,
    /// The window (or, for `mapWithState` with a timeout, the timeout).
    pub window_ms: i64,
    /// The slide.
    pub slide_ms: i64,
    /// `numPartitions`, when the code passes one.
    pub partitions: Option<u32>,
    /// Whether `ssc.checkpoint(...)` is called.
    pub checkpoint: bool,
}

impl Default for Controls {
    fn default() -> Self {
        parse(DEFAULT_PROGRAM)
    }
}

/// How many programs [`parse`] remembers the controls of.
const PARSED_KEPT: usize = 4;

/// Reads the controls from the program.
pub fn parse(program: &str) -> Controls {
    // The views ask for the controls (the batch interval above all) many times per frame,
    // for a few programs (an edit: the old, the rewritten, the final text): the last
    // answers are kept, newest first.
    thread_local! {
        static RECENT: std::cell::RefCell<Vec<(String, Controls)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    if let Some(c) = RECENT.with_borrow_mut(|r| {
        let i = r.iter().position(|(p, _)| p == program)?;
        let hit = r.remove(i);
        let c = hit.1.clone();
        r.insert(0, hit);
        Some(c)
    }) {
        return c;
    }
    let c = parse_uncached(program);
    RECENT.with_borrow_mut(|r| {
        r.truncate(PARSED_KEPT - 1);
        r.insert(0, (program.to_string(), c.clone()));
    });
    c
}

/// [`parse`], every time.
fn parse_uncached(program: &str) -> Controls {
    let batch_ms = program
        .find("StreamingContext(")
        .and_then(|i| {
            let rest = &program[i..];
            let comma = rest.find(',')?;
            let after = rest[comma + 1..].trim_start();
            duration_at(after).map(|(ms, _)| ms)
        })
        .unwrap_or(1000);
    let cores = program.find("local[").and_then(|i| {
        let rest = &program[i + 6..];
        let end = rest.find(']')?;
        rest[..end].trim().parse::<u32>().ok()
    });
    let checkpoint = program.contains("ssc.checkpoint(");
    let (pipeline, window_ms, slide_ms, partitions) = match tail_span(program) {
        Some((start, end)) => parse_tail(&without_comments(&program[start..end]), batch_ms),
        None => (Pipeline::Custom, 5 * batch_ms, batch_ms, None),
    };
    Controls {
        batch_ms,
        cores,
        pipeline,
        window_ms,
        slide_ms,
        partitions,
        checkpoint,
    }
}

/// Rewrites the program so that it says what `c` says, touching only what the controls own.
pub fn apply(program: &str, c: &Controls) -> String {
    let mut out = program.to_string();
    // The batch interval.
    if let Some(i) = out.find("StreamingContext(") {
        if let Some(comma) = out[i..].find(',') {
            let mut start = i + comma + 1;
            while out[start..].starts_with(' ') {
                start += 1;
            }
            if let Some((_, len)) = duration_at(&out[start..]) {
                out.replace_range(start..start + len, &duration_code(c.batch_ms));
            }
        }
    }
    // The master.
    if let (Some(n), Some(i)) = (c.cores, out.find("local[")) {
        if let Some(end) = out[i + 6..].find(']') {
            out.replace_range(i + 6..i + 6 + end, &n.to_string());
        }
    }
    // The checkpoint directory.
    let has_checkpoint = out.contains("ssc.checkpoint(");
    if c.checkpoint && !has_checkpoint {
        let at = out
            .find("StreamingContext(")
            .and_then(|i| out[i..].find('\n').map(|n| i + n + 1))
            .unwrap_or(0);
        out.insert_str(at, "ssc.checkpoint(\"checkpoint\")\n");
    } else if !c.checkpoint && has_checkpoint {
        if let Some(i) = out.find("ssc.checkpoint(") {
            let start = out[..i].rfind('\n').map_or(0, |n| n + 1);
            let end = out[i..].find('\n').map_or(out.len(), |n| i + n + 1);
            out.replace_range(start..end, "");
        }
    }
    // The pipeline: when only the window or the slide changed, rewrite those arguments in
    // place; otherwise write the whole chain anew.
    if c.pipeline != Pipeline::Custom {
        let now = parse(&out);
        let same = Controls {
            window_ms: c.window_ms,
            slide_ms: c.slide_ms,
            ..now
        };
        match find_tail(&out) {
            Some(t) if same == *c && c.pipeline.windowed() && t.durations.len() == 2 => {
                let (w, s) = (t.durations[0], t.durations[1]);
                out.replace_range(s.0..s.1, &duration_code(c.slide_ms));
                out.replace_range(w.0..w.1, &duration_code(c.window_ms));
            }
            Some(t) => out.replace_range(t.start..t.end, &tail_code(c)),
            None => {
                if let Some((start, end)) = line_tail_span(&out) {
                    out.replace_range(start..end, &tail_code(c));
                }
            }
        }
    }
    out
}

/// The operator chain after `.map((_, 1))` as the engine's parser sees it: where it starts
/// and ends, and the byte ranges of its duration arguments (`Seconds(5)`, ...) in order.
#[derive(Clone)]
struct Tail {
    start: usize,
    end: usize,
    durations: Vec<(usize, usize)>,
}

/// Finds the chain in a top-level statement (a `val`'s initialiser or an expression), with
/// the statement's own span as its end: a comment after it, or between its lines, is not
/// mistaken for code. The last program's answer is kept ([`apply`] asks twice for the text
/// it rewrites: through [`parse`], then for the spans).
fn find_tail(program: &str) -> Option<Tail> {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(String, Option<Tail>)>> = const { std::cell::RefCell::new(None) };
    }
    if let Some(t) = LAST.with_borrow(|l| {
        l.as_ref()
            .filter(|(p, _)| p == program)
            .map(|(_, t)| t.clone())
    }) {
        return t;
    }
    let t = find_tail_uncached(program);
    LAST.with_borrow_mut(|l| *l = Some((program.to_string(), t.clone())));
    t
}

/// [`find_tail`], every time.
fn find_tail_uncached(program: &str) -> Option<Tail> {
    let (file, _) = dstream_engine::scala::parser::parse(program);
    file.body.iter().find_map(|st| {
        let e = match &st.kind {
            StmtKind::Val { init, .. } => init,
            StmtKind::Expr(e) => e,
            _ => return None,
        };
        let start = pair_map_end(program, e)?;
        let end = (e.span.end as usize).max(start);
        let mut durations = Vec::new();
        collect_durations(e, start, end, &mut durations);
        dstream_engine::sort::sort(&mut durations);
        Some(Tail {
            start,
            end,
            durations,
        })
    })
}

/// Where `.map((_, 1))` ends in the receiver chain of `e`, if it is there.
fn pair_map_end(program: &str, e: &Expr) -> Option<usize> {
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::MethodCall { recv, name, .. } => {
                if name == "map" {
                    let text: String = program
                        .get(recv.span.end as usize..cur.span.end as usize)?
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    if text == PAIR_MARK.replace(' ', "") {
                        return Some(cur.span.end as usize);
                    }
                }
                cur = recv;
            }
            ExprKind::Field { recv, .. } => cur = recv,
            _ => return None,
        }
    }
}

fn collect_durations(e: &Expr, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let (a, b) = (e.span.start as usize, e.span.end as usize);
    if b <= start || a >= end {
        return;
    }
    match &e.kind {
        ExprKind::Apply { func, args, .. } => {
            let unit = matches!(&func.kind, ExprKind::Ident(n)
                if matches!(n.as_str(), "Seconds" | "Milliseconds" | "Minutes"));
            if unit && a >= start {
                out.push((a, b));
                return;
            }
            for x in args.iter().flatten() {
                collect_durations(x, start, end, out);
            }
        }
        ExprKind::MethodCall { recv, args, .. } => {
            collect_durations(recv, start, end, out);
            for x in args.iter().flatten() {
                collect_durations(x, start, end, out);
            }
        }
        ExprKind::Field { recv, .. } => collect_durations(recv, start, end, out),
        _ => {}
    }
}

/// `text` with its `//` comments cut (the chain may have comment lines between its calls).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Scala code for a duration: `Seconds(n)` when whole seconds, else `Milliseconds(n)`.
pub fn duration_code(ms: i64) -> String {
    if ms % 1000 == 0 {
        format!("Seconds({})", ms / 1000)
    } else {
        format!("Milliseconds({ms})")
    }
}

/// The operator chain the controls write for `c`.
fn tail_code(c: &Controls) -> String {
    let w = duration_code(c.window_ms);
    let s = duration_code(c.slide_ms);
    let n = |sep: &str| c.partitions.map_or(String::new(), |n| format!("{sep}{n}"));
    match c.pipeline {
        Pipeline::ReduceByKey => format!(".reduceByKey(_ + _{})", n(", ")),
        Pipeline::WindowThenReduce => format!(".window({w}, {s}).reduceByKey(_ + _{})", n(", ")),
        Pipeline::ReduceThenWindow => format!(".reduceByKey(_ + _{}).window({w}, {s})", n(", ")),
        Pipeline::WindowNoInverse => format!(".reduceByKeyAndWindow(_ + _, {w}, {s}{})", n(", ")),
        Pipeline::WindowInverse => {
            format!(".reduceByKeyAndWindow(_ + _, _ - _, {w}, {s}{})", n(", "))
        }
        Pipeline::WindowInverseFilter => format!(
            ".reduceByKeyAndWindow(_ + _, _ - _, {w}, {s}, {}, (kv: (String, Int)) => kv._2 > 0)",
            c.partitions.unwrap_or(2)
        ),
        Pipeline::UpdateStateByKey => format!(
            ".updateStateByKey((values: Seq[Int], state: Option[Int]) => Some(values.sum + state.getOrElse(0)){})",
            n(", ")
        ),
        Pipeline::MapWithState | Pipeline::MapWithStateTimeout => {
            let timeout = if c.pipeline == Pipeline::MapWithStateTimeout {
                format!(".timeout({w})")
            } else {
                String::new()
            };
            format!(
                ".mapWithState(StateSpec.function((word: String, one: Option[Int], state: State[Int]) => {{ val sum = one.getOrElse(0) + state.getOption.getOrElse(0); if (!state.isTimingOut) state.update(sum); (word, sum) }}){timeout}{})",
                c.partitions.map_or(String::new(), |n| format!(".numPartitions({n})"))
            )
        }
        Pipeline::Custom => String::new(),
    }
}

/// The byte range of the operator chain after `.map((_, 1))`: the parser's span when it finds
/// the chain in a statement, else (a program too broken to parse there) [`line_tail_span`].
fn tail_span(program: &str) -> Option<(usize, usize)> {
    find_tail(program)
        .map(|t| (t.start, t.end))
        .or_else(|| line_tail_span(program))
}

/// The old string rule: from `.map((_, 1))` to the end of its line, plus any following
/// lines that continue the chain (start with `.`).
fn line_tail_span(program: &str) -> Option<(usize, usize)> {
    let start = program.find(PAIR_MARK)? + PAIR_MARK.len();
    let mut end = program[start..]
        .find('\n')
        .map_or(program.len(), |n| start + n);
    while end < program.len() {
        let next_end = program[end + 1..]
            .find('\n')
            .map_or(program.len(), |n| end + 1 + n);
        if program[end + 1..next_end].trim_start().starts_with('.') {
            end = next_end;
        } else {
            break;
        }
    }
    Some((start, end))
}

/// Reads the pipeline, window, slide and partitions from the chain after `.map((_, 1))`.
fn parse_tail(tail: &str, batch_ms: i64) -> (Pipeline, i64, i64, Option<u32>) {
    let durations = durations_in(tail);
    let window = durations.first().copied().unwrap_or(5 * batch_ms);
    let slide = durations.get(1).copied().unwrap_or(batch_ms);
    let int_arg = |op: &str| -> Option<u32> {
        let i = tail.find(op)? + op.len();
        top_level_args(&tail[i..])
            .iter()
            .find_map(|a| a.trim().parse::<u32>().ok())
    };
    let trimmed = tail.trim();
    if trimmed.starts_with(".reduceByKeyAndWindow(") {
        let i = tail.find(".reduceByKeyAndWindow(").unwrap_or(0) + ".reduceByKeyAndWindow(".len();
        let args = top_level_args(&tail[i..]);
        let inverse = args.get(1).is_some_and(|a| duration_at(a.trim()).is_none());
        let filter = args.len() >= 6;
        let pipeline = match (inverse, filter) {
            (true, true) => Pipeline::WindowInverseFilter,
            (true, false) => Pipeline::WindowInverse,
            _ => Pipeline::WindowNoInverse,
        };
        let parts = args.iter().find_map(|a| a.trim().parse::<u32>().ok());
        return (pipeline, window, slide, parts);
    }
    if trimmed.starts_with(".updateStateByKey(") {
        return (
            Pipeline::UpdateStateByKey,
            window,
            slide,
            int_arg(".updateStateByKey("),
        );
    }
    if trimmed.starts_with(".mapWithState(") {
        let parts = int_arg(".numPartitions(");
        if tail.contains(".timeout(") {
            return (Pipeline::MapWithStateTimeout, window, batch_ms, parts);
        }
        return (Pipeline::MapWithState, 5 * batch_ms, batch_ms, parts);
    }
    let rbk = tail.find(".reduceByKey(");
    let win = tail.find(".window(");
    let parts = int_arg(".reduceByKey(");
    match (rbk, win) {
        (Some(r), Some(w)) if w < r => (Pipeline::WindowThenReduce, window, slide, parts),
        (Some(_), Some(_)) => (Pipeline::ReduceThenWindow, window, slide, parts),
        (Some(_), None) if trimmed.starts_with(".reduceByKey(") => {
            (Pipeline::ReduceByKey, 5 * batch_ms, batch_ms, parts)
        }
        _ => (Pipeline::Custom, window, slide, None),
    }
}

/// The duration expression at the start of `s` (`Seconds(5)`, `Milliseconds(2500)`,
/// `Minutes(1)`, `Durations.seconds(5)`): its value in ms and its length in bytes.
pub fn duration_at(s: &str) -> Option<(i64, usize)> {
    const UNITS: [(&str, i64); 6] = [
        ("Seconds(", 1000),
        ("Milliseconds(", 1),
        ("Minutes(", 60_000),
        ("Durations.seconds(", 1000),
        ("Durations.milliseconds(", 1),
        ("Durations.minutes(", 60_000),
    ];
    let (name, unit) = UNITS.iter().find(|(name, _)| s.starts_with(name))?;
    let close = s[name.len()..].find(')')?;
    let value: i64 = s[name.len()..name.len() + close].trim().parse().ok()?;
    Some((value.checked_mul(*unit)?, name.len() + close + 1))
}

/// Every duration expression in `s`, in order, in ms.
fn durations_in(s: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some((ms, len)) = duration_at(&s[i..]) {
            let word_start = i == 0 || !s.as_bytes()[i - 1].is_ascii_alphanumeric();
            if word_start {
                out.push(ms);
                i += len;
                continue;
            }
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The top-level, comma-separated arguments of the call whose `(` was just before `s`.
fn top_level_args(s: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut in_string = false;
    for ch in s.chars() {
        if in_string {
            current.push(ch);
            if ch == '"' {
                in_string = false;
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                current.push(ch);
            }
            '(' | '[' | '{' => {
                depth += 1;
                current.push(ch);
            }
            ')' | ']' | '}' if depth == 0 => {
                args.push(current);
                return args;
            }
            ')' | ']' | '}' => {
                depth -= 1;
                current.push(ch);
            }
            ',' if depth == 0 => args.push(std::mem::take(&mut current)),
            _ => current.push(ch),
        }
    }
    args.push(current);
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_answers_are_each_programs_own() {
        // More programs than are remembered, asked in an order that hits and evicts: every
        // answer is what reading that program afresh gives.
        let programs: Vec<String> = [1000, 2000, 3000, 500, 4000, 250]
            .iter()
            .map(|&ms| {
                let c = Controls {
                    batch_ms: ms,
                    window_ms: 5 * ms,
                    slide_ms: ms,
                    ..parse(DEFAULT_PROGRAM)
                };
                apply(DEFAULT_PROGRAM, &c)
            })
            .collect();
        for round in 0..3 {
            for i in [0, 1, 0, 2, 3, 0, 4, 5, 1, 5, 2, 0] {
                let p = &programs[(i + round) % programs.len()];
                assert_eq!(parse(p), parse_uncached(p));
                assert_eq!(
                    find_tail(p).map(|t| (t.start, t.end, t.durations)),
                    find_tail_uncached(p).map(|t| (t.start, t.end, t.durations))
                );
            }
        }
        assert_eq!(parse(&programs[3]).batch_ms, 500);
    }

    #[test]
    fn default_program_reads_as_inverse_window() {
        let c = parse(DEFAULT_PROGRAM);
        assert_eq!(c.batch_ms, 1000);
        assert_eq!(c.cores, Some(2));
        assert_eq!(c.pipeline, Pipeline::WindowInverse);
        assert_eq!((c.window_ms, c.slide_ms), (5000, 1000));
        assert_eq!(c.partitions, None);
        assert!(c.checkpoint);
    }

    #[test]
    fn every_pipeline_round_trips() {
        for p in Pipeline::ALL {
            for parts in [None, Some(3)] {
                let mut c = parse(DEFAULT_PROGRAM);
                c.pipeline = p;
                c.partitions = parts;
                c.window_ms = 4000;
                c.slide_ms = 2000;
                let code = apply(DEFAULT_PROGRAM, &c);
                let back = parse(&code);
                assert_eq!(back.pipeline, p, "{code}");
                if p.windowed() {
                    assert_eq!((back.window_ms, back.slide_ms), (4000, 2000), "{code}");
                }
                if p != Pipeline::WindowInverseFilter {
                    assert_eq!(back.partitions, parts, "{code}");
                }
            }
        }
    }

    /// The default program with the chain over several lines, a comment between them and
    /// one after: what a learner's edit could look like.
    fn commented() -> String {
        DEFAULT_PROGRAM.replace(
            ".reduceByKeyAndWindow(_ + _, _ - _, Seconds(5), Seconds(1))",
            "\n  // the incremental window\n  .reduceByKeyAndWindow(_ + _, _ - _,\n    Seconds(5), Seconds(1)) // five seconds",
        )
    }

    #[test]
    fn a_window_change_keeps_comments_and_line_breaks() {
        let program = commented();
        let mut c = parse(&program);
        assert_eq!(c.pipeline, Pipeline::WindowInverse);
        assert_eq!((c.window_ms, c.slide_ms), (5000, 1000));
        c.window_ms = 8000;
        c.slide_ms = 2000;
        let out = apply(&program, &c);
        assert_eq!(
            out,
            program.replace("Seconds(5), Seconds(1))", "Seconds(8), Seconds(2))")
        );
        assert_eq!(parse(&out), c);
    }

    #[test]
    fn a_pipeline_change_keeps_the_comment_after_the_chain() {
        let program = commented();
        let mut c = parse(&program);
        c.pipeline = Pipeline::ReduceByKey;
        let out = apply(&program, &c);
        assert!(
            out.contains(".map((_, 1)).reduceByKey(_ + _) // five seconds\n"),
            "{out}"
        );
        assert_eq!(parse(&out).pipeline, Pipeline::ReduceByKey);
    }

    /// What `parse` reads back for controls `c`: the fields a pipeline does not use take
    /// the values `parse` gives them.
    #[cfg(not(target_arch = "wasm32"))]
    fn canonical(mut c: Controls) -> Controls {
        match c.pipeline {
            p if p.windowed() => {}
            Pipeline::MapWithStateTimeout => c.slide_ms = c.batch_ms,
            _ => (c.window_ms, c.slide_ms) = (5 * c.batch_ms, c.batch_ms),
        }
        if c.pipeline == Pipeline::WindowInverseFilter {
            c.partitions = Some(c.partitions.unwrap_or(2));
        }
        c
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn controls_survive_apply_then_parse(
            p in 0..Pipeline::ALL.len(),
            batch in proptest::sample::select(vec![500i64, 1000, 2000, 1500]),
            w in 1..8i64,
            s in 1..4i64,
            parts in proptest::option::of(1..9u32),
            cores in 1..9u32,
            checkpoint in proptest::bool::ANY,
            base in 0..2usize,
        ) {
            let c = Controls {
                batch_ms: batch,
                cores: Some(cores),
                pipeline: Pipeline::ALL[p],
                window_ms: w * batch,
                slide_ms: s * batch,
                partitions: parts,
                checkpoint,
            };
            let program = if base == 0 { DEFAULT_PROGRAM.to_string() } else { commented() };
            let code = apply(&program, &c);
            proptest::prop_assert_eq!(parse(&code), canonical(c.clone()), "{}", code);
            // Applying what was read changes nothing.
            proptest::prop_assert_eq!(apply(&code, &parse(&code)), code);
        }
    }

    #[test]
    fn batch_master_and_checkpoint_rewrite() {
        let mut c = parse(DEFAULT_PROGRAM);
        c.batch_ms = 500;
        c.cores = Some(4);
        c.checkpoint = false;
        c.window_ms = 2500;
        let code = apply(DEFAULT_PROGRAM, &c);
        assert!(code.contains("StreamingContext(conf, Milliseconds(500))"));
        assert!(code.contains("local[4]"));
        assert!(!code.contains("ssc.checkpoint"));
        assert!(code.contains("Milliseconds(2500), Seconds(1)"));
        let back = parse(&code);
        assert_eq!(back.batch_ms, 500);
        assert!(!back.checkpoint);
        c.checkpoint = true;
        let again = apply(&code, &c);
        assert!(again.contains("ssc.checkpoint(\"checkpoint\")\n"));
    }
}
