//! Scala highlighting for the editor's overlay: a small lexer that sorts each character into a
//! kind (keyword, string, number, comment, type, Spark operator, plain) and marks the ranges a
//! diagnostic points at, then groups equal runs so the overlay is a few spans per line.

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
    /// Whether a diagnostic covers it.
    pub diag: bool,
    /// The text.
    pub text: String,
}

const KEYWORDS: [&str; 22] = [
    "val", "var", "def", "new", "object", "class", "if", "else", "match", "case", "import",
    "package", "for", "while", "yield", "return", "true", "false", "null", "extends", "with",
    "this",
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
            ranges.iter().any(|&(l0, c0, l1, c1)| {
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
        if in_diag(chars.len() as u32 + 1) && runs.last().is_none_or(|r| !r.diag) {
            runs.push(Run {
                kind: Kind::Plain,
                diag: true,
                text: " ".into(),
            });
        }
        lines.push(runs);
    }
    lines
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
            .filter(|r| r.diag)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(underlined, "print");
    }
}
