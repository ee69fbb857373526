//! followthrough-core: every rule of `DOMAIN.md` (post-mortem action items), once, as pure
//! functions over plain data. No web dependencies: it builds and tests natively and on wasm32.

pub mod deadlines;
pub mod drafting;
pub mod exchange;
pub mod followup;
pub mod intake;
pub mod lifecycle;
pub mod metrics;
pub mod migrate;
pub mod model;
pub mod order;
pub mod people;
pub mod postmortem_checks;
pub mod query;
pub mod sample;
pub mod schema;
pub mod scoring;
pub mod settings;
pub mod similarity;
pub mod storage;
pub mod validator;

pub use model::*;
pub use settings::Settings;
