//! The course's pages: the lesson index, a lesson's panel (its text, the guided path, the
//! predictions and goals with their feedback) shown above the widget, and the not-found page.
//!
//! The lessons' words are JSON files fetched at run time ([`crate::lesson_data`], written by
//! `dstream lessons` from `dstream_engine::lessons`); every word here comes from a lesson's
//! [`Texts`] in the chosen language or from [`crate::i18n`]. Texts are rendered as text
//! nodes, paragraph by paragraph, never as HTML. [`LessonRoute`] waits for a lesson's file
//! before the widget builds its model from the preset.

use std::rc::Rc;

use dstream_engine::lessons::Answer;
use dstream_engine::record_at_a_time::{contrast, Contrast, RecordCost};
use dstream_engine::scenario::StampedLine;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::app::Widget;
use crate::components::lang_switch::LangSwitch;
use crate::i18n::Lang;
use crate::lesson_data::{
    text, use_json, use_lesson, LessonEntry, LessonPage, Load, Texts, INDEX_URL,
};
use crate::model::{Action, Line, Model};
use crate::route::lesson_href;
use crate::storage;

/// A text's paragraphs (separated by blank lines), each a `<p>`.
fn paragraphs(t: &str) -> Html {
    t.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| html! { <p>{ prose(p) }</p> })
        .collect()
}

/// A lesson's sentence: text, with what is between backticks as code (`` `nc -lk` ``); a
/// backtick left open stays as written. Text nodes only, never markup from the text.
fn prose(t: &str) -> Html {
    let parts: Vec<&str> = t.split('`').collect();
    let closed = parts.len() % 2 == 1;
    parts
        .iter()
        .enumerate()
        .map(
            |(i, part)| match (i % 2 == 1, closed || i + 1 < parts.len()) {
                (true, true) => html! { <code>{ part.to_string() }</code> },
                (true, false) => html! { { format!("`{part}") } },
                _ => html! { { part.to_string() } },
            },
        )
        .collect()
}

/// [`prose`] of a lesson text in `lang`.
fn prose_in(t: &Texts, lang: Lang) -> Html {
    prose(text(t, lang))
}

/// A lesson text in `lang`, owned for the page.
fn own(t: &Texts, lang: Lang) -> String {
    text(t, lang).to_string()
}

/// An answer as the learner reads it.
fn answer_text(a: Answer, lang: Lang) -> String {
    match a {
        Answer::Number(n) => n.to_string(),
        Answer::YesNo(true) => lang.strings().yes.to_string(),
        Answer::YesNo(false) => lang.strings().no.to_string(),
    }
}

/// Props of the pages that only need a language.
#[derive(Properties, PartialEq)]
pub struct LangProps {
    /// The language to start in.
    pub lang: Lang,
}

/// A page header with the site's links and the language switch.
fn page_header(title: &'static str, lang: Lang, on_lang: Callback<Lang>) -> Html {
    let s = lang.strings();
    html! {
        <header class="app-header">
            <div class="app-titles"><h1>{ title }</h1></div>
            <div class="header-tools">
                <nav aria-label={s.site_nav} class="site-nav">
                    <a href="./">{ s.to_playground }</a>
                    <a href="#lessons">{ s.to_lessons }</a>
                </nav>
                <LangSwitch {lang} on_change={on_lang} />
            </div>
        </header>
    }
}

/// A language kept by a page without a model; the learner's choice is saved.
#[hook]
fn use_page_lang(initial: Lang) -> (Lang, Callback<Lang>) {
    let lang = use_state(|| initial);
    let set = lang.clone();
    let on = Callback::from(move |l: Lang| {
        storage::save_lang(l);
        set.set(l);
    });
    let l = *lang;
    use_effect_with(l, |l| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", l.tag());
        }
    });
    (l, on)
}

/// The lesson index: every lesson, numbered, with its opening paragraph (`index.json`).
#[component]
pub fn LessonIndex(props: &LangProps) -> Html {
    let (lang, on_lang) = use_page_lang(props.lang);
    let s = lang.strings();
    let index = use_json::<Vec<LessonEntry>>(INDEX_URL.to_string());
    let entries = match &index {
        Load::Ready(v) => v.to_vec(),
        _ => Vec::new(),
    };
    let items = entries.iter().map(|l| {
        html! {
            <li class="lesson-item" data-lesson={l.id.clone()}>
                <a href={lesson_href(&l.id)}>
                    <span class="lesson-number">{ lang.lesson_number(l.number) }</span>
                    <span class="lesson-title">{ own(&l.title, lang) }</span>
                </a>
                <p>{ prose_in(&l.summary, lang) }</p>
            </li>
        }
    });
    html! {
        <div class="app page-lessons">
            { page_header(s.lessons_title, lang, on_lang) }
            <main class="lesson-index">
                <p>{ s.lessons_intro }</p>
                <ol class="lesson-list">{ for items }</ol>
            </main>
        </div>
    }
}

/// The not-found page.
#[component]
pub fn NotFound(props: &LangProps) -> Html {
    let (lang, on_lang) = use_page_lang(props.lang);
    let s = lang.strings();
    html! {
        <div class="app page-not-found">
            { page_header(s.not_found_title, lang, on_lang) }
            <main class="not-found">
                <p>{ s.not_found_body }</p>
                <p><a href="./">{ s.to_playground }</a>{ " · " }<a href="#lessons">{ s.to_lessons }</a></p>
            </main>
        </div>
    }
}

/// Props of [`LessonRoute`].
#[derive(Properties, PartialEq)]
pub struct LessonRouteProps {
    /// The lesson's slug.
    pub id: String,
    /// The URL fragment, for the widget.
    pub fragment: AttrValue,
    /// Whether this is the embed page.
    #[prop_or_default]
    pub embed: bool,
    /// The page's language (while loading, or for the not-found page).
    pub lang: Lang,
    /// The lesson comes from a shared link: if its file is missing, the link's state still
    /// opens (without the lesson's panel) rather than the not-found page.
    #[prop_or_default]
    pub link: bool,
}

/// A lesson's page: its file is fetched first, then the widget builds its model with it.
#[component]
pub fn LessonRoute(props: &LessonRouteProps) -> Html {
    match use_lesson(props.id.clone()) {
        Load::Loading => html! {
            <div class="app page-loading">
                <p role="status">{ props.lang.strings().loading_lesson }</p>
            </div>
        },
        Load::Failed if !props.link => html! { <NotFound lang={props.lang} /> },
        _ => html! { <Widget fragment={props.fragment.clone()} embed={props.embed} /> },
    }
}

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The lesson.
    pub lesson: Rc<LessonPage>,
    /// The model.
    pub model: std::rc::Rc<Model>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// On the embed page: the text is folded away.
    #[prop_or_default]
    pub embed: bool,
}

/// A lesson's text, guided path and exercises, above the widget.
#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let lesson = &props.lesson;
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let d = &props.dispatch;
    let body = paragraphs(text(&lesson.body, lang));
    let steps = lesson.steps.iter().map(|st| {
        let t = st.time_ms;
        let b = m.session.batch_ms();
        let onclick = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| {
                d.emit(Action::SeekBatch(t / b));
                d.emit(Action::Select(Some(t)));
            })
        };
        html! {
            <li class="guided-step" data-time={t.to_string()}>
                <p>{ prose_in(&st.text, lang) }</p>
                <button type="button" class="show-batch" {onclick}>{ lang.show_batch(t) }</button>
            </li>
        }
    });
    let predictions = lesson
        .predictions
        .iter()
        .enumerate()
        .map(|(i, _)| prediction_view(lesson, i, m, d));
    let goals = lesson.goals.iter().enumerate().map(|(i, g)| {
        let result = m.answered(&g.id);
        let feedback = result.map(|a| {
            if a.correct {
                html! { <p class="feedback right" role="status">{ s.goal_met }</p> }
            } else {
                html! { <p class="feedback wrong" role="status">{ s.goal_not_met }{ " " }{ prose_in(&g.hint, lang) }</p> }
            }
        });
        html! {
            <li class="exercise goal" data-exercise={g.id.clone()}>
                <p>{ prose_in(&g.task, lang) }</p>
                <button type="button" class="check-goal" onclick={d.reform(move |_| Action::CheckGoal(i))}>{ s.check }</button>
                { for feedback }
            </li>
        }
    });
    let heading = format!(
        "{} · {}",
        lang.lesson_number(lesson.number),
        text(&lesson.title, lang)
    );
    html! {
        <section class="lesson" aria-label={s.lesson_nav} data-lesson={lesson.id.clone()}>
            if !props.embed {
                <h2 class="lesson-heading">{ heading }</h2>
                <div class="lesson-body">{ body }</div>
            }
            if lesson.contrast {
                <ContrastView lines={m.session.lines.clone()} program={m.session.program.clone()} {lang} />
            }
            <div class="lesson-columns">
                <div>
                    <h3>{ s.steps_title }</h3>
                    <ol class="guided-steps">{ for steps }</ol>
                </div>
                <div>
                    <h3>{ s.predictions_title }</h3>
                    <ol class="exercises predictions">{ for predictions }</ol>
                    <h3>{ s.goals_title }</h3>
                    <ol class="exercises goals">{ for goals }</ol>
                </div>
            </div>
        </section>
    }
}

/// One prediction: its question, then (when asked) the answer form, then the feedback.
fn prediction_view(lesson: &LessonPage, i: usize, m: &Model, d: &Callback<Action>) -> Html {
    let p = &lesson.predictions[i];
    let lang = m.session.lang;
    let s = lang.strings();
    let asking = m.asking.filter(|(j, _)| *j == i).map(|(_, a)| a);
    let done = m.answered(&p.id);
    let form = match asking {
        Some(Answer::YesNo(_)) => html! {
            <div class="answer-form" role="group" aria-label={s.your_answer}>
                <p class="answer-first">{ s.answer_first }</p>
                <button type="button" class="answer-yes" onclick={d.reform(|_| Action::Answer(Some(1)))}>{ s.yes }</button>
                <button type="button" class="answer-no" onclick={d.reform(|_| Action::Answer(Some(0)))}>{ s.no }</button>
                <button type="button" class="reveal" onclick={d.reform(|_| Action::Answer(None))}>{ s.reveal }</button>
            </div>
        },
        Some(Answer::Number(_)) => {
            let onsubmit = d.reform(|e: SubmitEvent| {
                e.prevent_default();
                let input: Option<HtmlInputElement> = e
                    .target()
                    .and_then(|t| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok()
                    })
                    .and_then(|f| f.query_selector("input").ok().flatten())
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into(el).ok());
                let v = input.and_then(|i| i.value().trim().parse::<i64>().ok());
                Action::Answer(v)
            });
            html! {
                <form class="answer-form" {onsubmit}>
                    <p class="answer-first">{ s.answer_first }</p>
                    <label>
                        <span>{ s.your_answer }</span>
                        <input class="answer-input" type="number" name="answer" step="1" required=true />
                    </label>
                    <button type="submit" class="answer-submit">{ s.answer }</button>
                    <button type="button" class="reveal" onclick={d.reform(|_| Action::Answer(None))}>{ s.reveal }</button>
                </form>
            }
        }
        None => Html::default(),
    };
    let feedback = done.map(|a| {
        let expected = a.expected.map(|x| answer_text(x, lang)).unwrap_or_default();
        html! {
            <div class={classes!("feedback", if a.correct { "right" } else { "wrong" })} role="status">
                <p>
                    if a.correct { { s.right }{ " " } }
                    { lang.trace_says(&expected) }
                </p>
                <p>{ prose_in(&p.explanation, lang) }</p>
            </div>
        }
    });
    let pending = (asking.is_none() && done.is_none())
        .then(|| html! { <p class="pending">{ s.asked_later }</p> });
    html! {
        <li class={classes!("exercise", "prediction", asking.is_some().then_some("asking"))} data-exercise={p.id.clone()}>
            <p class="when">{ lang.asked_at(p.time_ms) }</p>
            <p class="question">{ prose_in(&p.question, lang) }</p>
            { form }
            { for pending }
            { for feedback }
        </li>
    }
}

/// Props of [`ContrastView`].
#[derive(Properties, PartialEq)]
pub struct ContrastProps {
    /// The lines sent to `nc`.
    pub lines: Vec<Line>,
    /// The program (its batch interval and master).
    pub program: String,
    /// The language.
    pub lang: Lang,
}

/// The most words the contrast table lists.
const CONTRAST_ROWS: usize = 40;

/// Lesson 1's contrast: the same lines as a micro-batch word count (through the engine) and
/// one record at a time (`dstream_engine::record_at_a_time`), side by side: when each word's
/// result appears and its latency in each model, and the records each sends through the
/// shuffle. It follows the learner's program (batch interval, master) and input.
#[component]
pub fn ContrastView(props: &ContrastProps) -> Html {
    let s = props.lang.strings();
    let c: std::rc::Rc<Contrast> = use_memo(
        (props.lines.clone(), props.program.clone()),
        |(lines, program)| {
            let controls = crate::program::parse(program);
            let master = controls
                .cores
                .map_or_else(|| "local[*]".to_string(), |n| format!("local[{n}]"));
            let stamped: Vec<StampedLine> = lines
                .iter()
                .map(|l| StampedLine {
                    at_ms: l.at_ms,
                    text: l.text.clone(),
                })
                .collect();
            contrast(
                &stamped,
                controls.batch_ms.max(1),
                &master,
                &RecordCost::default(),
            )
        },
    );
    let ms = |us: Option<i64>| {
        us.map_or_else(
            || s.contrast_never.to_string(),
            |u| format!("{:.3}", u as f64 / 1000.0),
        )
    };
    let lat =
        |l: Option<f64>| l.map_or_else(|| s.contrast_never.to_string(), |l| format!("{l:.3}"));
    let rows = c
        .record_at_a_time
        .records
        .iter()
        .zip(&c.micro_batch.records)
        .take(CONTRAST_ROWS)
        .map(|(r, b)| {
            html! {
                <tr class="contrast-row">
                    <th scope="row">{ r.word.clone() }</th>
                    <td>{ r.sent_ms }</td>
                    <td class="micro-at">{ ms(b.done_us) }</td>
                    <td class="micro-latency">{ lat(b.latency_ms) }</td>
                    <td class="record-at">{ ms(r.done_us) }</td>
                    <td class="record-latency">{ lat(r.latency_ms) }</td>
                </tr>
            }
        });
    html! {
        <section class="contrast" aria-label={s.contrast_title}>
            <h3>{ s.contrast_title }</h3>
            <div class="contrast-scroll" tabindex="0" role="region" aria-label={s.contrast_title}>
                <table class="contrast-table">
                    <caption>{ s.contrast_caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{ s.contrast_word }</th>
                            <th scope="col" rowspan="2">{ s.contrast_sent }</th>
                            <th scope="colgroup" colspan="2">{ s.contrast_micro }</th>
                            <th scope="colgroup" colspan="2">{ s.contrast_record }</th>
                        </tr>
                        <tr>
                            <th scope="col">{ s.contrast_at }</th>
                            <th scope="col">{ s.contrast_latency }</th>
                            <th scope="col">{ s.contrast_at }</th>
                            <th scope="col">{ s.contrast_latency }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">{ s.contrast_shuffled }</th>
                            <td colspan="2" class="micro-shuffled">{ c.micro_batch.shuffled }</td>
                            <td colspan="2" class="record-shuffled">{ c.record_at_a_time.shuffled }</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
