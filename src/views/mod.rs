//! The screens, one module each: the list of post-mortems, one post-mortem's meeting page,
//! an item's tracking after the meeting, the portfolio of all items, the review, the
//! dashboard, the people roster, and the hand-off (import and exports) and its restore points.

pub mod dashboard;
pub mod exchange;
pub mod intake;
pub mod list;
pub mod meeting;
pub mod people;
pub mod portfolio;
pub mod restore;
pub mod review;
pub mod tracking;
