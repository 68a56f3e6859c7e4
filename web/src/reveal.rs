//! Keeps the focused column of a box that scrolls sideways in view: on a phone the timeline
//! and the calls grid are wider than the screen, and the batch a step or a selection moves to
//! (the newest, as batches run) would otherwise sit off to the right, out of sight.
//!
//! [`use_reveal`] waits for the next animation frame, where reading the layout costs nothing
//! extra (the frame lays the page out anyway), and scrolls the box sideways only when the
//! column is not wholly inside it. The page itself never scrolls (`scrollIntoView` would move
//! it to the panel, away from what the learner is looking at), and a box the learner scrolled
//! by hand keeps its place until the focus moves again.

use web_sys::Element;
use yew::prelude::*;

/// Where a revealed column goes in its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// At the right edge (the calls grid: its key column stays at the left, over the others).
    End,
    /// In the middle (the timeline: batches to come on the right, those gone on the left).
    Center,
}

/// How far to scroll a box spanning `[box_left, box_right]` so a column spanning
/// `[left, right]` is wholly inside it (0 when it is), aligned as `align` says.
pub fn scroll_by(box_left: f64, box_right: f64, left: f64, right: f64, align: Align) -> f64 {
    if left >= box_left - 0.5 && right <= box_right + 0.5 {
        return 0.0;
    }
    match align {
        Align::End => right - box_right,
        Align::Center => (left + right) / 2.0 - (box_left + box_right) / 2.0,
    }
}

/// After each change of `focus`, scrolls the element `container` sideways so its descendant
/// matching `target` is in view (see [`scroll_by`]).
#[hook]
pub fn use_reveal<K: PartialEq + 'static>(
    container: NodeRef,
    target: &'static str,
    align: Align,
    focus: K,
) {
    use_effect_with(focus, move |_| {
        // A hidden page gets no frames: the calls would wait, piling up while it plays.
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.hidden());
        if hidden {
            return;
        }
        crate::clock::in_next_frame(move || {
            let Some(boxed) = container.cast::<Element>() else {
                return;
            };
            let Some(col) = boxed.query_selector(target).ok().flatten() else {
                return;
            };
            let (b, c) = (
                boxed.get_bounding_client_rect(),
                col.get_bounding_client_rect(),
            );
            let by = scroll_by(b.left(), b.right(), c.left(), c.right(), align);
            if by != 0.0 {
                boxed.set_scroll_left(boxed.scroll_left() + by.round() as i32);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_inside_stays_and_one_outside_comes_in() {
        // A 340 px box at 10..350.
        assert_eq!(scroll_by(10.0, 350.0, 200.0, 272.0, Align::End), 0.0);
        assert_eq!(scroll_by(10.0, 350.0, 200.0, 272.0, Align::Center), 0.0);
        // Off to the right: to the right edge, or the middle.
        assert_eq!(scroll_by(10.0, 350.0, 500.0, 572.0, Align::End), 222.0);
        assert_eq!(scroll_by(10.0, 350.0, 500.0, 572.0, Align::Center), 356.0);
        // Off to the left (scrolled past by hand): back, a negative scroll.
        assert_eq!(scroll_by(10.0, 350.0, -100.0, -28.0, Align::End), -378.0);
        assert_eq!(scroll_by(10.0, 350.0, -100.0, -28.0, Align::Center), -244.0);
        // Half out counts as out.
        assert_eq!(scroll_by(10.0, 350.0, 300.0, 372.0, Align::End), 22.0);
    }
}
