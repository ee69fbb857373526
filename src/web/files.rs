//! Files in and out: reading picked files as text, and writing several files into a folder the
//! user picks (the File System Access API's `showDirectoryPicker`, where the browser has it).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A file's bytes as text. The bytes are copied into wasm as they are: reading it as a JS
/// string instead would decode 13 MB to UTF-16 only to encode it back to UTF-8. Invalid UTF-8
/// becomes U+FFFD, as `File.text()` would do (and JSON then says where).
pub async fn read_text(file: &web_sys::File) -> Option<String> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Some(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// A picked file's path from the folder picked (`postmortems/PM-1.json`), or its bare name
/// when it was picked on its own.
pub fn path_in_folder(file: &web_sys::File) -> String {
    Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|p| p.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// The browser's folder picker, when it has one.
fn directory_picker() -> Option<Function> {
    let window = web_sys::window()?;
    Reflect::get(&window, &"showDirectoryPicker".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether this browser can write files into a folder the user picks.
pub fn can_write_folder() -> bool {
    directory_picker().is_some()
}

/// What writing into a picked folder came to.
pub enum Written {
    /// The files are in the folder of this name.
    Into(String),
    /// The picker was closed without a folder.
    Cancelled,
}

/// Asks for a folder and writes `files` (name, text) into it, replacing files of the same
/// name. The error is a sentence.
pub async fn write_into_picked_folder(files: &[(String, String)]) -> Result<Written, String> {
    let picker = directory_picker().ok_or("this browser cannot write into a folder")?;
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"mode".into(), &"readwrite".into());
    let asked = picker
        .call1(&JsValue::UNDEFINED, &options)
        .map_err(|e| sentence(&e))?;
    let folder: web_sys::FileSystemDirectoryHandle =
        match JsFuture::from(Promise::from(asked)).await {
            Ok(handle) => handle.unchecked_into(),
            Err(e) if error_name(&e) == "AbortError" => return Ok(Written::Cancelled),
            Err(e) => return Err(sentence(&e)),
        };
    let create = web_sys::FileSystemGetFileOptions::new();
    create.set_create(true);
    for (name, text) in files {
        let fail = |e: JsValue| format!("{name}: {}", sentence(&e));
        let handle: web_sys::FileSystemFileHandle =
            JsFuture::from(folder.get_file_handle_with_options(name, &create))
                .await
                .map_err(fail)?
                .unchecked_into();
        let stream: web_sys::FileSystemWritableFileStream =
            JsFuture::from(handle.create_writable())
                .await
                .map_err(fail)?
                .unchecked_into();
        JsFuture::from(stream.write_with_str(text).map_err(fail)?)
            .await
            .map_err(fail)?;
        JsFuture::from(stream.close()).await.map_err(fail)?;
    }
    Ok(Written::Into(folder.name()))
}

fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

/// A thrown DOM error as a sentence: its message, or its name.
fn sentence(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| error_name(e))
}
