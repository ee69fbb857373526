//! Code the page loads on demand (docs/SIZE.md "Loaded on demand"): a function written inside
//! `on_demand!` is compiled into a separate wasm file, fetched the first time it is called, so
//! the first download leaves it out. The release build's `split` feature turns this on
//! (scripts/wasm-build.mjs splits the wasm with `wasm-split-cli`); every other build (tests,
//! clippy, a plain `cargo build`) calls the same body directly. Either way the function is
//! `async`, and returns `Result<_, E>` where `E: From<Unavailable>`: the file can fail to load
//! (offline before the service worker kept it, or a newer version replaced it on the server).

/// The on-demand file could not be fetched or started; the browser's console says why.
#[derive(Debug)]
pub struct Unavailable;

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "this part of the app could not be loaded (offline, or a newer version was \
             published): reload the page and try again",
        )
    }
}

/// `on_demand!(part: pub fn name(args) -> Result<T, E> { body })`: every function with the
/// same `part` goes into the same file. Arguments and results are moved across as they are (the
/// two files share the memory), but the function cannot be generic or take `self`. A failed
/// load returns `Err(E::from(Unavailable))` and is tried again on the next call.
#[macro_export]
macro_rules! on_demand {
    (
        $part:ident:
        $(#[$attr:meta])*
        $vis:vis fn $name:ident ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty { $($body:tt)* }
    ) => {
        #[cfg(feature = "split")]
        $(#[$attr])* $vis async fn $name($($arg: $ty),*) -> $ret {
            // The split point; it shadows the outer function, whose name makes its symbols unique.
            #[::leptos::wasm_split::wasm_split(
                $part, wasm_split_path = ::leptos::wasm_split, fallible
            )]
            fn $name($($arg: $ty),*) -> Result<$ret, ::leptos::wasm_split::SplitLoaderError> {
                fn body($($arg: $ty),*) -> $ret { $($body)* }
                Ok(body($($arg),*))
            }
            match $name($($arg),*).await {
                Ok(done) => done,
                Err(_) => Err($crate::on_demand::Unavailable.into()),
            }
        }

        #[cfg(not(feature = "split"))]
        $(#[$attr])* $vis async fn $name($($arg: $ty),*) -> $ret { $($body)* }
    };
}
