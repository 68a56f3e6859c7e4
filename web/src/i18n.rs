//! The shell's visible strings, in Chinese and English.
//!
//! Every language is one `const` value of [`Strings`], so a string missing from a language is a
//! compile error rather than a blank in the page. Components take a `&'static Strings` chosen
//! by [`Lang::strings`] and never spell user-visible text themselves.

/// A language the playground can show its shell in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The BCP 47 tag, for the `lang` attribute of `<html>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A panel's title and the placeholder it shows until it has content.
#[derive(Debug, PartialEq, Eq)]
pub struct PanelText {
    /// The heading, also the section's `aria-label`.
    pub title: &'static str,
    /// What the panel shows while it is empty.
    pub placeholder: &'static str,
}

/// All the strings of the shell in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// The page heading.
    pub title: &'static str,
    /// The line under the heading.
    pub subtitle: &'static str,
    /// The label of the language switch group.
    pub lang_switch: &'static str,
    /// The name of this language, written in itself, for its switch button.
    pub lang_name: &'static str,
    /// The Scala program editor.
    pub program: PanelText,
    /// The `nc -lk` terminal that feeds lines to the socket stream.
    pub terminal: PanelText,
    /// Batches and windows on virtual time.
    pub timeline: PanelText,
    /// The Spark calls each batch makes.
    pub calls: PanelText,
    /// What the program prints.
    pub console: PanelText,
}

/// Simplified Chinese.
pub const ZH: Strings = Strings {
    title: "DStream Playground",
    subtitle: "Spark Streaming 离散流演练场：在虚拟时间上重演微批处理",
    lang_switch: "界面语言",
    lang_name: "中文",
    program: PanelText {
        title: "程序",
        placeholder: "这里将编辑 Scala 流处理程序。",
    },
    terminal: PanelText {
        title: "nc 终端",
        placeholder: "这里将向 nc -lk 9999 输入文本行。",
    },
    timeline: PanelText {
        title: "时间线",
        placeholder: "这里将显示批次与窗口。",
    },
    calls: PanelText {
        title: "调用",
        placeholder: "这里将列出每个批次的 Spark 调用。",
    },
    console: PanelText {
        title: "控制台",
        placeholder: "程序的输出将显示在这里。",
    },
};

/// English.
pub const EN: Strings = Strings {
    title: "DStream Playground",
    subtitle: "Spark Streaming's micro-batches, re-enacted on virtual time",
    lang_switch: "Language",
    lang_name: "English",
    program: PanelText {
        title: "Program",
        placeholder: "The Scala streaming program will be edited here.",
    },
    terminal: PanelText {
        title: "nc terminal",
        placeholder: "Lines typed into nc -lk 9999 will go here.",
    },
    timeline: PanelText {
        title: "Timeline",
        placeholder: "Batches and windows will be drawn here.",
    },
    calls: PanelText {
        title: "Calls",
        placeholder: "The Spark calls of each batch will be listed here.",
    },
    console: PanelText {
        title: "Console",
        placeholder: "What the program prints will appear here.",
    },
};
