//! Which names a data file may have. A graph remembers the file each entity came from and saves
//! it back there, so a file name that reaches the graph (from a directory, from
//! [`load_str`](crate::load_str) or from a snapshot) is checked once, the same way everywhere.

/// The longest file name accepted, in bytes: file systems allow 255, and the rest is kept for
/// the marks the saver may add.
pub(crate) const MAX_NAME_BYTES: usize = 200;

/// `Err` says why `name` cannot be a data file's name: it must be a plain `.ron` file name
/// (no directory part, no `..`, not hidden, not absolute) of at most [`MAX_NAME_BYTES`] bytes.
pub(crate) fn check(name: &str) -> Result<(), String> {
    if name.contains(['/', '\\']) {
        return Err(format!("data file name {name:?} has a directory part (a path separator)"));
    }
    if name.contains('\0') {
        return Err(format!("data file name {name:?} holds a NUL character"));
    }
    if name == ".." || name == "." {
        return Err(format!("data file name {name:?} names a directory"));
    }
    if name.starts_with('.') {
        return Err(format!("data file name {name:?} is hidden (starts with a dot)"));
    }
    if !name.ends_with(".ron") {
        return Err(format!("data file name {name:?} does not end in .ron (it would not be loaded again)"));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(format!("data file name of {} bytes is longer than {MAX_NAME_BYTES} bytes", name.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_ron_names_pass() {
        for good in ["a.ron", "seed_000.ron", "é.ron", "a..b.ron", &format!("{}.ron", "x".repeat(MAX_NAME_BYTES - 4))]
        {
            assert!(check(good).is_ok(), "{good}");
        }
        for bad in [
            "../escaped.ron",
            "/tmp/abs.ron",
            "dir/a.ron",
            "dir\\a.ron",
            "..",
            ".ron",
            ".hidden.ron",
            "notes.txt",
            "a.RON",
            "",
            "a\0.ron",
            &format!("{}.ron", "x".repeat(MAX_NAME_BYTES - 3)),
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
    }
}
