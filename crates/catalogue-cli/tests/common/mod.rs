//! Running the `catalogue` command in the command's tests.
#![allow(dead_code)] // each test file uses part of it

use std::process::Command;

pub const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalogue.json");

/// The exit code, standard output and standard error of `catalogue ARGS`.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_catalogue")).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The exit code and everything printed, standard output then standard error.
pub fn catalogue(args: &[&str]) -> (i32, String) {
    let (code, out, err) = run(args);
    (code, out + &err)
}
