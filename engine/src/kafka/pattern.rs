//! The part of `java.util.regex.Pattern` that programs use: does a topic name match the
//! pattern as a whole (`pattern.matcher(topic).matches()`, how Kafka's consumer picks the
//! topics of a pattern subscription), where is its next match in a text (`find`, what
//! `String.split`, `replaceAll` and `replaceFirst` use), and what did its groups capture.
//!
//! Supported, matched in Java's order of trying (greedy or reluctant quantifiers, leftmost-first
//! alternation, backtracking: the first match Java finds): literal characters, `.`, the
//! quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` and their reluctant forms `*?`, `{n,m}?`...,
//! character classes `[a-z_\d\P{L}]`, `[^x]`, the escapes `\d \w \s \D \W \S`, `\p{..}` and
//! `\P{..}` (the POSIX classes and a few Unicode ones), `\t \n \r \f \a \e \0oo \xhh \x{h..}
//! \uhhhh \cX`, `\Q..\E` and `\` before any other non-letter, capturing groups `( )` (numbered
//! by their opening parenthesis), `(?: )`, alternation `|`, the anchors `^ $ \A \z \Z \b \B`
//! (no MULTILINE), backreferences `\1`.., lookahead `(?= )`, `(?! )`, and the flags `(?i)`
//! (US-ASCII case folding, as Java), `(?u)` (Unicode case folding) and `(?s)` at the start of
//! the pattern. The rest (possessive quantifiers, lookbehind, named groups, classes in classes,
//! other flags, `\G`, `\R`, `\h`...) is refused (`Err` starting with "unsupported"), never read
//! as literal text; syntax errors give `PatternSyntaxException`'s first words.
//!
//! The pattern compiles to a small program for a backtracking machine that keeps its choices
//! on a stack of its own (no recursion per character or iteration, so a long text cannot
//! overflow the wasm stack), with a budget of steps and of stack per search, so that a
//! pathological pattern cannot hang: past it, the search gives up.

/// Captured spans, in characters: group 0 (the whole match), then each capturing group, `None`
/// for a group that did not take part in the match.
pub type Groups = Vec<Option<(usize, usize)>>;

/// What a search that ran out of budget says.
const TOO_MUCH: &str = "unsupported: a regular expression that backtracks too much";
/// Steps a search may take (some 25 ms natively), plus [`STEPS_PER_CHAR`] per character of the
/// text.
const STEPS: usize = 10_000_000;
/// Steps a search may take per character of the text, so that a long text alone never
/// exhausts the budget.
const STEPS_PER_CHAR: usize = 16;
/// Entries the backtracking stack of a search may hold (about six per iteration of a loop,
/// 32 bytes each): the matcher does not recurse (but into lookaheads), and Java overflows its
/// stack long before (at some 5,000 iterations of `(a|b)*`).
const MAX_STACK: usize = 1 << 18;
/// How deeply groups may nest in a pattern.
const NESTING: usize = 100;

/// A named set of characters: `\d`, `\w`, `\s`, or a `\p{..}` property.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Prop {
    Digit,
    Word,
    Space,
    Lower,
    Upper,
    Alpha,
    Alnum,
    Punct,
    Graph,
    Print,
    Blank,
    Cntrl,
    XDigit,
    Ascii,
    Letter,
    ULower,
    UUpper,
    Numeric,
    UPunct,
    UWhite,
}

/// Non-ASCII punctuation (Unicode categories `P*`): Latin-1, general and CJK punctuation and
/// the full-width forms.
const PUNCT: &[(char, char)] = &[
    ('¡', '¡'),
    ('§', '§'),
    ('«', '«'),
    ('¶', '·'),
    ('»', '»'),
    ('¿', '¿'),
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{2043}'),
    ('\u{2045}', '\u{2051}'),
    ('\u{2053}', '\u{205e}'),
    ('\u{3001}', '\u{3003}'),
    ('\u{3008}', '\u{3011}'),
    ('\u{3014}', '\u{301f}'),
    ('\u{30fb}', '\u{30fb}'),
    ('\u{ff01}', '\u{ff03}'),
    ('\u{ff05}', '\u{ff0a}'),
    ('\u{ff0c}', '\u{ff0f}'),
    ('\u{ff1a}', '\u{ff1b}'),
    ('\u{ff1f}', '\u{ff20}'),
    ('\u{ff3b}', '\u{ff3d}'),
    ('\u{ff3f}', '\u{ff3f}'),
    ('\u{ff5b}', '\u{ff5b}'),
    ('\u{ff5d}', '\u{ff5d}'),
    ('\u{ff5f}', '\u{ff65}'),
];

/// The general categories Java knows but this matcher does not: refused, not unknown.
const CATEGORIES: &str = "Cn Lt Lm Lo Mn Me Mc Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm \
                          Sc Sk So Pi Pf M Z C S LC LD L1 all";

impl Prop {
    /// Is `c` in the set? Case-insensitively (as Java), the lower and upper case properties
    /// both stand for the letters that have a case.
    fn has(self, c: char, icase: bool) -> bool {
        use Prop::*;
        match self {
            Lower | Upper if icase => c.is_ascii_alphabetic(),
            ULower | UUpper if icase => {
                c.is_lowercase() || c.is_uppercase() || c.to_lowercase().next() != Some(c)
            }
            Digit => c.is_ascii_digit(),
            Word => c.is_ascii_alphanumeric() || c == '_',
            Space => matches!(c, ' ' | '\t'..='\r'),
            Lower => c.is_ascii_lowercase(),
            Upper => c.is_ascii_uppercase(),
            Alpha => c.is_ascii_alphabetic(),
            Alnum => c.is_ascii_alphanumeric(),
            Punct => c.is_ascii_punctuation(),
            Graph => c.is_ascii_graphic(),
            Print => c.is_ascii_graphic() || c == ' ',
            Blank => c == ' ' || c == '\t',
            Cntrl => c.is_ascii_control(),
            XDigit => c.is_ascii_hexdigit(),
            Ascii => c.is_ascii(),
            Letter => c.is_alphabetic(),
            ULower => c.is_lowercase(),
            UUpper => c.is_uppercase(),
            Numeric => c.is_numeric(),
            UWhite => c.is_whitespace(),
            // The ASCII symbols `$+<=>^`|~` are categories `S*`, not punctuation.
            UPunct if c.is_ascii() => c.is_ascii_punctuation() && !"$+<=>^`|~".contains(c),
            UPunct => PUNCT.iter().any(|&(lo, hi)| lo <= c && c <= hi),
        }
    }

    /// The property `\p{name}` stands for: the POSIX classes (US-ASCII, as Java), `L`, `Lu`, `Ll`,
    /// `N`, `Nd`, `P` (also with `Is`) and a few `Is` binary properties, approximated with
    /// Rust's `char` predicates. Other names Java knows are refused; the rest are Java's error.
    fn named(name: &str) -> Result<Prop, String> {
        use Prop::*;
        let category = |n: &str| match n {
            "L" => Some(Letter),
            "Lu" => Some(UUpper),
            "Ll" => Some(ULower),
            "N" | "Nd" => Some(Numeric),
            "P" => Some(UPunct),
            _ => None,
        };
        let is = name.strip_prefix("Is");
        let binary = || match is?.to_ascii_uppercase().as_str() {
            "ALPHABETIC" | "LETTER" => Some(Letter),
            "LOWERCASE" => Some(ULower),
            "UPPERCASE" => Some(UUpper),
            "DIGIT" => Some(Numeric),
            "PUNCTUATION" => Some(UPunct),
            "WHITE_SPACE" | "WHITESPACE" => Some(UWhite),
            _ => None,
        };
        let posix = match name {
            "Lower" => Lower,
            "Upper" => Upper,
            "ASCII" => Ascii,
            "Alpha" => Alpha,
            "Digit" => Digit,
            "Alnum" => Alnum,
            "Punct" => Punct,
            "Graph" => Graph,
            "Print" => Print,
            "Blank" => Blank,
            "Cntrl" => Cntrl,
            "XDigit" => XDigit,
            "Space" => Space,
            _ => {
                return category(is.unwrap_or(name)).or_else(binary).ok_or_else(|| {
                    let known = ["In", "Is", "java"].iter().any(|p| name.starts_with(p))
                        || name.contains('=')
                        || CATEGORIES.split(' ').any(|c| c == name);
                    match known {
                        true => format!("unsupported: `\\p{{{name}}}` in a regular expression"),
                        false => format!("Unknown character property name {{{name}}}"),
                    }
                })
            }
        };
        Ok(posix)
    }
}

/// An item of a character class: a range (one character is `(c, c)`), or a property, negated
/// (`\D`, `\P{L}`) or not.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Range(char, char),
    Prop(Prop, bool),
}

/// A character class: its items, and whether it is negated (`[^..]`).
#[derive(Clone, Debug, PartialEq)]
struct Class {
    items: Vec<Item>,
    neg: bool,
}

/// One piece of a pattern.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    /// A character.
    Char(char),
    /// `.`.
    Any,
    /// A character class (also `\d`, `\p{L}`...).
    Set(Class),
    /// Alternatives, and the number of the group they capture (0 for the whole pattern).
    Group(Vec<Vec<Node>>, Option<usize>),
    /// A node repeated `min..=max` times (`usize::MAX`: unbounded), reluctantly or not.
    Repeat(Box<Node>, usize, usize, bool),
    /// A lookahead: `(?=..)`, or `(?!..)` when negated.
    Look(Box<Node>, bool),
    /// A backreference `\n`.
    Back(usize),
    /// An anchor, by its escape letter: `A` (`^`, `\A`), `Z` (`$`, `\Z`), `z`, `b`, `B`.
    Assert(char),
}

/// The flags `(?i)` (case-insensitive), `(?u)` (Unicode case folding with it) and `(?s)` (`.`
/// matches line terminators too).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Flags {
    icase: bool,
    unicode: bool,
    dotall: bool,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// The source text (`Pattern.toString`).
    pub source: String,
    /// The program: group 0, the whole pattern.
    ops: Vec<Op>,
    groups: usize,
    loops: usize,
    flags: Flags,
}

/// The pattern with each `\Q..\E` quote replaced by escaped characters, as Java does first.
fn unquote(src: &str) -> Vec<char> {
    let (mut out, mut quoted) = (Vec::new(), false);
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        if quoted {
            if c == '\\' && it.peek() == Some(&'E') {
                it.next();
                quoted = false;
            } else if c.is_ascii_digit() {
                out.extend(['\\', 'x', '3', c]);
            } else if c.is_ascii() && !c.is_ascii_alphabetic() {
                out.extend(['\\', c]);
            } else {
                out.push(c);
            }
        } else if c == '\\' {
            match it.next() {
                Some('Q') => quoted = true,
                Some(e) => out.extend(['\\', e]),
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

struct Parser {
    s: Vec<char>,
    i: usize,
    /// Capturing groups opened so far.
    groups: usize,
    /// Where the flag groups at the start of the pattern end.
    lead: usize,
    flags: Flags,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.i += usize::from(c.is_some());
        c
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }

    /// Exactly `n` hexadecimal digits.
    fn hex(&mut self, n: usize) -> Option<u32> {
        let mut v = 0;
        for _ in 0..n {
            v = v * 16 + self.peek()?.to_digit(16)?;
            self.i += 1;
        }
        Some(v)
    }

    /// A decimal number of a bound (`{n,m}`), no digits giving 0.
    fn number(&mut self) -> Result<usize, String> {
        let mut n: usize = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(d as usize))
                .filter(|&n| n <= i32::MAX as usize)
                .ok_or("Illegal repetition range")?;
            self.i += 1;
        }
        Ok(n)
    }

    /// Alternatives up to the `)` closing a group (consumed) or the end of the pattern.
    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, String> {
        if depth > NESTING {
            return Err("unsupported: groups nested this deeply".into());
        }
        let (mut alts, mut seq) = (Vec::new(), Vec::new());
        while let Some(c) = self.peek() {
            match c {
                '|' => {
                    self.i += 1;
                    alts.push(std::mem::take(&mut seq));
                }
                ')' if depth > 0 => break,
                ')' => return Err("Unmatched closing ')'".into()),
                _ => {
                    if let Some(atom) = self.atom(depth)? {
                        seq.push(self.quantified(atom)?);
                    }
                }
            }
        }
        if depth > 0 && !self.eat(')') {
            return Err("Unclosed group".into());
        }
        alts.push(seq);
        Ok(alts)
    }

    /// The atom with the quantifier after it, if any.
    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let Some(q) = self.peek().filter(|c| "*+?{".contains(*c)) else {
            return Ok(atom);
        };
        self.i += 1;
        let (min, max) = match q {
            '*' => (0, usize::MAX),
            '+' => (1, usize::MAX),
            '?' => (0, 1),
            _ => {
                if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err("Illegal repetition".into());
                }
                let min = self.number()?;
                let max = match self.eat(',') {
                    false => min,
                    true if self.peek() == Some('}') => usize::MAX,
                    true => self.number()?,
                };
                if !self.eat('}') {
                    return Err("Unclosed counted closure".into());
                }
                if max < min {
                    return Err("Illegal repetition range".into());
                }
                (min, max)
            }
        };
        if self.eat('+') {
            return Err("unsupported: a possessive quantifier (`*+`, `++`, `?+`)".into());
        }
        let lazy = self.eat('?');
        if q == '?' && !matches!(atom, Node::Char(_) | Node::Any | Node::Set(_)) {
            // As Java, `x?` is the alternation of `x` and nothing (`x??`: the other way round).
            let mut alts = vec![vec![atom], Vec::new()];
            if lazy {
                alts.reverse();
            }
            return Ok(Node::Group(alts, None));
        }
        Ok(Node::Repeat(Box::new(atom), min, max, lazy))
    }

    /// One atom; `None` for flags `(?i)`, which match nothing.
    fn atom(&mut self, depth: usize) -> Result<Option<Node>, String> {
        let at = self.i;
        let Some(c) = self.next() else {
            return Ok(None);
        };
        Ok(Some(match c {
            '.' => Node::Any,
            '^' => Node::Assert('A'),
            '$' => Node::Assert('Z'),
            '(' => return self.group(at, depth),
            '[' => Node::Set(self.class()?),
            '\\' => self.escape(false)?,
            '*' | '+' | '?' => return Err(format!("Dangling meta character '{c}'")),
            // Java reads a `{` here as an empty atom that the `{` then repeats.
            '{' => {
                self.i = at;
                Node::Group(vec![Vec::new()], None)
            }
            c => Node::Char(c),
        }))
    }

    /// A group after its `(` at `at`.
    fn group(&mut self, at: usize, depth: usize) -> Result<Option<Node>, String> {
        let mut look = None;
        let cap = if self.eat('?') {
            let start = self.i;
            match self.next() {
                Some(':') => {}
                Some(c @ ('=' | '!')) => look = Some(c == '!'),
                Some('<') if matches!(self.peek(), Some('=' | '!')) => {
                    return Err(
                        "unsupported: lookbehind `(?<=` `(?<!` in a regular expression".into(),
                    )
                }
                Some('<') if self.peek().is_some_and(|c| c.is_ascii_alphabetic()) => {
                    return Err(
                        "unsupported: a named group `(?<name>` in a regular expression".into(),
                    )
                }
                Some('<') => {
                    return Err("capturing group name does not start with a Latin letter".into())
                }
                Some('>') => {
                    return Err("unsupported: an atomic group `(?>` in a regular expression".into())
                }
                Some('$' | '@') => return Err("Unknown group type".into()),
                _ => {
                    self.i = start;
                    while self.peek().is_some_and(|c| "idmsuxUc-".contains(c)) {
                        self.i += 1;
                    }
                    let flags: String = self.s[start..self.i].iter().collect();
                    let known = flags.chars().all(|c| "ius".contains(c));
                    return match self.next() {
                        Some(')') if known && (at == self.lead || flags.is_empty()) => {
                            self.flags.icase |= flags.contains('i');
                            self.flags.unicode |= flags.contains('u');
                            self.flags.dotall |= flags.contains('s');
                            self.lead = self.i;
                            Ok(None)
                        }
                        Some(')' | ':') => Err(format!(
                            "unsupported: the flags `(?{flags}` (only `(?i)`, `(?u)`, `(?s)` at the start)"
                        )),
                        _ => Err("Unknown inline modifier".into()),
                    };
                }
            }
            None
        } else {
            self.groups += 1;
            Some(self.groups)
        };
        let group = Node::Group(self.alternatives(depth + 1)?, cap);
        Ok(Some(match look {
            Some(neg) => Node::Look(Box::new(group), neg),
            None => group,
        }))
    }

    /// A class after its `[`.
    fn class(&mut self) -> Result<Class, String> {
        const UNCLOSED: &str = "Unclosed character class";
        let neg = self.eat('^');
        let mut items = Vec::new();
        loop {
            let lo = match self.next().ok_or(UNCLOSED)? {
                ']' if !items.is_empty() => return Ok(Class { items, neg }),
                '[' => return Err("unsupported: a class inside a class".into()),
                '&' if self.peek() == Some('&') => {
                    return Err("unsupported: `&&` in a character class".into())
                }
                '\\' => match self.escape(true)? {
                    Node::Char(c) => c,
                    Node::Set(set) => {
                        items.extend(set.items);
                        continue;
                    }
                    _ => return Err("Illegal/unsupported escape sequence".into()),
                },
                c => c,
            };
            let range =
                self.peek() == Some('-') && !matches!(self.s.get(self.i + 1), Some(']' | '['));
            if !range {
                items.push(Item::Range(lo, lo));
                continue;
            }
            self.i += 1;
            let hi = match self.next().unwrap_or_default() {
                '\\' if matches!(self.peek(), Some('p' | 'P')) => {
                    return Err("Illegal/unsupported escape sequence".into())
                }
                '\\' => match self.escape(true)? {
                    Node::Char(c) => c,
                    _ => return Err("Illegal character range".into()),
                },
                c => c,
            };
            if hi < lo {
                return Err("Illegal character range".into());
            }
            items.push(Item::Range(lo, hi));
        }
    }

    /// What follows a `\`: a character, a class, an anchor or a backreference.
    fn escape(&mut self, in_class: bool) -> Result<Node, String> {
        let set = |p, neg| {
            Node::Set(Class {
                items: vec![Item::Prop(p, neg)],
                neg: false,
            })
        };
        let Some(e) = self.next() else {
            // As Java, a `\` at the end reads past it: the group or class is then unclosed.
            self.i += 1;
            return Ok(Node::Char('\0'));
        };
        let c = match e {
            'd' | 'D' => return Ok(set(Prop::Digit, e == 'D')),
            'w' | 'W' => return Ok(set(Prop::Word, e == 'W')),
            's' | 'S' => return Ok(set(Prop::Space, e == 'S')),
            'p' | 'P' => {
                let name: String = if self.eat('{') {
                    let start = self.i;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.i += 1;
                    }
                    if !self.eat('}') {
                        return Err("Unclosed character family".into());
                    }
                    if self.i - 1 == start {
                        return Err("Empty character family".into());
                    }
                    self.s[start..self.i - 1].iter().collect()
                } else {
                    self.next().unwrap_or('\0').into()
                };
                return Ok(set(Prop::named(&name)?, e == 'P'));
            }
            'A' | 'Z' | 'z' | 'b' | 'B' | '1'..='9' if in_class => {
                return Err("Illegal/unsupported escape sequence".into())
            }
            'A' | 'Z' | 'z' | 'b' | 'B' => return Ok(Node::Assert(e)),
            '1'..='9' => {
                // Java takes more digits while they name a group already opened.
                let mut n = e as usize - '0' as usize;
                while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                    if n * 10 + d as usize > self.groups {
                        break;
                    }
                    n = n * 10 + d as usize;
                    self.i += 1;
                }
                return Ok(Node::Back(n));
            }
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'f' => '\u{c}',
            'a' => '\u{7}',
            'e' => '\u{1b}',
            'c' => {
                let c = self.next().ok_or("Illegal control escape sequence")?;
                char::from_u32(c as u32 ^ 64).ok_or("Illegal control escape sequence")?
            }
            '0' => {
                // One to three octal digits, the third only after a first digit up to 3.
                let mut v = 0u8;
                for n in 0..3 {
                    match self.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) if n < 2 || v < 32 => {
                            v = v * 8 + d as u8;
                            self.i += 1;
                        }
                        _ if n == 0 => return Err("Illegal octal escape sequence".into()),
                        _ => break,
                    }
                }
                char::from(v)
            }
            'x' => {
                let v = if self.eat('{') {
                    let start = self.i;
                    let mut v = 0;
                    while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                        v = v * 16 + d;
                        if v > 0x10ffff {
                            return Err("Hexadecimal codepoint is too big".into());
                        }
                        self.i += 1;
                    }
                    if self.i == start {
                        return Err("Illegal hexadecimal escape sequence".into());
                    }
                    if !self.eat('}') {
                        return Err("Unclosed hexadecimal escape sequence".into());
                    }
                    v
                } else {
                    self.hex(2).ok_or("Illegal hexadecimal escape sequence")?
                };
                char::from_u32(v).ok_or("unsupported: a surrogate in a regular expression")?
            }
            'u' => {
                let mut v = self.hex(4).ok_or("Illegal Unicode escape sequence")?;
                // A surrogate pair `\uD83D\uDE00` is one character.
                if (0xd800..0xdc00).contains(&v)
                    && self.s.get(self.i..self.i + 2) == Some(&['\\', 'u'])
                {
                    let back = self.i;
                    self.i += 2;
                    match self.hex(4) {
                        Some(lo) if (0xdc00..0xe000).contains(&lo) => {
                            v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00)
                        }
                        _ => self.i = back,
                    }
                }
                char::from_u32(v).ok_or("unsupported: a surrogate in a regular expression")?
            }
            'G' | 'R' | 'X' | 'h' | 'H' | 'v' | 'V' | 'k' | 'N' => {
                return Err(format!("unsupported: `\\{e}` in a regular expression"))
            }
            e if e.is_ascii_alphabetic() => {
                return Err("Illegal/unsupported escape sequence".into())
            }
            e => e,
        };
        Ok(Node::Char(c))
    }
}

impl Pattern {
    /// `Pattern.compile(source)`; `Err` with `PatternSyntaxException`'s description, or starting
    /// with "unsupported" for what this matcher cannot do.
    pub fn compile(source: &str) -> Result<Pattern, String> {
        let mut p = Parser {
            s: unquote(source),
            i: 0,
            groups: 0,
            lead: 0,
            flags: Flags::default(),
        };
        let root = Node::Group(p.alternatives(0)?, Some(0));
        if p.i > p.s.len() {
            return Err("Unexpected internal error".into());
        }
        let (mut ops, mut loops) = (Vec::new(), 0);
        emit(&mut ops, &mut loops, &root, true);
        if ops.iter().any(|op| matches!(op, Op::Back(_))) {
            for op in &mut ops {
                if let Op::RepLoop { memo, .. } = op {
                    *memo = false;
                }
            }
        }
        Ok(Pattern {
            source: source.to_string(),
            ops,
            groups: p.groups,
            loops,
            flags: p.flags,
        })
    }

    /// `matcher.groupCount()`: the number of capturing groups.
    pub fn group_count(&self) -> usize {
        self.groups
    }

    /// `pattern.matcher(text).matches()`: the whole text matches.
    pub fn matches(&self, text: &str) -> bool {
        self.match_groups(&text.chars().collect::<Vec<_>>())
            .is_some()
    }

    /// `matcher.find()` from `from`: the first match at the leftmost start, as
    /// `(start, end)` in characters.
    pub fn find(&self, chars: &[char], from: usize) -> Option<(usize, usize)> {
        self.find_groups(chars, from)?.first().copied().flatten()
    }

    /// [`Pattern::find`] with what each group captured (its last iteration when repeated); no
    /// match when the search runs out of budget.
    pub fn find_groups(&self, chars: &[char], from: usize) -> Option<Groups> {
        self.find_groups_checked(chars, from).ok().flatten()
    }

    /// `matcher.matches()` with what each group captured; no match when the search runs out
    /// of budget.
    pub fn match_groups(&self, chars: &[char]) -> Option<Groups> {
        self.match_groups_checked(chars).ok().flatten()
    }

    /// [`Pattern::find_groups`], with `Err` ("unsupported: ...") when the search runs out of
    /// budget.
    pub fn find_groups_checked(
        &self,
        chars: &[char],
        from: usize,
    ) -> Result<Option<Groups>, String> {
        self.search(chars, from, false)
    }

    /// [`Pattern::match_groups`], with `Err` ("unsupported: ...") when the search runs out of
    /// budget.
    pub fn match_groups_checked(&self, chars: &[char]) -> Result<Option<Groups>, String> {
        self.search(chars, 0, true)
    }

    /// The first match starting at `from` or later (at `from` only, and ending at the end of
    /// the text, when `whole`).
    fn search(&self, chars: &[char], from: usize, whole: bool) -> Result<Option<Groups>, String> {
        let mut cx = Cx {
            s: chars,
            flags: self.flags,
            whole,
            regs: vec![0; self.groups + 1 + 2 * self.loops],
            caps: vec![None; self.groups + 1],
            stack: Vec::new(),
            memo: match self
                .ops
                .iter()
                .any(|op| matches!(op, Op::RepLoop { memo: true, .. }))
            {
                true => vec![0; (self.loops * (chars.len() + 1)).div_ceil(64)],
                false => Vec::new(),
            },
            steps: STEPS.saturating_add(chars.len().saturating_mul(STEPS_PER_CHAR)),
            out: false,
        };
        // As Java, the groups are cleared once: what a lookahead captured in a failed attempt
        // stays.
        for start in from..=if whole { from } else { chars.len() } {
            cx.stack.clear();
            if self.run(&mut cx, 0, start) {
                return Ok(Some(cx.caps));
            }
            if cx.out {
                return Err(TOO_MUCH.into());
            }
        }
        Ok(None)
    }
}

/// One instruction of a compiled pattern. `pc` is an instruction's index; a loop `r` keeps its
/// count of iterations and where its current iteration began in two registers.
#[derive(Clone, Debug, PartialEq)]
enum Op {
    /// A single-character node (`Char`, `Any`, `Set`) repeated `min..=max` times (1, 1: once),
    /// reluctantly or not.
    One(Node, usize, usize, bool),
    /// An anchor (see [`Node::Assert`]).
    Assert(char),
    /// A backreference.
    Back(usize),
    /// Go on with the next op; on backtracking, at `pc`.
    Fork(usize),
    /// Go on at `pc`.
    Jmp(usize),
    /// Group `g` starts here.
    Open(usize),
    /// Group `g` ends here: it captured from its start.
    Close(usize),
    /// Loop `r` starts: no iteration yet.
    RepInit(usize),
    /// Loop `r` decides: one more iteration (the next op) or on at `exit`, in Java's order.
    /// With `memo` (as Java's `Loop.posIndex`: greedy, unbounded, not in another loop, no
    /// backreferences in the pattern), it remembers where one more iteration failed: the rest
    /// of the pattern cannot tell how it got there, so it would fail again.
    RepLoop {
        r: usize,
        min: usize,
        max: usize,
        lazy: bool,
        memo: bool,
        exit: usize,
    },
    /// An iteration of loop `r` begins here.
    RepBody(usize),
    /// An iteration of loop `r` ends: back to its `RepLoop` at `pc`, or on at `exit` when it
    /// matched nothing (as Java's `Loop`, even below the minimum). `Some` when what it repeats
    /// is [`fixed`], with the group it captures, if any.
    RepEnd(usize, usize, usize, Option<Option<usize>>),
    /// A lookahead (negated or not) whose body follows, up to `Done`; then on at `pc`.
    Look(bool, usize),
    /// The end of a lookahead's body.
    Done,
}

/// Is `node` matched a single way, as Java's `study` finds it "deterministic" (no alternation,
/// no optional or variable repetition)?
fn fixed(node: &Node) -> bool {
    match node {
        Node::Group(alts, _) => matches!(&alts[..], [alt] if alt.iter().all(fixed)),
        Node::Repeat(inner, min, max, _) => min == max && fixed(inner),
        _ => true,
    }
}

/// Appends the ops of `node`; `loops` counts the loops given registers; `top`: not inside a
/// loop.
fn emit(ops: &mut Vec<Op>, loops: &mut usize, node: &Node, top: bool) {
    let patch = |ops: &mut Vec<Op>, at: usize, to: usize| match ops.get_mut(at) {
        Some(Op::Fork(pc) | Op::Jmp(pc) | Op::Look(_, pc)) => *pc = to,
        Some(Op::RepLoop { exit: pc, .. } | Op::RepEnd(_, _, pc, _)) => *pc = to,
        _ => {}
    };
    match node {
        Node::Char(_) | Node::Any | Node::Set(_) => ops.push(Op::One(node.clone(), 1, 1, false)),
        Node::Assert(a) => ops.push(Op::Assert(*a)),
        Node::Back(g) => ops.push(Op::Back(*g)),
        Node::Repeat(inner, min, max, lazy) => match **inner {
            Node::Char(_) | Node::Any | Node::Set(_) => {
                ops.push(Op::One((**inner).clone(), *min, *max, *lazy))
            }
            _ => {
                let r = *loops;
                *loops += 1;
                ops.push(Op::RepInit(r));
                let at = ops.len();
                let (min, max, lazy) = (*min, *max, *lazy);
                let memo = top && !lazy && max == usize::MAX;
                let exit = 0;
                ops.extend([
                    Op::RepLoop {
                        r,
                        min,
                        max,
                        lazy,
                        memo,
                        exit,
                    },
                    Op::RepBody(r),
                ]);
                emit(ops, loops, inner, false);
                let cap = match **inner {
                    Node::Group(_, cap) => cap,
                    _ => None,
                };
                ops.push(Op::RepEnd(r, at, 0, fixed(inner).then_some(cap)));
                let exit = ops.len();
                patch(ops, at, exit);
                patch(ops, exit - 1, exit);
            }
        },
        Node::Look(inner, neg) => {
            let at = ops.len();
            ops.push(Op::Look(*neg, 0));
            emit(ops, loops, inner, top);
            ops.push(Op::Done);
            patch(ops, at, ops.len());
        }
        Node::Group(alts, cap) => {
            ops.extend(cap.map(Op::Open));
            let mut jumps = Vec::new();
            for (i, alt) in alts.iter().enumerate() {
                let last = i + 1 == alts.len();
                let fork = ops.len();
                if !last {
                    ops.push(Op::Fork(0));
                }
                for node in alt {
                    emit(ops, loops, node, top);
                }
                if !last {
                    jumps.push(ops.len());
                    ops.push(Op::Jmp(0));
                    patch(ops, fork, ops.len());
                }
            }
            for at in jumps {
                patch(ops, at, ops.len());
            }
            ops.extend(cap.map(Op::Close));
        }
    }
}

/// An entry of the backtracking stack: a choice to try when what follows fails, or a register
/// or capture to restore on the way back to it.
#[derive(Clone, Copy, Debug)]
enum Bt {
    /// Try `pc` at `pos`.
    Alt(usize, usize),
    /// Restore register `i`.
    Reg(usize, usize),
    /// Restore group `g`'s capture.
    Cap(usize, Option<(usize, usize)>),
    /// A greedy `One` matched up to `pos`: try the next op one character shorter, down to `min`.
    Greedy(usize, usize, usize),
    /// A reluctant `One` at `pc` matched `n` times up to `pos`: try one character more.
    Lazy(usize, usize, usize),
}

/// One search: the text, the registers, what the groups captured so far, the backtracking
/// stack and what is left of the budget.
struct Cx<'s> {
    s: &'s [char],
    flags: Flags,
    /// The match must end at the end of the text (`matches`).
    whole: bool,
    /// Where each group started, then two per loop: its count and where its iteration began.
    regs: Vec<usize>,
    caps: Groups,
    stack: Vec<Bt>,
    /// One bit per loop and position: one more iteration failed there.
    memo: Vec<u64>,
    steps: usize,
    /// The budget ran out: the search gives up.
    out: bool,
}

impl Cx<'_> {
    /// Counts one step: `false` once the budget (of steps, or of backtracking stack) is spent.
    fn tick(&mut self) -> bool {
        self.steps = self.steps.saturating_sub(1);
        self.out |= self.steps == 0 || self.stack.len() > MAX_STACK;
        !self.out
    }

    /// Did one more iteration of loop `r` fail at `pos` (a [`Op::RepLoop`] with `memo`)? With
    /// `set`, remembers that it did.
    fn failed(&mut self, r: usize, pos: usize, set: bool) -> bool {
        let i = r * (self.s.len() + 1) + pos;
        let Some(bits) = self.memo.get_mut(i / 64) else {
            return false;
        };
        *bits |= u64::from(set) << (i % 64);
        *bits & 1 << (i % 64) != 0
    }

    /// Sets register `i`, to be restored on backtracking.
    fn set(&mut self, i: usize, v: usize) {
        self.stack.push(Bt::Reg(i, self.regs[i]));
        self.regs[i] = v;
    }
}

/// `a` and `b` are the same character, under the flags' case folding.
fn same(f: Flags, a: char, b: char) -> bool {
    a == b || f.icase && fold(f, a) == fold(f, b)
}

/// `c` folded: ASCII lower case, or with `(?u)` the lower case of its upper case.
fn fold(f: Flags, c: char) -> char {
    fn single(mut it: impl Iterator<Item = char>, c: char) -> char {
        match (it.next(), it.next()) {
            (Some(x), None) => x,
            _ => c,
        }
    }
    match f.unicode {
        true => {
            let up = single(c.to_uppercase(), c);
            single(up.to_lowercase(), up)
        }
        false => c.to_ascii_lowercase(),
    }
}

/// Does the single-character node `node` match `c`?
fn one(f: Flags, node: &Node, c: char) -> bool {
    match node {
        Node::Char(a) => same(f, *a, c),
        Node::Any => f.dotall || !matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
        Node::Set(class) => {
            let cases = match (f.icase, f.unicode) {
                (false, _) => [c; 3],
                (true, false) => [c, c.to_ascii_uppercase(), c.to_ascii_lowercase()],
                (true, true) => [c, fold(f, c), c.to_uppercase().next().unwrap_or(c)],
            };
            let hit = class.items.iter().any(|item| match *item {
                Item::Range(lo, hi) => cases.iter().any(|c| (lo..=hi).contains(c)),
                Item::Prop(p, neg) => p.has(c, f.icase) != neg,
            });
            hit != class.neg
        }
        _ => false,
    }
}

/// Does the anchor `a` hold at `i`?
fn holds(a: char, s: &[char], i: usize) -> bool {
    let n = s.len();
    let word = |j: Option<usize>| {
        j.and_then(|j| s.get(j))
            .is_some_and(|&c| c.is_alphanumeric() || c == '_')
    };
    match a {
        'A' => i == 0,
        'z' => i == n,
        // At the end, or before a line terminator ending the text (not inside `\r\n`).
        'Z' => {
            i == n
                || i + 1 == n
                    && match s.get(i) {
                        Some('\n') => i == 0 || s.get(i - 1) != Some(&'\r'),
                        Some(c) => matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
                        None => false,
                    }
                || i + 2 == n && s.get(i..) == Some(&['\r', '\n'])
        }
        _ => (word(i.checked_sub(1)) != word(Some(i))) == (a == 'b'),
    }
}

impl Pattern {
    /// Runs the ops from `pc` at `pos` to the end (or to the `Done` of a lookahead), in Java's
    /// order of trying: `true` with the registers as the match left them (and the stack's
    /// entries above where it started), `false` with everything undone (or the budget spent).
    fn run(&self, cx: &mut Cx, mut pc: usize, mut pos: usize) -> bool {
        let base = cx.stack.len();
        loop {
            if !cx.tick() {
                return false;
            }
            let next = match self.ops.get(pc) {
                Some(Op::Done) => return true,
                None if !cx.whole || pos == cx.s.len() => return true,
                None => None,
                Some(op) => self.exec(cx, op, pc, pos),
            };
            match next.or_else(|| self.backtrack(cx, base)) {
                Some(at) => (pc, pos) = at,
                None => return false,
            }
        }
    }

    /// Where to go on after `op` at `pc`, matching at `pos`: `None` when it fails.
    fn exec(&self, cx: &mut Cx, op: &Op, pc: usize, pos: usize) -> Option<(usize, usize)> {
        let next = pc + 1;
        let reg = |r: usize| self.groups + 1 + 2 * r;
        match *op {
            Op::One(ref node, min, max, lazy) => {
                let (s, f) = (cx.s, cx.flags);
                let mut n = 0;
                while n < if lazy { min } else { max }
                    && s.get(pos + n).is_some_and(|&c| one(f, node, c))
                {
                    n += 1;
                }
                cx.steps = cx.steps.saturating_sub(n);
                if n < min {
                    return None;
                }
                if lazy && n < max {
                    cx.stack.push(Bt::Lazy(pc, pos + n, n));
                } else if !lazy && n > min {
                    cx.stack.push(Bt::Greedy(next, pos + min, pos + n));
                }
                Some((next, pos + n))
            }
            Op::Assert(a) => holds(a, cx.s, pos).then_some((next, pos)),
            Op::Back(g) => {
                let (a, b) = cx.caps.get(g).copied().flatten()?;
                let text = cx.s.get(pos..pos + (b - a))?;
                let f = cx.flags;
                let same = cx.s[a..b].iter().zip(text).all(|(&x, &y)| same(f, x, y));
                same.then_some((next, pos + (b - a)))
            }
            Op::Fork(alt) => {
                cx.stack.push(Bt::Alt(alt, pos));
                Some((next, pos))
            }
            Op::Jmp(to) => Some((to, pos)),
            Op::Open(g) => {
                cx.set(g, pos);
                Some((next, pos))
            }
            Op::Close(g) => {
                cx.stack.push(Bt::Cap(g, cx.caps[g]));
                cx.caps[g] = Some((cx.regs[g], pos));
                Some((next, pos))
            }
            Op::RepInit(r) => {
                cx.set(reg(r), 0);
                Some((next, pos))
            }
            Op::RepLoop {
                r,
                min,
                max,
                lazy,
                memo,
                exit,
            } => {
                let count = cx.regs[reg(r)];
                if count < min {
                    return Some((next, pos));
                }
                if count >= max || memo && cx.failed(r, pos, false) {
                    return Some((exit, pos));
                }
                let (first, then) = if lazy { (exit, next) } else { (next, exit) };
                cx.stack.push(Bt::Alt(then, pos));
                Some((first, pos))
            }
            Op::RepBody(r) => {
                cx.set(reg(r) + 1, pos);
                Some((next, pos))
            }
            Op::RepEnd(r, at, exit, fixed) => {
                if pos == cx.regs[reg(r) + 1] {
                    // Past the minimum, Java repeats what is fixed otherwise (`GroupCurly`,
                    // `Curly`): an empty iteration fails when reluctant, else leaves the
                    // group's capture as it was.
                    if let (Some(&Op::RepLoop { min, lazy, .. }), Some(cap)) =
                        (self.ops.get(at), fixed)
                    {
                        if cx.regs[reg(r)] >= min {
                            if lazy {
                                return None;
                            }
                            // The group's `Close` just saved what it captured before.
                            if let (Some(g), Some(&Bt::Cap(_, old))) = (cap, cx.stack.last()) {
                                cx.caps[g] = old;
                            }
                        }
                    }
                    return Some((exit, pos));
                }
                cx.set(reg(r), cx.regs[reg(r)] + 1);
                Some((at, pos))
            }
            // Atomic, as Java's: once the lookahead matched, it is not tried again, and what
            // its groups captured is kept even when the match fails later.
            Op::Look(neg, end) => {
                let height = cx.stack.len();
                let hit = self.run(cx, next, pos);
                cx.stack.truncate(height);
                (!cx.out && hit != neg).then_some((end, pos))
            }
            Op::Done => None,
        }
    }

    /// Pops the stack, restoring what it saved, down to the next choice above `base`: where
    /// to go on, `None` when there is none left.
    fn backtrack(&self, cx: &mut Cx, base: usize) -> Option<(usize, usize)> {
        while cx.stack.len() > base && cx.tick() {
            match cx.stack.pop()? {
                Bt::Alt(pc, pos) => {
                    // One more iteration of a loop failed: remember it.
                    if let Some(&Op::RepEnd(r, at, ..)) =
                        pc.checked_sub(1).and_then(|p| self.ops.get(p))
                    {
                        if let Some(Op::RepLoop { memo: true, .. }) = self.ops.get(at) {
                            cx.failed(r, pos, true);
                        }
                    }
                    return Some((pc, pos));
                }
                Bt::Reg(i, v) => cx.regs[i] = v,
                Bt::Cap(g, v) => cx.caps[g] = v,
                Bt::Greedy(pc, min, pos) => {
                    if pos - 1 > min {
                        cx.stack.push(Bt::Greedy(pc, min, pos - 1));
                    }
                    return Some((pc, pos - 1));
                }
                Bt::Lazy(pc, pos, n) => {
                    let Some(Op::One(node, _, max, _)) = self.ops.get(pc) else {
                        continue;
                    };
                    if cx.s.get(pos).is_some_and(|&c| one(cx.flags, node, c)) {
                        if n + 1 < *max {
                            cx.stack.push(Bt::Lazy(pc, pos + 1, n + 1));
                        }
                        return Some((pc + 1, pos + 1));
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Pattern, TOO_MUCH};

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    /// The spans of `Pattern.compile(src).matcher(text).find()` (`matches()` with `whole`) as
    /// Java's `start(i),end(i)` for group 0 then each group, `-` for a group that did not take
    /// part, "none" for no match. Expected values are Java 17's.
    fn spans_of(src: &str, text: &str, whole: bool) -> String {
        let p = Pattern::compile(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let groups = match whole {
            true => p.match_groups(&chars(text)),
            false => p.find_groups(&chars(text), 0),
        };
        let Some(groups) = groups else {
            return "none".into();
        };
        assert_eq!(groups.len(), p.group_count() + 1);
        let span = |g: &Option<(usize, usize)>| g.map_or("-".into(), |(a, b)| format!("{a},{b}"));
        groups.iter().map(span).collect::<Vec<_>>().join(" ")
    }

    fn find(src: &str, text: &str) -> String {
        spans_of(src, text, false)
    }

    fn whole(src: &str, text: &str) -> String {
        spans_of(src, text, true)
    }

    fn err(src: &str) -> String {
        Pattern::compile(src).unwrap_err()
    }

    #[test]
    fn whole_name_matches() {
        let p = Pattern::compile("words.*").unwrap();
        assert!(p.matches("words"));
        assert!(p.matches("words-2"));
        assert!(!p.matches("my-words"));
        let p = Pattern::compile("(clicks|views)-[0-9]+").unwrap();
        assert!(p.matches("views-12"));
        assert!(!p.matches("views-"));
        assert!(Pattern::compile("topic\\d?").unwrap().matches("topic"));
        assert!(Pattern::compile("*x").is_err());
    }

    #[test]
    fn find_gives_the_first_match_in_javas_order() {
        let chars: Vec<char> = "a1b22c".chars().collect();
        let p = Pattern::compile("\\d+").unwrap();
        assert_eq!(p.find(&chars, 0), Some((1, 2)));
        assert_eq!(p.find(&chars, 2), Some((3, 5)));
        assert_eq!(p.find(&chars, 5), None);
        assert_eq!(p.find(&chars, 7), None);
        // Alternatives are tried in order, not for the longest match.
        let p = Pattern::compile("a|ab").unwrap();
        assert_eq!(p.find(&"ab".chars().collect::<Vec<_>>(), 0), Some((0, 1)));
        let p = Pattern::compile("\\W+").unwrap();
        assert_eq!(
            p.find(&"hi, there".chars().collect::<Vec<_>>(), 0),
            Some((2, 4))
        );
        assert!(!Pattern::compile("a|ab").unwrap().matches("abc"));
        assert!(Pattern::compile("a|ab").unwrap().matches("ab"));
    }

    #[test]
    fn groups_are_numbered_by_their_parenthesis_and_keep_their_last_iteration() {
        let p = Pattern::compile("(a)(?:b)((c))(?=(d))").unwrap();
        assert_eq!(p.group_count(), 4);
        assert_eq!(Pattern::compile("a|b").unwrap().group_count(), 0);
        assert_eq!(find("(a|b)+", "ab"), "0,2 1,2");
        assert_eq!(find("(a)|(b)", "b"), "0,1 - 0,1");
        assert_eq!(find("((a)(b))", "ab"), "0,2 0,2 0,1 1,2");
        // A group not matched in the last iteration keeps what it captured before.
        assert_eq!(find("(a(b)?)+", "aba"), "0,3 2,3 1,2");
        assert_eq!(
            find("(\\w+)@(\\w+)\\.com", "mail bob@example.com"),
            "5,20 5,8 9,16"
        );
        assert_eq!(whole("(.*)(\\d+)", "abc123"), "0,6 0,5 5,6");
        assert_eq!(whole("(.*?)(\\d+)", "abc123"), "0,6 0,3 3,6");
        assert_eq!(whole("(.*?)(\\d+)", "ab1x"), "none");
        let p = Pattern::compile("(\\d+)-(\\d+)").unwrap();
        let text = chars("x 12-345 6-7");
        assert_eq!(
            p.find_groups(&text, 8),
            Some(vec![Some((9, 12)), Some((9, 10)), Some((11, 12))])
        );
        assert_eq!(
            p.match_groups(&chars("12-345")).map(|g| g[2]),
            Some(Some((3, 6)))
        );
        assert_eq!(p.find_groups_checked(&text, 10), Ok(None));
    }

    #[test]
    fn backtracking_undoes_what_groups_captured() {
        assert_eq!(find("(?:(a)x|ay)", "ay"), "0,2 -");
        assert_eq!(find("(?:(a)|b)*ab", "ab"), "0,2 -");
        assert_eq!(find("(a|ab)(c|bcd)(d*)", "abcd"), "0,4 0,1 1,4 4,4");
        // What a lookahead captured stays, as in Java, even from an attempt that failed.
        assert_eq!(find("(?=(a+))a", "aaa"), "0,1 0,3");
        assert_eq!(find("(?!(a)b)a|(a)c", "abac"), "2,3 0,1 -");
    }

    #[test]
    fn bounded_reluctant_and_empty_repetitions() {
        assert_eq!(find("a{2,3}", "aaaa"), "0,3");
        assert_eq!(whole("a{2}", "aa"), "0,2");
        assert_eq!(whole("a{2}", "aaa"), "none");
        assert_eq!(find("(ab){2,}", "abababx"), "0,6 4,6");
        assert_eq!(find("x{0}", "x"), "0,0");
        assert_eq!(whole("\\d{3}-\\d{4}", "555-1234"), "0,8");
        assert_eq!(find("a+?", "aaa"), "0,1");
        assert_eq!(find("<.+?>", "<a><b>"), "0,3");
        assert_eq!(find("a{2,}?", "aaaa"), "0,2");
        assert_eq!(find("(a??)(a*)", "aa"), "0,2 0,0 0,2");
        assert_eq!(find("(a|ab)*?c", "abac"), "0,4 2,3");
        assert_eq!(find("(a|b){2,3}?c", "ababc"), "1,5 3,4");
        // An iteration that matches nothing ends the loop, as Java's.
        assert_eq!(find("(a*)+", "b"), "0,0 0,0");
        assert_eq!(find("(a?){3}", ""), "0,0 0,0");
        assert_eq!(find("(\\b)*", "a"), "0,0 -");
        assert_eq!(find("(\\A)?", ""), "0,0 0,0");
    }

    #[test]
    fn anchors_and_word_boundaries() {
        assert_eq!(find("^a", "ba"), "none");
        assert_eq!(find("^a", "ab"), "0,1");
        // `^` is the start of the text, not of the search.
        let p = Pattern::compile("^a").unwrap();
        assert_eq!(p.find(&chars("aa"), 1), None);
        assert_eq!(find("a$", "a\n"), "0,1");
        assert_eq!(find("a$", "a\r\n"), "0,1");
        assert_eq!(find("a$", "a\n\n"), "none");
        assert_eq!(whole("a$", "a\n"), "none");
        assert_eq!(find("a\\z", "a\n"), "none");
        assert_eq!(find("a\\Z", "a\n"), "0,1");
        assert_eq!(find("\\Aa", "ba"), "none");
        assert_eq!(find("\\bcat\\b", "concat cat"), "7,10");
        assert_eq!(find("\\Bcat", "concat cat"), "3,6");
        assert_eq!(find("\\bcafé\\b", "un café."), "3,7");
        let p = Pattern::compile("\\bb").unwrap();
        assert_eq!(p.find(&chars("ab b"), 1), Some((3, 4)));
    }

    #[test]
    fn escapes_and_classes() {
        assert_eq!(find("\\t\\n\\r\\f\\a\\e", "\t\n\r\u{c}\u{7}\u{1b}"), "0,6");
        assert_eq!(find("\\x41\\u00e9\\x{1F600}", "Aé😀"), "0,3");
        assert_eq!(find("\\uD83D\\uDE00", "😀"), "0,1");
        assert_eq!(find("\\cA\\0101\\011", "\u{1}A\t"), "0,3");
        assert_eq!(find("\\Q.*\\E+", "a.**"), "1,4");
        assert_eq!(find("[\\Q]\\E]", "]"), "0,1");
        assert_eq!(find("[\\W\\d]+", "ab,1 c"), "2,5");
        assert_eq!(find("[^\\W]+", ",ab1_ c"), "1,5");
        assert_eq!(find("[\\S]+", "  ab "), "2,4");
        assert_eq!(find("[\\x41-\\x43]+", "ABCD"), "0,3");
        assert_eq!(find("[]a]+", "]a"), "0,2");
        assert_eq!(find("[a-]+", "a-"), "0,2");
        // `.` stops at every line terminator, unless `(?s)`.
        assert_eq!(find("a.c", "a\rc"), "none");
        assert_eq!(find("a.c", "a\u{2028}c"), "none");
        assert_eq!(find("(?s)a.c", "a\nc"), "0,3");
    }

    #[test]
    fn character_properties() {
        assert_eq!(find("\\p{Lower}+", "ABcdE"), "2,4");
        assert_eq!(find("\\p{Alnum}+\\p{Space}\\p{XDigit}+", "ab1 ff"), "0,6");
        // POSIX `Punct` is all ASCII punctuation; Unicode `P` leaves out the symbols `$+<=>^|~`.
        assert_eq!(find("\\p{Punct}+", "a$+!b"), "1,4");
        assert_eq!(find("\\p{P}+", "a$+!,b"), "3,5");
        assert_eq!(find("\\p{P}+", "你好。世界！"), "2,3");
        assert_eq!(find("[\\p{P}\\s]+", "好，「是」"), "1,3");
        assert_eq!(find("\\p{L}+", "héllo wörld"), "0,5");
        assert_eq!(find("\\P{L}+", "héllo wörld"), "5,6");
        assert_eq!(find("[\\p{Lu}\\d]+", "abC1D2e"), "2,6");
        assert_eq!(find("\\pL+", "1ab"), "1,3");
        assert_eq!(find("\\p{IsAlphabetic}+", "12abc"), "2,5");
        assert_eq!(find("\\p{Lu}\\p{Ll}\\p{N}", "xAb1"), "1,4");
        assert_eq!(err("\\p{Xyz}"), "Unknown character property name {Xyz}");
        assert!(err("[\\p]").starts_with("Unknown character property name"));
        assert_eq!(err("\\p{}"), "Empty character family");
        assert_eq!(err("\\p{L"), "Unclosed character family");
    }

    #[test]
    fn case_insensitive_flag_folds_ascii_as_java() {
        assert_eq!(find("(?i)hello", "say HeLLo"), "4,9");
        assert_eq!(find("(?i)[a-c]+", "xABCd"), "1,4");
        assert_eq!(find("(?i)[^a]+", "AAbB"), "2,4");
        assert_eq!(find("(?i)(a)\\1", "aA"), "0,2 0,1");
        // Only US-ASCII unless `(?u)` too.
        assert_eq!(find("(?i)é", "É"), "none");
        assert_eq!(find("(?iu)é", "É"), "0,1");
        assert_eq!(find("(?i)\\p{Lower}", "A"), "0,1");
        assert!(!Pattern::compile("(?i)topic-\\d")
            .unwrap()
            .matches("topic-x"));
        assert!(Pattern::compile("(?i)topic-\\d")
            .unwrap()
            .matches("TOPIC-1"));
    }

    #[test]
    fn backreferences() {
        assert_eq!(find("(a|b)\\1", "ab"), "none");
        assert_eq!(find("(a|b)\\1", "abb"), "1,3 1,2");
        // A group that did not take part fails the match.
        assert_eq!(find("(a)?b\\1", "b"), "none");
        assert_eq!(find("(\\w)\\1", "hello"), "2,4 2,3");
        // `\10` is `\1` then `0` while there are fewer than 10 groups.
        assert_eq!(find("(a)\\10", "aa0"), "0,3 0,1");
        assert_eq!(find("(a|b\\1)+", "aba"), "0,3 1,3");
    }

    #[test]
    fn lookahead() {
        assert_eq!(find("\\w+(?=!)", "hi there!"), "3,8");
        assert_eq!(find("a(?!b)", "abac"), "2,3");
        assert_eq!(find("(?=(\\d+))\\w+", "ab12"), "2,4 2,4");
        assert_eq!(find("(a)(?=\\1)", "xaa"), "1,2 1,2");
    }

    #[test]
    fn syntax_errors_are_javas() {
        for (src, e) in [
            ("a{", "Illegal repetition"),
            ("{", "Illegal repetition"),
            ("a{x}", "Illegal repetition"),
            ("a{,2}", "Illegal repetition"),
            ("a{2", "Unclosed counted closure"),
            ("a{2,x}", "Unclosed counted closure"),
            ("a{3,2}", "Illegal repetition range"),
            ("a{99999999999}", "Illegal repetition range"),
            ("(a", "Unclosed group"),
            ("a)", "Unmatched closing ')'"),
            ("[a", "Unclosed character class"),
            ("[]", "Unclosed character class"),
            ("*a", "Dangling meta character '*'"),
            ("a**", "Dangling meta character '*'"),
            ("a|+", "Dangling meta character '+'"),
            ("[z-a]", "Illegal character range"),
            ("\\y", "Illegal/unsupported escape sequence"),
            ("[\\b]", "Illegal/unsupported escape sequence"),
            ("\\xZ", "Illegal hexadecimal escape sequence"),
            ("\\u12", "Illegal Unicode escape sequence"),
            ("\\08", "Illegal octal escape sequence"),
            ("(?q)", "Unknown inline modifier"),
            ("\\", "Unexpected internal error"),
        ] {
            assert_eq!(err(src), e, "{src}");
        }
    }

    #[test]
    fn what_it_cannot_read_is_refused_not_taken_literally() {
        for src in [
            "[[a]]",
            "[a&&b]",
            "a*+",
            "a++",
            "a{2}+",
            "(?<=a)b",
            "(?<!a)b",
            "(?<n>a)",
            "(?>a)",
            "a(?i)b",
            "(?i:a)",
            "(?m)^a",
            "(?x)a",
            "\\G",
            "\\R",
            "\\h",
            "\\k<n>",
            "\\p{InGreek}",
            "\\p{Sc}",
            "\\p{javaLowerCase}",
            "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))",
        ] {
            let e = err(src);
            assert!(e.starts_with("unsupported"), "{src}: {e}");
        }
        assert!(Pattern::compile("[\\p]").is_err());
        for src in ["^a", "a$", "a{2}", "\\bword", "(?i)a", "(?is)a.", "(?)a"] {
            assert!(Pattern::compile(src).is_ok(), "{src}");
        }
    }

    #[test]
    fn catastrophic_backtracking_stays_bounded() {
        // Java's memo of a greedy loop's failed positions keeps these linear.
        let a30 = "a".repeat(30);
        assert_eq!(find("(a|aa)*b", &a30), "none");
        assert_eq!(
            find("(?:\\w+\\s?)*$", &("word ".repeat(2_000) + "!")),
            "10001,10001"
        );
        // Without it (a backreference, or a loop in a loop), Java runs away; this gives up,
        // its budget of steps spent.
        for src in ["(x)?(a|aa)*b\\1", "((a|aa)*)*b", "(a|aa)*?b"] {
            let p = Pattern::compile(src).unwrap();
            assert_eq!(
                p.find_groups_checked(&chars(&a30), 0),
                Err(TOO_MUCH.into()),
                "{src}"
            );
            assert_eq!(p.find(&chars(&a30), 0), None);
            assert!(!p.matches(&a30));
        }
    }

    #[test]
    fn long_texts_do_not_overflow_the_stack() {
        // On a small stack: the matcher keeps its choices on a stack of its own.
        let run = || {
            let ab = chars(&"ab".repeat(50_000));
            let find = |src: &str, text: &[char]| {
                Pattern::compile(src).unwrap().find_groups_checked(text, 0)
            };
            assert_eq!(find("[ab]*", &ab), Ok(Some(vec![Some((0, 100_000))])));
            assert_eq!(
                find("(?:ab)+$", &ab).map(|g| g.map(|g| g[0])),
                Ok(Some(Some((0, 100_000))))
            );
            assert_eq!(
                find("(a|b)*", &ab[..20_000]),
                Ok(Some(vec![Some((0, 20_000)), Some((19_999, 20_000))]))
            );
            // Java's own stack overflows far earlier; this gives up.
            assert_eq!(find("(a|b)*", &ab), Err(TOO_MUCH.into()));
            assert_eq!(Pattern::compile("(a|b)*").unwrap().find(&ab, 0), None);
            let words = chars(&"word, ".repeat(20_000));
            let p = Pattern::compile("(\\w+)\\s*,\\s*").unwrap();
            assert_eq!(p.find(&words, 60_000), Some((60_000, 60_006)));
        };
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(run)
            .unwrap()
            .join()
            .unwrap();
    }
}
