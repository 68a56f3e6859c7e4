//! Diagnostics: what is wrong with a program, as data (a kind plus arguments), with a span.
//!
//! Messages are data so the playground can show them in Chinese or English; `message()` gives
//! the English text used by the `dstream` command and the trace's `message` field.

use super::ast::Span;
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The program cannot run.
    Error,
    /// The program runs, but probably not as meant.
    Warning,
}

/// One problem in a program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub span: Span,
    /// Machine-readable kind, e.g. `unexpected_token`; the UI translates from it.
    pub kind: &'static str,
    /// The kind's arguments, in the order the message uses them.
    pub args: Vec<String>,
}

impl Diagnostic {
    /// An error of `kind` with `args` at `span`.
    pub fn error(span: Span, kind: &'static str, args: Vec<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            span,
            kind,
            args,
        }
    }

    /// A warning of `kind` with `args` at `span`.
    pub fn warning(span: Span, kind: &'static str, args: Vec<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            span,
            kind,
            args,
        }
    }

    /// The English message.
    pub fn message(&self) -> String {
        message(self.kind, &self.args, Lang::En)
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        message(self.kind, &self.args, lang)
    }
}

/// The languages diagnostics are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English (the command line and the trace's `message` field).
    En,
    /// Simplified Chinese.
    Zh,
}

/// Every diagnostic kind the front-end raises. Each has a message in every [`Lang`].
pub const KINDS: &[&str] = &[
    "unexpected_token",
    "unexpected_eof",
    "unterminated_string",
    "unterminated_comment",
    "bad_char",
    "bad_number",
    "bad_escape",
    "int_too_large",
    "unsupported",
    "unknown_name",
    "unknown_method",
    "type_mismatch",
    "ambiguous_view",
    "invariant_mismatch",
    "invariant_set",
    "polymorphic_mismatch",
    "unapplied_member",
    "ambiguous_member",
    "array_for_seq",
    "needs_pairs",
    "throws",
    "wrong_arg_count",
    "reassign_val",
    "override_required",
    "overrides_nothing",
    "overrides_nothing_note",
    "abstract_member",
    "no_main",
    "statement_after_await",
    "no_apply",
    "unknown_param",
    "already_specified",
    "positional_after_named",
    "missing_arg",
    "no_ordering",
    "no_numeric",
    "unseeded_random",
    "wall_clock",
    "not_enough_args",
    "too_many_args",
    "nullary_args",
    "overloaded_args",
    "overloaded_fn",
    "missing_param_type",
    "missing_arg_list",
    "constructors_args",
    "recursive_value",
    "forward_reference",
    "no_params",
    "illegal_conversion",
    "conversion_without_splice",
    "missing_conversion",
    "precision_not_allowed",
    "group_only_d",
    "illegal_codepoint",
    "already_defined",
    "defined_twice",
    "not_in_package",
    "not_accessible",
    "float_literal",
];

/// The kinds whose English message is scalac's own error, as Spark 4.3.0's compiler words
/// its first line (our "did you mean" aside): in Chinese the page shows it word for word,
/// with the Chinese as its explanation.
pub const SCALAC_KINDS: &[&str] = &[
    "unknown_name",
    "unknown_method",
    "type_mismatch",
    "ambiguous_view",
    "invariant_mismatch",
    "invariant_set",
    "polymorphic_mismatch",
    "unapplied_member",
    "ambiguous_member",
    "array_for_seq",
    "reassign_val",
    "override_required",
    "overrides_nothing",
    "overrides_nothing_note",
    "abstract_member",
    "unknown_param",
    "already_specified",
    "positional_after_named",
    "not_enough_args",
    "too_many_args",
    "nullary_args",
    "overloaded_args",
    "overloaded_fn",
    "missing_param_type",
    "no_numeric",
    "missing_arg_list",
    "constructors_args",
    "recursive_value",
    "forward_reference",
    "no_params",
    "illegal_conversion",
    "conversion_without_splice",
    "missing_conversion",
    "precision_not_allowed",
    "group_only_d",
    "illegal_codepoint",
    "already_defined",
    "defined_twice",
    "not_in_package",
    "not_accessible",
];

/// The message of diagnostic `kind` with `args` in `lang`. Arguments that are fixed English
/// phrases of the parser (`an expression`, `` `class` definitions ``) are translated too.
pub fn message(kind: &str, args: &[String], lang: Lang) -> String {
    render(kind, args, lang).unwrap_or_else(|| format!("{kind}: {}", args.join(", ")))
}

/// `Some(message)` when `kind` is one of [`KINDS`], in `lang`.
pub fn render(kind: &str, args: &[String], lang: Lang) -> Option<String> {
    let raw = |i: usize| args.get(i).map(String::as_str).unwrap_or("?");
    // "方法 apply", "构造器 W".
    let zh_method = |m: &str| match m.strip_prefix("constructor ") {
        Some(c) => format!("构造器 {c}"),
        None => format!("方法 {m}"),
    };
    // "method apply", or "constructor W" as it comes.
    let method = |m: &str| match m.starts_with("constructor ") {
        true => m.to_string(),
        false => format!("method {m}"),
    };
    let a = |i: usize| match lang {
        Lang::En => raw(i).to_string(),
        Lang::Zh => phrase_zh(raw(i)),
    };
    let hint = |i: usize| args.get(i).filter(|s| !s.is_empty());
    Some(match lang {
        Lang::En => match kind {
            "unexpected_token" => format!("expected {}, found {}", a(0), a(1)),
            "unexpected_eof" => format!("unexpected end of program: expected {}", a(0)),
            "unterminated_string" => "unterminated string literal".to_string(),
            "unterminated_comment" => "unterminated block comment".to_string(),
            "bad_char" => format!("unexpected character `{}`", a(0)),
            "bad_number" => format!("invalid number literal `{}`", a(0)),
            "bad_escape" => format!("invalid escape `{}` in string literal", a(0)),
            "illegal_codepoint" => format!("illegal codepoint in Char constant: '{}'", a(0)),
            "int_too_large" => format!("integer number too large for Int: {}", a(0)),
            "unsupported" => format!("not supported by the playground yet: {}", a(0)),
            "unknown_name" => match hint(1) {
                Some(s) => format!("not found: value {}\ndid you mean {s}?", a(0)),
                None => format!("not found: value {}", a(0)),
            },
            "unknown_method" => match hint(2) {
                Some(s) => format!(
                    "value {} is not a member of {}\ndid you mean {s}?",
                    a(0),
                    a(1)
                ),
                None => format!("value {} is not a member of {}", a(0), a(1)),
            },
            "type_mismatch" => format!("type mismatch: found {}, required {}", a(0), a(1)),
            "ambiguous_view" => {
                let (c1, t1, c2, t2) = views(raw(2));
                let (found, t, from) = (raw(0), raw(2), raw(3));
                let op = hint(4).map_or("+", |o| o.as_str());
                let wanted = format!("?{{def {op}(x$1: ? >: {}): ?}}", raw(1));
                let defaults = match hint(5) {
                    Some(_) => "\nError occurred in an application involving default arguments.",
                    None => "",
                };
                format!(
                    "type mismatch: found {found}, required {wanted}\nNote that implicit \
                     conversions are not applicable because they are ambiguous:\n both method \
                     {c1} in object {t} of type (x: {t}): {t1}\n and method {c2} in object {t} of \
                     type (x: {t}): {t2}\n are possible conversion functions from {from} to \
                     {wanted}{defaults}"
                )
            }
            "polymorphic_mismatch" => format!(
                "polymorphic expression cannot be instantiated to expected type;\n found   : {}\n \
                 required: {}",
                a(0),
                a(1)
            ),
            "invariant_set" => format!(
                "type mismatch: found {0}, required {1}\nNote: {2} >: {3}, but trait Set is \
                 invariant in type A.\nYou may wish to investigate a wildcard type such as `_ >: \
                 {3}`. (SLS 3.2.10)",
                a(0),
                a(1),
                a(2),
                a(3)
            ),
            "invariant_mismatch" => format!(
                "type mismatch: found {0}, required {1}\nNote: {2} <: {3}{5}, but trait {4} is \
                 invariant in type T.\nYou may wish to investigate a wildcard type such as \
                 `_ <: {3}`. (SLS 3.2.10)",
                a(0),
                a(1),
                a(2),
                a(3),
                a(4),
                raw(5)
            ),
            // scalac's words with the full type (the third argument, when there is one),
            // then ours.
            "needs_pairs" => format!(
                "value {0} is not a member of {1}: {0} needs (key, value) pairs; make pairs first, e.g. .map(x => (x, 1))",
                a(0),
                args.get(2).map_or_else(|| a(1), |_| a(2))
            ),
            "throws" => format!("this throws {}: {} when it runs", a(0), a(1)),
            "unseeded_random" => format!(
                "an unseeded Random: Spark draws other numbers on every run; the playground seeds it with {} so that every replay is the same",
                a(0)
            ),
            "float_literal" => format!(
                "{} is a Float on the JVM; the playground computes it as a Double, so arithmetic \
                 with it may print more digits than Spark (a Float keeps about 7)",
                raw(0)
            ),
            "wall_clock" => format!(
                "{} reads the clock: on Spark it differs on every run; the playground gives the virtual time, counted from the run's start",
                a(0)
            ),
            "wrong_arg_count" => format!(
                "{} takes {} argument(s), but {} were given",
                a(0),
                a(1),
                a(2)
            ),
            "reassign_val" => "reassignment to val".to_string(),
            "recursive_value" => format!("recursive value {} needs type", a(0)),
            "forward_reference" => format!(
                "forward reference to {} {} defined on line {} extends over definition of {} {}",
                raw(0),
                raw(1),
                raw(2),
                raw(3),
                raw(4)
            ),
            "already_defined" => format!("{} is already defined as {} {}", a(0), a(1), a(0)),
            "not_in_package" => format!("object {} is not a member of package {}", a(0), a(1)),
            "not_accessible" => format!(
                "{} in class {} cannot be accessed as a member of {}{}",
                a(0),
                a(3),
                a(1),
                a(2)
            ),
            "defined_twice" => format!(
                "{} {} is defined twice;\n  the conflicting method {} was defined at line {}",
                a(0),
                a(1),
                a(1),
                a(2)
            ),
            "no_params" => format!("{} does not take parameters", a(0)),
            "illegal_conversion" => format!("illegal conversion character '{}'", raw(0)),
            "conversion_without_splice" => {
                "conversions must follow a splice; use %% for literal %, %n for newline".into()
            }
            "missing_conversion" => {
                "Missing conversion operator in '%'; use %% for literal %, %n for newline".into()
            }
            "precision_not_allowed" => "precision not allowed".into(),
            "group_only_d" => "',' only allowed for d conversion of integral types".into(),
            "override_required" => format!(
                "`override` modifier required to override concrete member:\n{}",
                a(0)
            ),
            "overrides_nothing" => format!("method {} overrides nothing", a(0)),
            "abstract_member" => raw(0).to_string(),
            "overrides_nothing_note" => format!(
                "method {0} overrides nothing.\nNote: the super classes of {1} contain the \
                 following, non final members named {0}:\n{2}",
                a(0),
                a(1),
                a(2)
            ),
            "unknown_param" => format!("unknown parameter name: {}", a(0)),
            "positional_after_named" => "positional after named argument.".to_string(),
            "already_specified" => format!(
                "parameter '{}' is already specified at parameter position {}{}",
                a(0),
                a(1),
                hint(2).map_or(String::new(), |n| format!(
                    "\nNote that '{n}' is not a parameter name of the invoked method."
                ))
            ),
            "missing_arg" => format!(
                "not enough arguments for {}: unspecified value parameter {}",
                a(0),
                a(1)
            ),
            "no_ordering" => format!(
                "could not find implicit value for parameter ord: Ordering[{0}] (Scala gives a \
                 case class no Ordering: sort by one of its fields)",
                a(0)
            ),
            "no_numeric" => format!(
                "could not find implicit value for parameter num: scala.math.Numeric[{}]",
                a(0)
            ),
            "not_enough_args" => format!(
                "not enough arguments for {}: {}.\nUnspecified value parameter{} {}.",
                method(raw(0)),
                raw(1),
                if raw(2).contains(", ") { "s" } else { "" },
                raw(2)
            ),
            "too_many_args" => format!(
                "too many arguments (found {}, expected {}) for {}: {}",
                raw(1),
                raw(2),
                method(raw(0)),
                raw(3)
            ),
            "nullary_args" => {
                format!("no arguments allowed for nullary method {}: {}", raw(0), raw(1))
            }
            "overloaded_args" => format!(
                "overloaded method {} with alternatives:\n{}\n {}cannot be applied to ({})",
                raw(0),
                raw(1),
                // The names no alternative has, when some argument is named.
                hint(3).map_or(String::new(), |n| format!("[which have no such parameter {n}] ")),
                raw(2)
            ),
            "overloaded_fn" => format!(
                "overloaded method {} with alternatives:\n{}\n does not match arguments ({})",
                raw(0),
                raw(1),
                raw(2)
            ),
            "missing_param_type" => match hint(0) {
                Some(n) => format!(
                    "missing parameter type\nNote: The expected type requires a one-argument \
                     function accepting a {n}-Tuple.\n      Consider a pattern matching \
                     anonymous function, `{{ case ({}) =>  ... }}`",
                    raw(1)
                ),
                None => match (hint(2), hint(3)) {
                    (Some(f), _) => format!("missing parameter type for expanded function {f}"),
                    (None, Some(t)) => format!(
                        "missing parameter type for expanded function\nThe argument types of \
                         an anonymous function must be fully known. (SLS 8.5)\nExpected type \
                         was: {t}"
                    ),
                    (None, None) => "missing parameter type".to_string(),
                },
            },
            "constructors_args" => format!(
                "multiple constructors for {} with alternatives:\n{}\n cannot be invoked with ({})",
                raw(0),
                raw(1),
                raw(2)
            ),
            "missing_arg_list" => format!(
                "missing argument list for method {0} of type {1}\nUnapplied methods are only \
                 converted to functions when a function type is expected.\nYou can make this \
                 conversion explicit by writing `{0} _` or `{0}({2})` instead of `{0}`.",
                raw(0),
                raw(1),
                raw(2)
            ),
            "unapplied_member" => format!(
                "missing argument list for method {0} in {1} of type {2}\nUnapplied methods are \
                 only converted to functions when a function type is expected.\nYou can make this \
                 conversion explicit by writing `{0} _` or `{0}({3})` instead of `{0}`.",
                raw(0),
                raw(1),
                raw(2),
                raw(3)
            ),
            "array_for_seq" => format!(
                "overloaded method apply with alternatives:\n  (x: Unit,xs: Unit*)Array[Unit] <and>\n  \
                 (x: Double,xs: Double*)Array[Double] <and>\n  (x: Float,xs: Float*)Array[Float] \
                 <and>\n  (x: Long,xs: Long*)Array[Long] <and>\n  (x: Int,xs: Int*)Array[Int] \
                 <and>\n  (x: Char,xs: Char*)Array[Char] <and>\n  (x: Short,xs: Short*)Array[Short] \
                 <and>\n  (x: Byte,xs: Byte*)Array[Byte] <and>\n  (x: Boolean,xs: \
                 Boolean*)Array[Boolean]\n cannot be applied to ({}){}",
                raw(0),
                if raw(1) == "1" {
                    "\nError occurred in an application involving default arguments."
                } else {
                    ""
                }
            ),
            "ambiguous_member" => format!(
                "ambiguous reference to overloaded definition,\nboth method {0} in {1} of type \
                 {2}\nand  method {0} in {1} of type {3}\nmatch expected type {4}",
                raw(0),
                raw(1),
                raw(2),
                raw(3),
                raw(4)
            ),
            "no_main" => "no `def main(args: Array[String])` found in the object".to_string(),
            "no_apply" => format!(
                "{0}.type does not take parameters; a class is made with `new`: new {0}(...)",
                a(0)
            ),
            "statement_after_await" => {
                "this statement never runs: `ssc.awaitTermination()` blocks until the stream stops"
                    .to_string()
            }
            _ => return None,
        },
        Lang::Zh => match kind {
            "unexpected_token" => format!("这里应当是{}，却遇到了{}", a(0), a(1)),
            "unexpected_eof" => format!("程序意外结束：这里应当是{}", a(0)),
            "unterminated_string" => "字符串字面量没有结束引号".to_string(),
            "unterminated_comment" => "块注释没有结束（缺少 `*/`）".to_string(),
            "bad_char" => format!("意外的字符 `{}`", a(0)),
            "bad_number" => format!("无效的数字字面量 `{}`", a(0)),
            "bad_escape" => format!("字符串中无效的转义 `{}`", a(0)),
            "illegal_codepoint" => format!(
                "Char 常量中的码点不合法：'{}' 是两个 UTF-16 单元（一个代理对），一个 Char 只能放一个；请用字符串 \"...\"",
                a(0)
            ),
            "int_too_large" => format!("整数太大，超出 Int 范围：{}", a(0)),
            "unsupported" => format!("演练场暂不支持：{}", a(0)),
            "unknown_name" => match hint(1) {
                Some(s) => format!("找不到值 {}；你是不是想写 {s}？", a(0)),
                None => format!("找不到值 {}", a(0)),
            },
            // The short type (`DStream[String]`) where the checker gives one.
            "unknown_method" => {
                let ty = hint(3).map_or_else(|| a(1), |t| t.clone());
                match hint(2) {
                    Some(s) => {
                        // scalac's "length? or perhaps lengthIs" in Chinese.
                        let s = s
                            .replace("? or perhaps ", "？也可能是 ")
                            .replace("? or...", "？……")
                            .replace(", or ", "、")
                            .replace(", ", "、")
                            .replace(" or ", " 或 ");
                        format!("{} 不是 {ty} 的成员；你是不是想写 {s}？", a(0))
                    }
                    None => format!("{} 不是 {ty} 的成员", a(0)),
                }
            }
            "type_mismatch" => {
                // A space between Chinese and a Scala type (`需要 Long`), none before Chinese.
                let want = a(1);
                let gap = if want.starts_with(|c: char| c.is_ascii()) { " " } else { "" };
                format!("类型不匹配：实际是 {}，需要{gap}{want}", a(0))
            }
            "ambiguous_view" => {
                let (c1, t1, c2, t2) = views(raw(2));
                format!(
                    "{op} 的结果不是这里要的类型：scalac 想把 {0} 隐式转换成另一种有 {op} 的数字类型，\
                     {1} 到 {t1}（{c1}）和到 {t2}（{c2}）两个转换都行，它不知道选哪个。要文字就写 \
                     (… {op} …).toString 或 s\"${{…}}\"；要数字，就把声明的类型改宽（例如 Long、Double），\
                     或把结果转换过来（例如 .toInt）",
                    raw(3),
                    raw(2),
                    op = hint(4).map_or("+", |o| o.as_str()),
                )
            }
            "polymorphic_mismatch" => format!(
                "类型不匹配：实际是 {}（toSet 的元素类型 B 还没定），需要 {}。集合（Set）不是这种集合；\
                 先用 toList、toSeq 或 toVector 转成需要的集合，或者把声明的类型改成 Set",
                a(0),
                a(1)
            ),
            "invariant_set" => format!(
                "类型不匹配：实际是 {0}，需要 {1}。toSet 的元素类型 B 既要是原来元素的超类型，又要配得上 {3}，\
                 scalac 只好取 {2}；而 Set 是不变的（invariant）：Set[{2}] 不是 Set[{3}]。\
                 先把元素转换成 {3}（例如 .map(_.toString)），再 toSet",
                a(0),
                a(1),
                a(2),
                a(3)
            ),
            "invariant_mismatch" => format!(
                "类型不匹配：实际是 {0}，需要 {1}。{2} 虽是 {3} 的子类型，{4} 却是不变的（invariant）：\
                 {4}[{2}] 不是 {4}[{3}]。排序的类型要与元素的类型相同（或省去它，用元素类型的隐式排序）",
                a(0),
                a(1),
                a(2),
                a(3),
                a(4)
            ),
            "needs_pairs" => format!(
                "{0} 不是 {1} 的成员：{0} 需要 (键, 值) 对；先把元素变成键值对，例如 .map(x => (x, 1))",
                a(0),
                a(1)
            ),
            "throws" => format!("运行到这里会抛出 {}: {}", raw(0), raw(1)),
            "unseeded_random" => format!(
                "没有种子的 Random：Spark 每次运行抽到的数都不一样；游乐场用种子 {}，让每次重放都相同",
                raw(0)
            ),
            "float_literal" => format!(
                "{} 在 JVM 上是 Float；游乐场把它当 Double 算，所以用它算出的结果可能比 Spark 多印几位\
                 （Float 只有大约 7 位有效数字）",
                raw(0)
            ),
            "wall_clock" => format!(
                "{} 读取时钟：在 Spark 上每次运行都不一样；游乐场给出虚拟时间，从运行开始计",
                raw(0)
            ),
            "wrong_arg_count" => {
                format!("{} 需要 {} 个参数，但传入了 {} 个", a(0), a(1), a(2))
            }
            "reassign_val" => format!("不能给 val {} 重新赋值", a(0)),
            "illegal_conversion" => format!("f\"\" 里没有 '{}' 这种格式转换", raw(0)),
            "conversion_without_splice" => {
                "f\"\" 里的格式（如 %d）要紧跟在一个 $变量 后面；字面的 % 写成 %%，换行写 %n".into()
            }
            "missing_conversion" => {
                "% 后面缺少格式转换字符；字面的 % 写成 %%，换行写 %n".into()
            }
            "precision_not_allowed" => "整数和字符的格式（%d %x %o %c）不能带精度（.2）".into(),
            "group_only_d" => "千分位 ',' 只能用于整数的 %d".into(),
            "not_accessible" if raw(3) == "Time" => format!(
                "{} 是 Time 的私有字段（private val），程序里读毫秒数用 milliseconds",
                raw(0).rsplit(' ').next().unwrap_or("")
            ),
            "not_accessible" => format!(
                "{} 是 DStream 的内部成员（private[streaming]），只有 Spark 自己的代码能用；\
                 程序里能用的有 slideDuration、context、slice、dependencies、print 等",
                raw(0).rsplit(' ').next().unwrap_or("")
            ),
            "not_in_package" => match raw(0) {
                "JavaConversions" => "Scala 2.13 删掉了 scala.collection.JavaConversions（旧教程里\
                    常见）；改成 import scala.jdk.CollectionConverters._，再显式写 .asScala 或 .asJava"
                    .into(),
                "breakOut" => "Scala 2.13 删掉了 collection.breakOut；要得到别的集合，直接转换，比如 \
                    .toMap、.to(Map)、.toSet"
                    .into(),
                _ => format!("{} 包里没有 {}", a(1), a(0)),
            },
            "already_defined" => format!(
                "{} 在这一层已经定义过（{}）；同一个作用域里一个名字只能定义一次，新的一步起个新名字\
                 （比如 words2），或者把两步连成一串调用",
                a(0),
                word_zh(raw(1))
            ),
            "defined_twice" => {
                let (line, col) = raw(2).split_once(':').unwrap_or((raw(2), "?"));
                format!(
                    "方法 {} 在这个代码块里定义了两次（第一个在第 {line} 行第 {col} 列）；代码块里的\
                     局部方法不能重载，给第二个起个别的名字",
                    a(1)
                )
            }
            "forward_reference" => {
                let word = |w: &str| match w {
                    "variable" => "var",
                    "lazy value" => "lazy val",
                    "method" => "def",
                    _ => "val",
                };
                format!(
                    "{} {} 在第 {} 行才定义，这里用得早了：代码块里的名字在整个块里可见，但从这次使用到它的\
                     定义之间（含两端）不能有普通的 val 或 var（这里是 {} {}）；把定义移到前面，或改用 \
                     `lazy val`、`def`",
                    word(raw(0)),
                    raw(1),
                    raw(2),
                    word(raw(3)),
                    raw(4)
                )
            }
            "recursive_value" => format!(
                "val {0} 的初始值用到了它自己：新定义的 {0} 在自己的初始值里就已可见（遮住了外面或\
                 前面的同名值），这时它还没有类型；若是下一行的 `{{` 把代码块接成了上一个表达式的参数\
                 （Scala 的规则：`{{` 前只有一个换行时不断句），中间空一行就分开了",
                a(0)
            ),
            "no_params" => format!(
                "{} 不接受参数；若这是下一行的 `{{` 代码块，Scala 把它当作上一个表达式的参数\
                 （`{{` 前只有一个换行时不断句），中间空一行就分开了",
                a(0)
            ),
            "override_required" => {
                format!("覆盖具体成员需要写 `override` 修饰符：\n{}", raw(0))
            }
            "overrides_nothing" => format!(
                "方法 {} 没有覆盖任何成员：父类型里没有这个名字（拼写对吗？Spark 只调用它认识的方法）",
                a(0)
            ),
            "abstract_member" => format!(
                "父类型里有没实现的抽象成员，这个类要把它们都定义出来（或者声明成 abstract）：\n{}",
                raw(0).lines().skip(2).collect::<Vec<_>>().join("\n")
            ),
            "overrides_nothing_note" => format!(
                "方法 {} 没有覆盖任何成员：父类型里同名的方法参数类型不同，应为：\n{}",
                a(0),
                raw(2)
            ),
            "unknown_param" => format!("未知的参数名：{}", a(0)),
            "already_specified" => format!("参数 {} 已经给过了（第 {} 个参数）", a(0), a(1)),
            "positional_after_named" => {
                "具名参数不在它自己的位置上时，后面的参数也必须具名".to_string()
            }
            "missing_arg" => format!("{} 的参数不够：没有给出参数 {}", a(0), a(1)),
            "no_ordering" => format!(
                "找不到隐式参数 ord: Ordering[{0}]（Scala 不给 case class 定义排序：请按它的某个字段排序）",
                a(0)
            ),
            "no_numeric" => format!(
                "找不到隐式参数 num: scala.math.Numeric[{}]（sum 只能把数字相加：先把元素变成数字，或用 mkString 连接文字）",
                a(0)
            ),
            // The page shows these beside scalac's English, which lists the signatures.
            "not_enough_args" => format!(
                "调用{} 的参数不够：没有给出 {}（上面是它的签名）",
                zh_method(raw(0)),
                raw(2)
            ),
            "too_many_args" => format!(
                "调用{} 的参数太多：传入了 {} 个，它最多接受 {} 个（上面是它的签名）",
                zh_method(raw(0)),
                raw(1),
                raw(2)
            ),
            "nullary_args" => format!("方法 {} 不接受参数：去掉括号里的参数", raw(0)),
            "overloaded_args" | "overloaded_fn" => format!(
                "方法 {} 有多个重载（上面逐一列出），没有一个接受这些参数：({}){}",
                raw(0),
                raw(2),
                hint(3).map_or(String::new(), |n| format!("；没有一个重载有参数 {n}"))
            ),
            "missing_param_type" => match hint(0) {
                Some(n) => format!(
                    "缺少参数类型\n提示：这里要的是只有一个参数（一个 {n} 元组）的函数；\
                     可以写成模式匹配的匿名函数：`{{ case ({}) => ... }}`",
                    raw(1)
                ),
                None => {
                    let what = match (hint(2), hint(3)) {
                        (Some(f), _) => format!("缺少参数类型：`_` 展开成的函数 {f} 的参数类型推断不出来"),
                        (None, Some(t)) => format!(
                            "缺少参数类型：模式匹配的匿名函数的参数类型必须完全已知（SLS 8.5），这里期望的类型是 {t}"
                        ),
                        (None, None) if hint(4).is_some() => "缺少参数类型：推断不出这个参数的类型".to_string(),
                        (None, None) => "缺少参数类型：推断不出这个参数的类型（这里要的函数参数个数和它不同，或者这里要的根本不是函数）"
                            .to_string(),
                    };
                    match hint(4) {
                        // After `toSet`: its element type is still open.
                        Some(_) => format!(
                            "{what}\n原因：`toSet`（`toBuffer` 也一样）的元素类型是还没确定的类型参数（`toSet[B >: A]`），\
                             之后 map、flatMap、foreach、groupBy 这类自带类型参数的方法推断不出函数参数的类型；\
                             可以写 `toSet[Int]`，或先存进一个 val，或给参数标上类型"
                        ),
                        None => what,
                    }
                }
            },
            "constructors_args" => format!(
                "{} 有多个构造函数（上面逐一列出），没有一个接受这些参数：({})；批次间隔要写成 Duration，例如 Seconds(1)",
                raw(0),
                raw(2)
            ),
            "missing_arg_list" => format!(
                "方法 {0} 缺少参数列表（它的类型是 {1}）：只有在需要函数类型的地方，方法才会自动变成函数\
                 （StateSpec.function 有 Java 函数的重载，不算）；要明确转换，写成 `{0} _` 或 `{0}({2})`",
                raw(0),
                raw(1),
                raw(2)
            ),
            "unapplied_member" => format!(
                "{1} 的方法 {0} 缺少参数（它的类型是 {2}）：方法名后面要写上参数，例如 `{0}(...)`；\
                 只有在需要函数类型的地方，方法才会自动变成函数，要明确转换写成 `{0} _`",
                raw(0),
                raw(1).trim_start_matches("class "),
                raw(2)
            ),
            "array_for_seq" => format!(
                "Array.apply 的重载都不接受 ({})：parallelize 要的是 Seq[T]，T 还没推断出来时，Scala 2.13 \
                 只在基本类型（Int、Double……）的 Array.apply 里挑；改写成 Seq(...)，或先 val a = \
                 Array(...) 再传 a",
                raw(0)
            ),
            "ambiguous_member" => format!(
                "{1} 的方法 {0} 有多个重载，不写参数时 scalac 不知道用哪一个（例如 {2} 与 {3}）：\
                 写上参数，scalac 才能按参数选出重载",
                raw(0),
                raw(1).trim_start_matches("class "),
                raw(2),
                raw(3)
            ),
            "no_main" => "object 里没有找到 `def main(args: Array[String])`".to_string(),
            "no_apply" => format!(
                "{0}.type 不接受参数（{0} 这里是伴生对象）；创建类的实例要用 `new`：new {0}(...)",
                a(0)
            ),
            "statement_after_await" => {
                "这条语句永远不会执行：`ssc.awaitTermination()` 会一直阻塞到流停止".to_string()
            }
            _ => return None,
        },
    })
}

/// scalac's word for what a name is (`value`, `lazy value`, `case class`), in Chinese.
fn word_zh(word: &str) -> String {
    match word {
        "value" => "val".into(),
        "variable" => "var".into(),
        "lazy value" => "lazy val".into(),
        "method" => "def".into(),
        "case class" => "case class".into(),
        "class" => "class".into(),
        "trait" => "trait".into(),
        other => other.into(),
    }
}

/// The Chinese for the parser's fixed English phrases (what was expected or found, which
/// feature is unsupported); anything else (names, code) is returned as is.
fn phrase_zh(s: &str) -> String {
    let t = match s {
        "a statement" => "一条语句",
        "an expression" => "一个表达式",
        "a name" => "一个名字",
        "a member name" => "一个成员名",
        "a function name" => "一个函数名",
        "a parameter name" => "一个参数名",
        "an object name" => "object 的名字",
        "an import path" => "import 的路径",
        "a pattern" => "一个模式",
        "an assignable name" => "可以赋值的名字",
        "a number" => "数字",
        "a function" => "一个函数",
        "a character literal" => "字符字面量",
        "a string literal" => "字符串字面量",
        "end of program" => "程序结尾",
        "a generator `x <- xs`" => "生成器 `x <- xs`",
        "`;` or a new line" => "`;` 或换行",
        "`,` or `)`" => "`,` 或 `)`",
        "`(` or `{`" => "`(` 或 `{`",
        "`lazy` here (only `lazy val name = ...`)" => "这里的 `lazy`（只支持 `lazy val 名字 = ...`）",
        "a `lazy val` with a pattern" => "带模式的 `lazy val`",
        "`implicit` definitions" => "`implicit` 定义",
        "implicit parameters" => "隐式参数（implicit）",
        "`class` definitions" => "`class` 定义",
        "`case object` definitions" => "`case object` 定义",
        "a class name" => "类名",
        "`var` fields of a case class" => "case class 的 `var` 字段",
        "type parameters of a case class" => "case class 的类型参数",
        "a case class without a parameter list" => "没有参数列表的 case class",
        "a second parameter list of a case class" => "case class 的第二个参数列表",
        "statements other than `def` in a case class body" => "case class 体里 `def` 以外的语句",
        "a case class extending a class whose body runs statements (a `println`, a `var`): its `def`s and `val`s are fine" => {
            "继承的类的类体里有要执行的语句（`println`、`var`）的 case class：类体里只有 `def` 和 `val` 没问题"
        }
        "a `case object` inside `main` (a local object: a task that uses it fails on Spark with `Task not serializable`, as its closure then holds the enclosing object); define it outside `main`, in a whole program's `object` or at the top of the file" => {
            "`main` 里的 `case object`（局部对象：用到它的任务在 Spark 上会失败，报 `Task not serializable`，因为闭包会带上外层对象）；请把它定义在 `main` 外面，放进完整程序的 `object` 里或文件顶部"
        }
        "`trait` definitions" => "`trait` 定义",
        "an `object` in a block with `main`, `extends App` or imports" => {
            "代码块中带 `main`、`extends App` 或 import 的 `object`"
        }
        "`type` aliases with type parameters" => "带类型参数的 `type` 别名",
        "`package` here" => "在这里写 `package`",
        "`try`/`catch`" => "`try`/`catch`",
        "`var x: T = _`" => "`var x: T = _`",
        "default arguments" => "参数默认值",
        "a second argument list to a parent class" => "父类的第二个参数列表",
        "XML literals" => "XML 字面量",
        "constant patterns" => "常量模式",
        "patterns other than names in an interpolated pattern" => "插值模式（s\"...\"）里名字以外的模式",
        "alternative patterns `p1 | p2`" => "多选模式 `p1 | p2`",
        "binders `x @ p`" => "模式绑定 `x @ p`",
        "value definitions in `for`" => "`for` 里的值定义",
        "objects extending a class other than `App`" => "继承 `App` 以外的类的 object",
        "a second parameter list of a class" => "类的第二个参数列表",
        "arguments to a trait" => "给 trait 的参数",
        "this kind of parent" => "这种父类型",
        "type parameters of a class" => "类的类型参数",
        _ => {
            if let Some(n) = s
                .strip_prefix("defining ")
                .and_then(|r| r.strip_suffix(" in a case class"))
            {
                return format!("在 case class 里定义 {n}");
            }
            if let Some(n) = s
                .strip_prefix("nesting deeper than ")
                .and_then(|r| r.strip_suffix(" levels"))
            {
                return format!("超过 {n} 层的嵌套");
            }
            return s.to_string();
        }
    };
    t.to_string()
}

/// Levenshtein distance between `a` and `b`, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate nearest to `name` by edit distance (ignoring case differences first), if it
/// is near enough to be a likely typo: at most a third of the name's length, and at least 1.
/// Ties go to the earlier candidate.
pub fn suggest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    if let Some(c) = candidates
        .iter()
        .find(|c| **c != name && c.to_lowercase() == lower)
    {
        return Some(c);
    }
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if *c == name {
            continue;
        }
        let d = edit_distance(name, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// scalac 2.13's "did you mean" of a member `name` not found among `members` (its
/// `NotAMemberError`, read from Spark 4.3.0's scala-compiler 2.13.18): the names within 3
/// edits (Damerau-Levenshtein, case ignored) and 3 characters of length, each within half of
/// both lengths or holding all of `name`'s characters, by distance then name; the nearest
/// (up to 4) as "length", the next as "or perhaps lengthIs" (up to 4 in all). What follows
/// "did you mean ", without its last `?` (`length? or perhaps lengthIs`), or `None`.
pub fn scalac_suggest(name: &str, members: &[&str]) -> Option<String> {
    const THRESHOLD: usize = 3;
    const MAX: usize = 4;
    let x: Vec<char> = name.chars().collect();
    if x.len() < 2 {
        return None;
    }
    let setter = |s: &[char]| s.ends_with(&['_', '=']);
    let mut alts: Vec<(usize, &str)> = Vec::new();
    for &n in members {
        let nc: Vec<char> = n.chars().collect();
        if nc.len().abs_diff(x.len()) > THRESHOLD || n == name || n.contains('$') {
            continue;
        }
        let d = damerau(&nc, &x);
        let (nset, xset) = (setter(&nc), setter(&x));
        let (n1, x1) = if nset && xset {
            (&nc[..nc.len() - 2], &x[..x.len() - 2])
        } else {
            (&nc[..], &x[..])
        };
        let near = d <= n1.len() / 2 && d <= x1.len() / 2;
        let contained = x1.iter().all(|c| n1.contains(c));
        if nset == xset && d <= THRESHOLD && (near || contained) && !alts.contains(&(d, n)) {
            alts.push((d, n));
        }
    }
    alts.sort();
    let d0 = alts.first()?.0;
    let best: Vec<&str> = alts.iter().filter(|a| a.0 == d0).map(|a| a.1).collect();
    let rest: Vec<&str> = alts.iter().filter(|a| a.0 != d0).map(|a| a.1).collect();
    let room = MAX.saturating_sub(best.len());
    let mut out = oxford(&best[..best.len().min(MAX)]);
    if room > 0 && !rest.is_empty() {
        out.push_str("? or perhaps ");
        out.push_str(&oxford(&rest[..rest.len().min(room)]));
    }
    if best.len() > MAX || rest.len() > room {
        out.push_str("? or...");
    }
    Some(out)
}

/// `a`, `a or b`, `a, b, or c` (scalac's `StringUtil.oxford`).
fn oxford(xs: &[&str]) -> String {
    match xs {
        [] => String::new(),
        [a] => a.to_string(),
        [a, b] => format!("{a} or {b}"),
        [init @ .., last] => format!("{}, or {last}", init.join(", ")),
    }
}

/// scalac's `EditDistance.levenshtein` with a transposition costing 1, case ignored.
fn damerau(s: &[char], t: &[char]) -> usize {
    let (n, m) = (s.len(), t.len());
    if n == 0 || m == 0 {
        return n.max(m);
    }
    let eq = |a: char, b: char| a.to_lowercase().eq(b.to_lowercase());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(!eq(s[i - 1], t[j - 1]));
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && eq(s[i - 1], t[j - 2]) && eq(s[i - 2], t[j - 1]) {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// Converts byte offsets into 1-based line and column numbers (columns count characters).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    text: String,
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            text: text.to_string(),
        }
    }

    /// 1-based `(line, column)` of byte `offset`.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = (offset as usize).min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count();
        (line as u32 + 1, col as u32 + 1)
    }
}

/// The two widening views of a number type scalac finds ambiguous for `+`: each method's
/// name and the type it gives.
fn views(t: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    match t {
        "Long" => ("long2float", "Float", "long2double", "Double"),
        "Char" => ("char2int", "Int", "char2long", "Long"),
        _ => ("int2float", "Float", "int2long", "Long"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_english_and_a_chinese_message() {
        let args: Vec<String> = vec!["x".into(), "y".into(), "z".into()];
        for kind in KINDS {
            let en = render(kind, &args, Lang::En);
            let zh = render(kind, &args, Lang::Zh);
            assert!(en.is_some(), "{kind} has no English message");
            assert!(zh.is_some(), "{kind} has no Chinese message");
            assert_ne!(en, zh, "{kind}: the Chinese message is the English one");
        }
        assert_eq!(render("no_such_kind", &args, Lang::En), None);
    }

    /// The quoted texts in `src` (no escapes inside, none with a `{` placeholder).
    fn literals(src: &str) -> Vec<&str> {
        src.split('"')
            .skip(1)
            .step_by(2)
            .filter(|t| !t.contains('{') && !t.is_empty())
            .collect()
    }

    #[test]
    fn every_refusal_of_the_parser_has_a_chinese_phrase() {
        let parser = include_str!("parser.rs");
        let mut phrases = Vec::new();
        // Each call's first quoted text is its phrase (one with a placeholder is formatted).
        for call in parser.split("self.unsupported(").skip(1) {
            let call = &call[..call.find(";\n").unwrap_or(call.len())];
            if let Some(first) = call.split('"').nth(1).filter(|t| !t.contains('{')) {
                phrases.push(first);
            }
        }
        let defs = parser
            .split("fn unsupported_def")
            .nth(1)
            .and_then(|r| r.split("fn val(").next())
            .unwrap_or("");
        for arm in defs.split("=> ").skip(1) {
            if arm.starts_with('"') {
                phrases.extend(literals(arm.split(',').next().unwrap_or("")));
            }
        }
        assert!(phrases.len() > 25, "{phrases:?}");
        for p in phrases {
            // Code alone (`var x: T = _`) reads the same in both languages.
            let code = p.starts_with('`') && p.ends_with('`');
            assert!(
                code || phrase_zh(p) != p,
                "no Chinese for the parser's phrase {p:?}"
            );
        }
    }

    #[test]
    fn suggestions_are_near_names() {
        let names = [
            "reduceByKey",
            "reduceByKeyAndWindow",
            "reduceByWindow",
            "print",
        ];
        assert_eq!(
            suggest("reduceByKeyAndWindw", &names),
            Some("reduceByKeyAndWindow")
        );
        assert_eq!(suggest("reducebykey", &names), Some("reduceByKey"));
        assert_eq!(suggest("prnt", &names), Some("print"));
        assert_eq!(suggest("collect", &names), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn line_and_column_count_characters() {
        let idx = LineIndex::new("ab\n中文x\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(9), (2, 3));
    }
}
