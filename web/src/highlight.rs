//! Scala highlighting for the editor's overlay: a small lexer that sorts each character into a
//! kind (keyword, string, number, comment, type, Spark operator, plain) and marks which
//! diagnostic's range (if any) covers it, then groups equal runs so the overlay is a few spans
//! per line. [`caret_offset`] turns a diagnostic's line and column into the textarea's caret
//! offset (UTF-16 units), and [`line_col`] the other way.

/// What a run of characters is, for its CSS class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Anything else.
    Plain,
    /// `val`, `new`, `def`, ...
    Keyword,
    /// A string literal.
    Str,
    /// A number.
    Num,
    /// A comment.
    Comment,
    /// A capitalised name (`StreamingContext`, `Seconds`).
    Type,
    /// A method name after a dot (`reduceByKeyAndWindow`).
    Method,
}

impl Kind {
    /// The CSS class of the run.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Plain => "tok",
            Kind::Keyword => "tok tok-kw",
            Kind::Str => "tok tok-str",
            Kind::Num => "tok tok-num",
            Kind::Comment => "tok tok-com",
            Kind::Type => "tok tok-type",
            Kind::Method => "tok tok-method",
        }
    }
}

/// A run of characters of one kind on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Its kind.
    pub kind: Kind,
    /// The index (in the ranges given) of the first diagnostic that covers it.
    pub diag: Option<usize>,
    /// The text.
    pub text: String,
}

const KEYWORDS: &[&str] = &[
    "val",
    "var",
    "def",
    "new",
    "object",
    "class",
    "if",
    "else",
    "match",
    "case",
    "import",
    "package",
    "for",
    "while",
    "yield",
    "return",
    "true",
    "false",
    "null",
    "extends",
    "with",
    "this",
    "sealed",
    "trait",
    "abstract",
    "override",
    "private",
    "protected",
    "final",
    "lazy",
    "implicit",
    "try",
    "catch",
    "finally",
    "throw",
    "do",
    "type",
];

/// A range to underline: 1-based line and column of the start, and of the character after the end.
pub type Range = (u32, u32, u32, u32);

/// Splits `src` into lines of runs; `ranges` are underlined.
pub fn highlight(src: &str, ranges: &[Range]) -> Vec<Vec<Run>> {
    let mut lines = Vec::new();
    let mut in_block_comment = false;
    for (li, line) in src.split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut kinds = vec![Kind::Plain; chars.len()];
        let mut i = 0;
        while i < chars.len() {
            if in_block_comment {
                kinds[i] = Kind::Comment;
                if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    kinds[i + 1] = Kind::Comment;
                    i += 2;
                    in_block_comment = false;
                } else {
                    i += 1;
                }
                continue;
            }
            let c = chars[i];
            if c == '/' && chars.get(i + 1) == Some(&'/') {
                kinds[i..].fill(Kind::Comment);
                break;
            }
            if c == '/' && chars.get(i + 1) == Some(&'*') {
                in_block_comment = true;
                kinds[i] = Kind::Comment;
                i += 1;
                continue;
            }
            if c == '"' {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let end = (i + 1).min(chars.len());
                kinds[start..end].fill(Kind::Str);
                i = end;
                continue;
            }
            if c.is_ascii_digit() {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                    i += 1;
                }
                kinds[start..i].fill(Kind::Num);
                continue;
            }
            if c.is_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let kind = if KEYWORDS.contains(&word.as_str()) {
                    Kind::Keyword
                } else if word.starts_with(char::is_uppercase) {
                    Kind::Type
                } else if start > 0 && chars[start - 1] == '.' {
                    Kind::Method
                } else {
                    Kind::Plain
                };
                kinds[start..i].fill(kind);
                continue;
            }
            i += 1;
        }
        let line_no = li as u32 + 1;
        let in_diag = |col: u32| {
            ranges.iter().position(|&(l0, c0, l1, c1)| {
                let after_start = line_no > l0 || (line_no == l0 && col >= c0);
                let before_end = line_no < l1 || (line_no == l1 && (col < c1 || c1 <= c0));
                after_start && before_end
            })
        };
        let mut runs: Vec<Run> = Vec::new();
        for (ci, (&ch, &kind)) in chars.iter().zip(kinds.iter()).enumerate() {
            let diag = in_diag(ci as u32 + 1);
            match runs.last_mut() {
                Some(r) if r.kind == kind && r.diag == diag => r.text.push(ch),
                _ => runs.push(Run {
                    kind,
                    diag,
                    text: ch.to_string(),
                }),
            }
        }
        // A diagnostic at the end of a line (or on an empty line) still shows.
        let at_end = in_diag(chars.len() as u32 + 1);
        if at_end.is_some() && runs.last().is_none_or(|r| r.diag.is_none()) {
            runs.push(Run {
                kind: Kind::Plain,
                diag: at_end,
                text: " ".into(),
            });
        }
        lines.push(runs);
    }
    lines
}

/// Whether the caret at 1-based `line` and `col` touches `range` (its end included, so a caret
/// just after the marked text still counts).
pub fn covers(range: &Range, line: u32, col: u32) -> bool {
    let &(l0, c0, l1, c1) = range;
    let after_start = line > l0 || (line == l0 && col >= c0);
    let before_end = line < l1 || (line == l1 && col <= c1.max(c0));
    after_start && before_end
}

/// The textarea offset (in UTF-16 units, as `selectionStart` counts) of 1-based `line` and
/// `col` (in characters) in `src`; past the end of a line or of the text, its end.
pub fn caret_offset(src: &str, line: u32, col: u32) -> u32 {
    let mut offset = 0usize;
    for (i, text) in src.split('\n').enumerate() {
        if i + 1 == line as usize {
            let before: usize = text
                .chars()
                .take(col.saturating_sub(1) as usize)
                .map(char::len_utf16)
                .sum();
            return (offset + before) as u32;
        }
        offset += text.encode_utf16().count() + 1;
    }
    src.encode_utf16().count() as u32
}

/// The 1-based line and column (in characters) of the textarea offset `utf16` in `src`.
pub fn line_col(src: &str, utf16: u32) -> (u32, u32) {
    let (mut line, mut col, mut seen) = (1, 1, 0u32);
    for c in src.chars() {
        if seen >= utf16 {
            break;
        }
        seen += c.len_utf16() as u32;
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_underline() {
        let lines = highlight("val x = Seconds(5) // c\nx.print()", &[(2, 3, 2, 8)]);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0][0].kind, Kind::Keyword);
        assert!(lines[0]
            .iter()
            .any(|r| r.kind == Kind::Type && r.text == "Seconds"));
        assert!(lines[0]
            .iter()
            .any(|r| r.kind == Kind::Num && r.text == "5"));
        assert!(lines[0].iter().any(|r| r.kind == Kind::Comment));
        let underlined: String = lines[1]
            .iter()
            .filter(|r| r.diag == Some(0))
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(underlined, "print");
        assert!(lines[0].iter().all(|r| r.diag.is_none()));
    }

    #[test]
    fn case_classes_traits_and_try_are_keywords() {
        let lines = highlight(
            "sealed trait E\ncase object S extends E\ntry f() catch { case e: Exception => throw e }",
            &[],
        );
        let keywords: Vec<&str> = lines
            .iter()
            .flatten()
            .filter(|r| r.kind == Kind::Keyword)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(
            keywords,
            ["sealed", "trait", "case", "object", "extends", "try", "catch", "case", "throw"]
        );
    }

    #[test]
    fn the_second_range_is_told_apart() {
        let lines = highlight("ab cd", &[(1, 1, 1, 3), (1, 4, 1, 6)]);
        let marks: Vec<_> = lines[0].iter().map(|r| (r.text.as_str(), r.diag)).collect();
        assert_eq!(marks, [("ab", Some(0)), (" ", None), ("cd", Some(1))]);
    }

    #[test]
    fn caret_offsets_count_utf16_and_round_trip() {
        let src = "val s = \"你好😀\"\nx.print()";
        assert_eq!(caret_offset(src, 2, 3), 17);
        assert_eq!(line_col(src, 17), (2, 3));
        // 😀 is two UTF-16 units but one column.
        assert_eq!(caret_offset(src, 1, 13), 13);
        assert_eq!(line_col(src, 13), (1, 13));
        assert_eq!(caret_offset(src, 9, 1), src.encode_utf16().count() as u32);
        assert!(covers(&(2, 3, 2, 8), 2, 8));
        assert!(!covers(&(2, 3, 2, 8), 2, 9));
        assert!(!covers(&(2, 3, 2, 8), 1, 5));
    }
}
