//! The lexer of the Scala subset: turns program text into [`Token`]s with byte spans.
//!
//! Newlines are not tokens; each token records whether a line break came before it
//! (`nl_before`), and the parser applies Scala's statement-ending rules from that. The lexer
//! never fails: it reports problems as [`Diagnostic`]s and goes on. Interpolated strings keep
//! the spans of their `${...}` parts so the parser can re-lex them in place ([`lex_range`]).

use super::ast::Span;
use super::diag::Diagnostic;

/// What the playground says of a `Float`, `Short` or `Byte` (`toFloat`, a declared type): it
/// computes in `Int`, `Long` and `Double` only.
pub const FLOAT: &str = "`Float`, `Short` and `Byte` (the playground's numbers are Int, Long and Double: write toDouble, 3.0)";

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An alphanumeric identifier or keyword (`val`, `map`, `_`, `_1`), or a backquoted name.
    Ident(String),
    /// An operator identifier or reserved symbol (`+`, `::`, `=`, `=>`, `<-`, `:`).
    Op(String),
    /// An integer literal (range-checked by the parser); `None` when it does not fit `u64`.
    Int(Option<u64>),
    /// An integer literal with an `L` suffix; `None` when it does not fit `u64`.
    Long(Option<u64>),
    /// A floating-point literal.
    Double(f64),
    /// A character literal.
    Char(char),
    /// A string literal, escapes resolved.
    Str(String),
    /// An interpolated string `id"..."`.
    Interp {
        /// The interpolator (`s`, `f`, `raw`).
        id: String,
        /// The parts, in order.
        parts: Vec<RawPart>,
    },
    /// One of `( ) [ ] { } , ; .`.
    Punct(u8),
    /// The end of the text.
    Eof,
}

/// A part of an interpolated string, before the parser turns `${...}` into an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum RawPart {
    /// Literal text.
    Text(String),
    /// `$name`.
    Name(String, Span),
    /// `${...}`: the span of the text between the braces.
    Block(Span),
}

/// A token with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it is.
    pub span: Span,
    /// A line break comes between the previous token and this one.
    pub nl_before: bool,
    /// A blank line (only spaces between two line breaks) comes between them: scalac's
    /// `NEWLINES`, after which even a `{` starts a new statement.
    pub blank_before: bool,
}

/// Lex all of `src`.
pub fn lex(src: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    lex_range(src, 0, src.len())
}

/// Lex `src[start..end]`, with spans relative to the whole of `src`. Always ends with `Eof`.
pub fn lex_range(src: &str, start: usize, end: usize) -> (Vec<Token>, Vec<Diagnostic>) {
    let end = end.min(src.len());
    let mut lx = Lexer {
        src: &src[..end],
        b: &src.as_bytes()[..end],
        pos: start.min(end),
        diags: Vec::new(),
    };
    let mut toks = Vec::new();
    let mut nl = false;
    let mut blank = false;
    loop {
        let from = lx.pos;
        nl |= lx.skip_trivia();
        let at = lx.pos;
        blank |= has_blank_line(&lx.b[from..at]);
        // `None`: a bad character was skipped (and reported).
        let Some(tok) = lx.next_tok() else {
            continue;
        };
        let done = tok == Tok::Eof;
        toks.push(Token {
            tok,
            span: Span::new(at, lx.pos),
            nl_before: std::mem::take(&mut nl),
            blank_before: std::mem::take(&mut blank),
        });
        if done {
            return (toks, lx.diags);
        }
    }
}

/// Whether `gap` (between two tokens) holds a line with nothing but spaces on it.
fn has_blank_line(gap: &[u8]) -> bool {
    let mut lines = gap.split(|b| *b == b'\n');
    lines.next();
    let mut middle: Vec<&[u8]> = lines.collect();
    // The last piece is the start of the next token's line, not a whole line.
    middle.pop();
    middle
        .iter()
        .any(|l| l.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | 0x0c)))
}

/// Characters that make up operator identifiers.
pub fn is_op_char(c: char) -> bool {
    "!#%&*+-/:<=>?@\\^|~".contains(c)
}

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    diags: Vec<Diagnostic>,
}

impl Lexer<'_> {
    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.pos + k).copied().unwrap_or(0)
    }

    fn ch(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn err(&mut self, from: usize, kind: &'static str, args: Vec<String>) {
        let span = Span::new(from, self.pos.max(from));
        self.diags.push(Diagnostic::error(span, kind, args));
    }

    /// Skip whitespace and comments; says whether a line break was crossed.
    fn skip_trivia(&mut self) -> bool {
        let mut nl = false;
        loop {
            match self.peek(0) {
                b'\n' => {
                    nl = true;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0c => self.pos += 1,
                b'/' if self.peek(1) == b'/' => {
                    while self.pos < self.b.len() && self.b[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.peek(1) == b'*' => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek(0), self.peek(1)) {
                            (0, _) if self.pos >= self.b.len() => {
                                self.err(start, "unterminated_comment", vec![]);
                                return nl;
                            }
                            (b'/', b'*') => {
                                depth += 1;
                                self.pos += 2;
                            }
                            (b'*', b'/') => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            (c, _) => {
                                nl |= c == b'\n';
                                self.pos += 1;
                            }
                        }
                    }
                }
                _ => return nl,
            }
        }
    }

    fn next_tok(&mut self) -> Option<Tok> {
        let start = self.pos;
        let Some(c) = self.ch() else {
            return Some(Tok::Eof);
        };
        Some(match c {
            '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' => {
                self.pos += 1;
                Tok::Punct(c as u8)
            }
            '.' => {
                self.pos += 1;
                Tok::Punct(b'.')
            }
            '0'..='9' => self.number(),
            '"' => {
                if self.b[self.pos..].starts_with(b"\"\"\"") {
                    self.pos += 3;
                    Tok::Str(self.triple_body(start))
                } else {
                    self.pos += 1;
                    Tok::Str(self.string_body(start))
                }
            }
            '`' => {
                self.pos += 1;
                let from = self.pos;
                while self.pos < self.b.len() && !matches!(self.b[self.pos], b'`' | b'\n') {
                    self.pos += 1;
                }
                let name = self.src[from..self.pos].to_string();
                if self.peek(0) == b'`' {
                    self.pos += 1;
                } else {
                    self.err(start, "unterminated_string", vec![]);
                }
                Tok::Ident(name)
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                while let Some(c) = self.ch() {
                    if c.is_alphanumeric() || c == '_' || c == '$' {
                        self.pos += c.len_utf8();
                    } else {
                        break;
                    }
                }
                // `name_=`-style identifiers: a trailing underscore may take operator chars.
                if self.b[self.pos - 1] == b'_' && self.pos - start > 1 {
                    while self.ch().is_some_and(is_op_char) {
                        self.pos += 1;
                    }
                }
                let name = self.src[start..self.pos].to_string();
                if self.peek(0) == b'"' {
                    return Some(self.interpolated(name));
                }
                Tok::Ident(name)
            }
            c if is_op_char(c) => {
                while self.ch().is_some_and(is_op_char) {
                    // Do not swallow the start of a comment.
                    if self.peek(0) == b'/' && matches!(self.peek(1), b'/' | b'*') {
                        break;
                    }
                    self.pos += 1;
                }
                Tok::Op(self.src[start..self.pos].to_string())
            }
            '\'' => return self.char_lit(),
            c => {
                self.pos += c.len_utf8();
                self.err(start, "bad_char", vec![c.to_string()]);
                return None;
            }
        })
    }

    fn digits(&mut self, hex: bool) {
        while self.peek(0).is_ascii_digit()
            || self.peek(0) == b'_'
            || (hex && self.peek(0).is_ascii_hexdigit())
        {
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Tok {
        let start = self.pos;
        let hex = self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X');
        if hex {
            self.pos += 2;
        }
        self.digits(hex);
        let mut float = false;
        if !hex && self.peek(0) == b'.' && self.peek(1).is_ascii_digit() {
            float = true;
            self.pos += 1;
            self.digits(false);
        }
        if !hex && matches!(self.peek(0), b'e' | b'E') {
            let k = if matches!(self.peek(1), b'+' | b'-') {
                2
            } else {
                1
            };
            if self.peek(k).is_ascii_digit() {
                float = true;
                self.pos += k;
                self.digits(false);
            }
        }
        let text: String = self.src[start..self.pos]
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let suffix = self.peek(0);
        if !hex && matches!(suffix, b'd' | b'D' | b'f' | b'F') {
            float = true;
            self.pos += 1;
            if matches!(suffix, b'f' | b'F') && !self.ch().is_some_and(|c| c.is_alphanumeric()) {
                // `3.0f`: a `Float` on the JVM, a `Double` here (the same text printed alone,
                // not the same arithmetic).
                let span = Span::new(start, self.pos);
                let literal = self.src[start..self.pos].to_string();
                self.diags
                    .push(Diagnostic::warning(span, "float_literal", vec![literal]));
            }
        }
        let long = !float && matches!(suffix, b'l' | b'L');
        if long {
            self.pos += 1;
        }
        if self.ch().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            while self.ch().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                self.pos += self.ch().map_or(1, char::len_utf8);
            }
            let bad = self.src[start..self.pos].to_string();
            self.err(start, "bad_number", vec![bad]);
            return Tok::Int(Some(0));
        }
        if float {
            return match text.parse::<f64>() {
                Ok(v) => Tok::Double(v),
                Err(_) => {
                    self.err(start, "bad_number", vec![text]);
                    Tok::Double(0.0)
                }
            };
        }
        let v = if hex {
            u64::from_str_radix(&text[2..], 16).ok()
        } else {
            text.parse::<u64>().ok()
        };
        if hex && text.len() == 2 {
            self.err(start, "bad_number", vec![text]);
            return Tok::Int(Some(0));
        }
        if long {
            Tok::Long(v)
        } else {
            Tok::Int(v)
        }
    }

    /// Read one escape after a backslash (already at `\`); pushes the character to `out`.
    fn escape(&mut self, out: &mut String) {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek(0) {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'0' => '\0',
            b'"' => '"',
            b'\'' => '\'',
            b'\\' => '\\',
            b'u' => {
                let hex = self.src.get(self.pos + 1..self.pos + 5).unwrap_or("");
                if let Some(c) = (hex.len() == 4)
                    .then(|| u16::from_str_radix(hex, 16).ok())
                    .flatten()
                    // A surrogate (`\uD83D`) is a `Char` of its own, joined with its other
                    // half when they meet.
                    .map(crate::utf16::half)
                {
                    self.pos += 5;
                    out.push(c);
                    return;
                }
                '\u{fffd}'
            }
            _ => '\u{fffd}',
        };
        if c == '\u{fffd}' {
            let len = self.ch().map_or(0, char::len_utf8);
            self.pos += len;
            let text = self.src[at..self.pos].to_string();
            self.err(at, "bad_escape", vec![text]);
            return;
        }
        self.pos += 1;
        out.push(c);
    }

    /// The rest of a `"..."` literal after the opening quote.
    fn string_body(&mut self, start: usize) -> String {
        let mut out = String::new();
        loop {
            match self.ch() {
                None | Some('\n') => {
                    self.err(start, "unterminated_string", vec![]);
                    return out;
                }
                Some('"') => {
                    self.pos += 1;
                    return crate::utf16::join_halves(&out).unwrap_or(out);
                }
                Some('\\') => self.escape(&mut out),
                Some(c) => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// The rest of a `"""..."""` literal after the opening quotes.
    fn triple_body(&mut self, start: usize) -> String {
        let from = self.pos;
        match self.src[from..].find("\"\"\"") {
            Some(i) => {
                let mut end = from + i;
                while self.b.get(end + 3) == Some(&b'"') {
                    end += 1;
                }
                self.pos = end + 3;
                self.src[from..end].to_string()
            }
            None => {
                self.pos = self.b.len();
                self.err(start, "unterminated_string", vec![]);
                self.src[from..].to_string()
            }
        }
    }

    fn char_lit(&mut self) -> Option<Tok> {
        let start = self.pos;
        self.pos += 1;
        let mut s = String::new();
        match self.ch() {
            Some('\\') => self.escape(&mut s),
            Some(c) if c != '\n' && c != '\'' => {
                s.push(c);
                self.pos += c.len_utf8();
            }
            _ => {}
        }
        if self.peek(0) == b'\'' && s.chars().count() == 1 {
            self.pos += 1;
            let c = s.chars().next().unwrap_or('\0');
            if crate::utf16::len(&s) > 1 {
                // `'😀'`: two UTF-16 units, not one `Char`.
                let units: String = s.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
                self.err(start, "illegal_codepoint", vec![units]);
            }
            return Some(Tok::Char(c));
        }
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        if s.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        {
            // `'sym`: Scala 2's deprecated symbol literal, which scalac still compiles.
            let name_start = start + 1;
            let len = self.src[name_start..].find(|c: char| !ident(c));
            self.pos = len.map_or(self.b.len(), |n| name_start + n);
            let name = self.src[name_start..self.pos].to_string();
            let what = format!("a symbol literal `'{name}` (write the String \"{name}\")");
            self.err(start, "unsupported", vec![what]);
            return Some(Tok::Str(name));
        }
        if s.chars().count() <= 1 && self.peek(0) != b'\'' {
            // A stray quote.
            self.pos = start + 1;
            self.err(start, "bad_char", vec!["'".into()]);
            return None;
        }
        self.err(start, "unterminated_string", vec![]);
        Some(Tok::Char('\0'))
    }

    /// An interpolated string; `self.pos` is at the opening quote.
    fn interpolated(&mut self, id: String) -> Tok {
        let start = self.pos - id.len();
        let triple = self.b[self.pos..].starts_with(b"\"\"\"");
        self.pos += if triple { 3 } else { 1 };
        let raw = triple || id == "raw";
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let Some(c) = self.ch() else {
                self.err(start, "unterminated_string", vec![]);
                break;
            };
            if triple && self.b[self.pos..].starts_with(b"\"\"\"") {
                while self.b[self.pos..].starts_with(b"\"\"\"\"") {
                    text.push('"');
                    self.pos += 1;
                }
                self.pos += 3;
                break;
            }
            match c {
                '"' if !triple => {
                    self.pos += 1;
                    break;
                }
                '\n' if !triple => {
                    self.err(start, "unterminated_string", vec![]);
                    break;
                }
                '\\' if !raw => self.escape(&mut text),
                '$' => {
                    self.pos += 1;
                    match self.ch() {
                        Some('$') => {
                            text.push('$');
                            self.pos += 1;
                        }
                        Some('{') => {
                            self.pos += 1;
                            let from = self.pos;
                            if !self.skip_braced(triple) {
                                self.err(start, "unterminated_string", vec![]);
                                break;
                            }
                            flush(&mut parts, &mut text);
                            parts.push(RawPart::Block(Span::new(from, self.pos - 1)));
                        }
                        Some(c) if c.is_alphabetic() || c == '_' => {
                            let from = self.pos;
                            while self.ch().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                                self.pos += self.ch().map_or(1, char::len_utf8);
                            }
                            flush(&mut parts, &mut text);
                            let name = self.src[from..self.pos].to_string();
                            parts.push(RawPart::Name(name, Span::new(from, self.pos)));
                        }
                        _ => {
                            self.err(self.pos - 1, "bad_escape", vec!["$".into()]);
                        }
                    }
                }
                c => {
                    text.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        flush(&mut parts, &mut text);
        Tok::Interp { id, parts }
    }

    /// Skip to just past the `}` closing a `${`; false if the string ends first.
    fn skip_braced(&mut self, triple: bool) -> bool {
        let mut depth = 1;
        while let Some(c) = self.ch() {
            self.pos += c.len_utf8();
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
                '"' => {
                    // A string inside the expression.
                    while let Some(d) = self.ch() {
                        if d == '\n' {
                            break;
                        }
                        self.pos += d.len_utf8();
                        if d == '\\' {
                            self.pos += self.ch().map_or(0, char::len_utf8);
                        } else if d == '"' {
                            break;
                        }
                    }
                }
                '\n' if !triple => return false,
                _ => {}
            }
        }
        false
    }
}

fn flush(parts: &mut Vec<RawPart>, text: &mut String) {
    if !text.is_empty() {
        parts.push(RawPart::Text(std::mem::take(text)));
    }
}
