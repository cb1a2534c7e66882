//! Wall-clock time as the project file writes it: RFC 3339 UTC timestamps for
//! `created`/`modified`. The one place in the core that reads the clock.

/// The current time as an RFC 3339 UTC timestamp with whole seconds
/// (`2024-05-01T09:30:00Z`), for an annotation's `created` and `modified`.
/// The command line and the window call it once per action and pass the
/// string down, so the core itself stays deterministic.
pub fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
