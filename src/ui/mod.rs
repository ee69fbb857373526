//! Pieces the views share: the storage banner, the notice, badges, charts, a link that opens
//! only http(s). They render what they are given and call the store; no rule is decided here.

pub mod badges;
pub mod banner;
pub mod charts;
pub mod field;
pub mod notice;
pub mod safe_link;
