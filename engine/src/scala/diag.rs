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
        let a = |i: usize| self.args.get(i).map(String::as_str).unwrap_or("?");
        match self.kind {
            "unexpected_token" => format!("expected {}, found {}", a(0), a(1)),
            "unexpected_eof" => format!("unexpected end of program: expected {}", a(0)),
            "unterminated_string" => "unterminated string literal".to_string(),
            "unterminated_comment" => "unterminated block comment".to_string(),
            "bad_char" => format!("unexpected character `{}`", a(0)),
            "bad_number" => format!("invalid number literal `{}`", a(0)),
            "bad_escape" => format!("invalid escape `{}` in string literal", a(0)),
            "int_too_large" => format!("integer number too large for Int: {}", a(0)),
            "unsupported" => format!("not supported by the playground yet: {}", a(0)),
            "unknown_name" => match self.args.get(1) {
                Some(s) if !s.is_empty() => {
                    format!("not found: value {} (did you mean `{}`?)", a(0), s)
                }
                _ => format!("not found: value {}", a(0)),
            },
            "unknown_method" => match self.args.get(2) {
                Some(s) if !s.is_empty() => {
                    format!(
                        "value {} is not a member of {} (did you mean `{}`?)",
                        a(0),
                        a(1),
                        s
                    )
                }
                _ => format!("value {} is not a member of {}", a(0), a(1)),
            },
            "type_mismatch" => format!("type mismatch: found {}, required {}", a(0), a(1)),
            "wrong_arg_count" => format!(
                "{} takes {} argument(s), but {} were given",
                a(0),
                a(1),
                a(2)
            ),
            "reassign_val" => format!("reassignment to val {}", a(0)),
            "no_main" => "no `def main(args: Array[String])` found in the object".to_string(),
            "statement_after_await" => {
                "this statement never runs: `ssc.awaitTermination()` blocks until the stream stops"
                    .to_string()
            }
            other => format!("{other}: {}", self.args.join(", ")),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let idx = LineIndex::new("ab\n中文x\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(9), (2, 3));
    }
}
