//! Any bytes, as UTF-8, to the jrnl export parser of `mpl import jrnl`. Each entry it returns
//! must be tidy, and the learned entry made of it must render to a file that parses back.
#![no_main]

use chrono::{FixedOffset, NaiveTime, TimeZone};
use libfuzzer_sys::fuzz_target;
use mpl_core::model::entry::{normalize_tag, title_and_body};
use mpl_core::model::{Entry, Kind, Visibility, jrnl};
use mpl_core::store::frontmatter::{parse, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(entries) = jrnl::parse(text) else {
        return;
    };
    for jrnl in entries {
        assert_eq!(jrnl.title.trim(), jrnl.title);
        assert_eq!(jrnl.body.trim(), jrnl.body);
        for tag in &jrnl.tags {
            assert_eq!(normalize_tag(tag).as_ref(), Ok(tag));
        }
        // As `mpl import jrnl` makes a learned entry of it.
        let (title, body) = if jrnl.title.is_empty() {
            title_and_body(&jrnl.body, 100)
        } else {
            (jrnl.title.clone(), jrnl.body.clone())
        };
        let time = jrnl.time.unwrap_or(NaiveTime::MIN);
        let created = FixedOffset::east_opt(3600)
            .unwrap()
            .from_local_datetime(&jrnl.date.and_time(time))
            .single()
            .unwrap();
        let mut entry = Entry::new(Kind::Learned, "fuzz".into(), jrnl.date, created, title);
        entry.body = body;
        entry.tags = jrnl.tags.clone();
        entry.visibility = Visibility::Private;
        if jrnl.starred {
            entry.extra.insert("starred".into(), true.into());
        }
        entry
            .extra
            .insert("jrnl_keys".into(), vec![jrnl.key()].into());
        let text = render(&entry);
        let back = parse(&text, "fuzz").unwrap_or_else(|err| panic!("{err}\n{text}"));
        assert_eq!(back.title, entry.title);
        assert_eq!(back.body.trim_end(), entry.body.trim_end());
        assert_eq!(back.extra, entry.extra);
    }
});
