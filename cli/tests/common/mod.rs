//! What the command-line tests share: the binary, the core's fixtures, temporary folders, and
//! workspaces read as the app reads them (so expectations are computed by the core).

#![allow(dead_code)]

use assert_cmd::Command;
use followthrough_core::exchange::read_import;
use followthrough_core::scoring::rescore_workspace;
use followthrough_core::Workspace;
use std::path::{Path, PathBuf};

/// The binary, with no Slack secrets or proxies from the environment.
pub fn followthrough() -> Command {
    let mut cmd = Command::cargo_bin("followthrough").expect("the binary is built");
    for var in [
        "SLACK_WEBHOOK_URL",
        "SLACK_BOT_TOKEN",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// A fixture of the core's tests.
pub fn core_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures")
        .join(name)
}

/// The sample workspace of the core's tests (three post-mortems, nine items).
pub fn sample() -> PathBuf {
    core_fixture("workspace_v1.json")
}

/// A workspace file as the app holds it once imported: read, then rescored.
pub fn scored(path: &Path) -> Workspace {
    let text = std::fs::read_to_string(path).unwrap();
    let mut ws = read_import(&text).unwrap().workspace;
    rescore_workspace(&mut ws);
    ws
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}
