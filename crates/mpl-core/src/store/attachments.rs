//! Evidence files copied into the journal, named by their content so that the same bytes
//! are stored once however often, and under whatever names, they are attached.

use super::{Journal, fs};
use crate::error::{Error, Result, describe_io};
use crate::model::evidence::{Attachment, display_name};
use crate::model::text::human_size;
use std::path::{Path, PathBuf};

/// The largest file accepted as an attachment. Git hosts refuse or warn about big files
/// (GitHub at 50 and 100 MB), and every clone of the journal carries every attachment.
pub(crate) const MAX_ATTACHMENT_BYTES: u64 = 25 * 1024 * 1024;

/// A file to attach, checked before anything is written.
#[derive(Debug)]
pub struct Incoming {
    pub(crate) source: PathBuf,
    pub(crate) name: String,
}

/// Checks that `source` is a readable regular file (a link to one is fine) within the size
/// limit. Nothing is read yet.
pub fn check(source: &Path) -> Result<Incoming> {
    let meta = std::fs::metadata(source).map_err(|err| {
        let what = if err.kind() == std::io::ErrorKind::NotFound {
            "does not exist".to_string()
        } else {
            format!("cannot be read: {}", crate::error::describe_io(&err))
        };
        Error::new(format!("--file {}: {what}", source.display()))
            .hint("check the path; attach each file with its own --file")
    })?;
    if meta.is_dir() {
        return Err(Error::new(format!(
            "--file {} is a folder, not a file",
            source.display()
        ))
        .hint("attach the files inside it one by one, or a zip of the folder"));
    }
    if !meta.is_file() {
        return Err(Error::new(format!(
            "--file {} is not a regular file",
            source.display()
        )));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::new(format!(
            "--file {} is {}; attachments are limited to {} each",
            source.display(),
            human_size(meta.len()),
            human_size(MAX_ATTACHMENT_BYTES)
        ))
        .hint("every copy of the journal carries its attachments; link to a big file with --link URL instead"));
    }
    let name = source
        .file_name()
        .map(|n| display_name(&n.to_string_lossy()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "attachment".to_string());
    Ok(Incoming {
        source: source.to_path_buf(),
        name,
    })
}

impl Incoming {
    /// The file's bytes, read now (at most [`MAX_ATTACHMENT_BYTES`]: a file that grew past
    /// it since it was checked is refused).
    pub(crate) fn read(&self) -> Result<Vec<u8>> {
        fs::read_limited(&self.source, MAX_ATTACHMENT_BYTES, true).map_err(|err| match err {
            fs::ReadError::TooLarge(_) => Error::new(format!(
                "--file {} grew past {} while it was being read",
                self.source.display(),
                human_size(MAX_ATTACHMENT_BYTES)
            )),
            other => Error::new(format!(
                "cannot read {}: {}",
                self.source.display(),
                other.message()
            )),
        })
    }
}

impl Journal {
    /// The file holding an attachment's bytes, for reading it back (`export`): a regular file
    /// inside the journal's `attachments/` folder, reached through no link.
    pub fn attachment_source(
        &self,
        attachment: &Attachment,
    ) -> std::result::Result<PathBuf, String> {
        crate::model::evidence::check_stored_path(&attachment.file)?;
        let path = self.root.join(&attachment.file);
        self.check_folders(&path).map_err(|err| err.message())?;
        let meta = std::fs::symlink_metadata(&path)
            .map_err(|err| format!("{} cannot be read: {}", attachment.file, describe_io(&err)))?;
        if meta.file_type().is_symlink() {
            return Err(fs::link_message(
                Path::new(&attachment.file),
                &std::fs::read_link(&path).unwrap_or_default(),
            ));
        }
        if !meta.file_type().is_file() {
            return Err(format!("{} is not a plain file", attachment.file));
        }
        Ok(path)
    }

    /// An attachment's bytes, read as [`Journal::attachment_source`] finds them, following
    /// no link even if one appeared meanwhile.
    /// An encrypted attachment (`….age`) is decrypted with this machine's keys.
    pub(crate) fn attachment_bytes(&self, path: &Path) -> Result<Vec<u8>> {
        let encrypted = path.extension().is_some_and(|e| e == "age");
        // Encryption adds a header and 16 bytes a 64 KiB chunk.
        let limit = if encrypted {
            MAX_ATTACHMENT_BYTES + MAX_ATTACHMENT_BYTES / 1024 + 64 * 1024
        } else {
            MAX_ATTACHMENT_BYTES
        };
        let bytes = self.read_bytes(path, limit).map_err(|err| {
            Error::new(format!(
                "cannot read {}: {}",
                self.rel(path).display(),
                err.message()
            ))
        })?;
        if !encrypted {
            return Ok(bytes);
        }
        let keys = self
            .keys
            .identities()
            .and_then(|keys| crate::encryption::decrypt_bytes(&bytes, &keys))
            .map_err(|locked| {
                Error::new(format!(
                    "{}: encrypted, and {}",
                    self.rel(path).display(),
                    locked.why
                ))
                .hint(locked.hint)
            })?;
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(MAX_ATTACHMENT_BYTES), "25 MiB");
        assert_eq!(human_size(MAX_ATTACHMENT_BYTES + 300 * 1024), "25.3 MiB");
    }
}
